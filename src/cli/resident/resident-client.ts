import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { frame, lineReader, type ServerFrame } from './frames';
import { residentDir, residentSocketPath } from './resident-key';

/** A resident process that has not answered the request by then is not used (the command runs in this process). */
const ACCEPT_TIMEOUT_MS = 2000;
/** A start-up lock older than this belongs to a resident process that never came up. */
const STARTING_STALE_MS = 30_000;
/**
 * How long a call waits for a resident process that is loading (about a second here). Waiting costs nothing: running
 * the command here would load the same libraries, on the same two cores as the process that is loading them.
 */
const STARTING_WAIT_MS = 3000;
/** A lock this young may still name the process that spawned the resident, before the resident wrote its own pid. */
const STARTING_HANDOVER_MS = 1000;
const EXIT_ON = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Runs `argv` in the resident process of this checkout when one is ready, relaying its output and exit code.
 * Otherwise starts one in the background for the next call and returns undefined: the caller then runs the command
 * itself, so the first call costs what it always did.
 */
export async function runResident(root: string, argv: string[], cwd: string): Promise<number | undefined> {
  const socket = residentSocketPath(root);
  if (!socket) return undefined;
  let code = await relay(socket, argv, cwd);
  // A call right after another finds the successor still loading: wait for it rather than load everything twice.
  if (code === undefined && (await startingComesUp(socket))) code = await relay(socket, argv, cwd);
  if (code === undefined) startResident(root, socket);
  return code;
}

/** True when a resident process for `socket` is loading and listens within STARTING_WAIT_MS. */
async function startingComesUp(socket: string): Promise<boolean> {
  const lock = `${socket}.starting`;
  const deadline = Date.now() + STARTING_WAIT_MS;
  while (Date.now() < deadline) {
    if (fs.existsSync(socket)) return true;
    if (!isStarting(lock)) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** Whether the start-up lock names a live process, or is young enough to be handed over to one. */
function isStarting(lock: string): boolean {
  try {
    const age = Date.now() - fs.statSync(lock).mtimeMs;
    if (age < STARTING_HANDOVER_MS) return true;
    if (age > STARTING_STALE_MS) return false;
    process.kill(Number(fs.readFileSync(lock, 'utf8')), 0);
    return true;
  } catch {
    // no lock, or its process is gone (a resident killed while loading)
    return false;
  }
}

function relay(socket: string, argv: string[], cwd: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    let accepted = false;
    let finished = false;
    const closed = { stdout: false, stderr: false };
    const conn = net.createConnection(socket);
    const timer = setTimeout(() => conn.destroy(), ACCEPT_TIMEOUT_MS);
    // In its own process an interrupted command exits 128 + signal even when its work had just finished; so here.
    let signalled: keyof typeof EXIT_ON | undefined;
    const onSignal = (signal: keyof typeof EXIT_ON) => () => {
      signalled ??= signal;
      if (!conn.destroyed) conn.write(frame({ t: 'signal', signal }));
    };
    const handlers = { SIGINT: onSignal('SIGINT'), SIGTERM: onSignal('SIGTERM') };
    const done = (code: number | undefined) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      for (const [signal, handler] of Object.entries(handlers)) process.removeListener(signal, handler);
      resolve(code);
    };
    const write = (name: 'stdout' | 'stderr', text: string) => {
      if (!closed[name]) process[name].write(text);
    };
    for (const name of ['stdout', 'stderr'] as const) {
      // `paved ... | head`: the reader left; drop further output quietly, as the in-process command does.
      process[name].on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        closed[name] = true;
      });
    }
    conn.on('connect', () => conn.write(frame({ argv, cwd, startupMs: Math.round(performance.now()) })));
    conn.on('data', lineReader((line) => {
      const message = JSON.parse(line) as ServerFrame;
      if (message.t === 'accepted') {
        accepted = true;
        clearTimeout(timer);
        // From here the command runs there: Ctrl-C is passed on and the resident process cleans up and answers 130.
        for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
      } else if (message.t === 'out') {
        write('stdout', message.d);
      } else if (message.t === 'err') {
        write('stderr', message.d);
      } else if (message.t === 'exit') {
        done(signalled ? EXIT_ON[signalled] : message.code);
      }
    }));
    conn.on('error', () => conn.destroy());
    conn.on('close', () => {
      if (finished) return;
      if (!accepted) return done(undefined);
      write('stderr', 'error: paved: the resident process ended before the command finished; run it again (PAVED_RESIDENT=off runs every command in its own process)\n');
      done(70);
    });
  });
}

/** Starts a resident process for `socket` in the background, unless one is already starting. */
export function startResident(root: string, socket: string): void {
  const dir = residentDir(root);
  const lock = `${socket}.starting`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs < STARTING_STALE_MS) return;
      fs.rmSync(lock, { force: true });
    } catch {
      // no lock: nobody is starting one
    }
    fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
    const server = path.join(__dirname, 'resident-server.js');
    spawn(process.execPath, [server, root, socket], { cwd: root, detached: true, stdio: 'ignore', env: process.env }).unref();
  } catch {
    // A read-only checkout or a lost race: this call and the next run in their own process, as without residents.
  }
}
