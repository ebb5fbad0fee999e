import * as fs from 'node:fs';
import * as net from 'node:net';
import { format } from 'node:util';
import { frame, lineReader, type Request, type ServerFrame, type SignalFrame } from './frames';
import { startResident } from './resident-client';
import { RESIDENT_COMMANDS, residentSocketPath } from './resident-key';
import { removePendingStaging } from '../../synth/atomic-output';
import { COMMAND_TABLE } from '../command-table';
import { runCli } from '../run-cli';
import { removeWorkDirs } from '../work-dir';

/**
 * A resident process: started in the background by `bin/paved`, it loads the command modules (cdktf, cdk8s and the
 * providers' classes: most of a second) before it is needed, waits on a Unix socket for one command, runs it, starts
 * its successor and exits. Each command therefore still runs in a process of its own with fresh module state; only
 * the loading is done ahead of time. Idle ones exit after `PAVED_RESIDENT_IDLE_MS` (default 10 minutes).
 */
const IDLE_MS = Number(process.env.PAVED_RESIDENT_IDLE_MS) || 10 * 60_000;
const EXIT_ON = { SIGINT: 130, SIGTERM: 143 } as const;

async function main(root: string, socket: string): Promise<void> {
  const lock = `${socket}.starting`;
  try {
    // The lock names the process that spawned this one; from now on it names this one, so a client can tell whether
    // the resident it waits for is still loading or was killed.
    fs.writeFileSync(lock, `${process.pid}\n`);
    await Promise.all(COMMAND_TABLE.filter((c) => RESIDENT_COMMANDS.has(c.name)).map((c) => c.load()));
    // A build or an environment change while loading: a client would not pick this process, so it does not listen.
    if (residentSocketPath(root) !== socket) return;
    const server = await listen(socket);
    if (!server) return;
    fs.writeFileSync(`${socket}.pid`, `${process.pid}\n`);
    const idle = setTimeout(() => server.close(), IDLE_MS);
    // After a rebuild no client picks this process again: leave at once instead of idling with a stale build.
    const stale = setInterval(() => {
      if (residentSocketPath(root) !== socket) server.close();
    }, 5000);
    stale.unref();
    server.on('close', () => {
      clearTimeout(idle);
      clearInterval(stale);
    });
    let taken = false;
    server.on('connection', (conn) => {
      if (taken) {
        conn.destroy();
        return;
      }
      taken = true;
      server.close();
      // Gone from the directory at once: the next call starts (or finds) another process instead of queueing here.
      for (const file of [socket, `${socket}.pid`]) fs.rmSync(file, { force: true });
      serve(root, socket, conn);
    });
    server.on('close', () => {
      if (!taken) for (const file of [socket, `${socket}.pid`]) fs.rmSync(file, { force: true });
    });
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Listens on `socket`; removes a socket file nobody answers on (a killed resident), gives way to a live one. */
function listen(socket: string): Promise<net.Server | undefined> {
  const attempt = () => new Promise<net.Server | NodeJS.ErrnoException>((resolve) => {
    const server = net.createServer();
    server.once('error', (e) => resolve(e));
    server.listen(socket, () => resolve(server));
  });
  return attempt().then(async (result) => {
    if (result instanceof net.Server) return result;
    if (result.code !== 'EADDRINUSE') return undefined;
    const live = await new Promise<boolean>((resolve) => {
      const probe = net.createConnection(socket);
      probe.once('connect', () => {
        probe.destroy();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (live) return undefined;
    fs.rmSync(socket, { force: true });
    const again = await attempt();
    return again instanceof net.Server ? again : undefined;
  });
}

function serve(root: string, socket: string, conn: net.Socket): void {
  let finished = false;
  const send = (message: ServerFrame) => {
    if (!conn.destroyed) conn.write(frame(message));
  };
  // One command per process: whatever happened, the next call finds a fresh successor.
  const leave = () => {
    startResident(root, socket);
    process.exit(0);
  };
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    send({ t: 'exit', code });
    conn.end(leave);
  };
  // Whatever a library prints while the command runs goes to the caller's terminal, as it would in its own process.
  console.log = (...args: unknown[]) => send({ t: 'out', d: `${format(...args)}\n` });
  console.info = console.log;
  console.error = (...args: unknown[]) => send({ t: 'err', d: `${format(...args)}\n` });
  console.warn = console.error;
  const interrupt = (signal: keyof typeof EXIT_ON) => {
    removePendingStaging();
    removeWorkDirs();
    finish(EXIT_ON[signal]);
  };
  let started = false;
  conn.on('data', lineReader((line) => {
    if (started) {
      const message = parse<SignalFrame>(line);
      if (message?.t === 'signal' && message.signal in EXIT_ON) interrupt(message.signal);
      return;
    }
    started = true;
    const request = parse<Request>(line);
    if (!request || !Array.isArray(request.argv) || typeof request.cwd !== 'string' || !fs.existsSync(request.cwd)) {
      finished = true;
      conn.destroy();
      leave();
      return;
    }
    process.chdir(request.cwd);
    send({ t: 'accepted' });
    runCli(request.argv, {
      out: (l) => send({ t: 'out', d: `${l}\n` }),
      err: (l) => send({ t: 'err', d: `${l}\n` }),
      cwd: request.cwd,
      startupMs: request.startupMs,
    }).then(finish, (e: unknown) => {
      send({ t: 'err', d: `internal error: ${(e as Error)?.stack ?? String(e)}\n` });
      finish(70);
    });
  }));
  // The caller went away (killed, or its terminal closed): stop as an interrupted command would.
  conn.on('close', () => {
    if (!finished) {
      removePendingStaging();
      removeWorkDirs();
      leave();
    }
  });
  conn.on('error', () => conn.destroy());
}

function parse<T>(line: string): T | undefined {
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  const [root, socket] = process.argv.slice(2);
  main(root, socket).catch(() => process.exit(1));
}
