import * as fs from 'node:fs';
import { runCli } from './run-cli';
import { removeWorkDirs } from './work-dir';
import { removePendingStaging } from '../synth/atomic-output';

// pnpm runs scripts from the package root; INIT_CWD is where the user typed the command.
const initCwd = process.env.INIT_CWD;
const cwd = initCwd && fs.existsSync(initCwd) ? initCwd : process.cwd();

// `paved ... | head`: once the reader is gone, further output is dropped quietly (no EPIPE trace); the command still
// finishes, so an output directory is never left half-swapped.
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed[name] = true;
  });
}
const write = (name: 'stdout' | 'stderr', line: string) => {
  if (!closed[name]) process[name].write(`${line}\n`);
};

// Ctrl-C: remove what is being built and exit 128 + signal quietly. Commands that manage their own interrupts
// (deploy, destroy: they wait for terraform to stop) install their own listener, and then this one stands aside.
const EXIT_ON = { SIGINT: 130, SIGTERM: 143 } as const;
for (const signal of Object.keys(EXIT_ON) as (keyof typeof EXIT_ON)[]) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    removePendingStaging();
    removeWorkDirs();
    process.exit(EXIT_ON[signal]);
  });
}

runCli(process.argv.slice(2), {
  out: (line) => write('stdout', line),
  err: (line) => write('stderr', line),
  cwd,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    write('stderr', `internal error: ${(e as Error)?.stack ?? String(e)}`);
    process.exitCode = 70;
  },
);
