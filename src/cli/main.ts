import * as fs from 'node:fs';
import { runCli } from './run-cli';

// pnpm runs scripts from the package root; INIT_CWD is where the user typed the command.
const initCwd = process.env.INIT_CWD;
const cwd = initCwd && fs.existsSync(initCwd) ? initCwd : process.cwd();

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
