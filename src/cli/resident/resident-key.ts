import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The commands a resident process may serve: they write only through the command's output lines and never hand the
 * terminal to a child process (deploy, destroy and gitops run terraform, git and kubectl with the user's terminal,
 * and promote edits the config, so they always run in the calling process).
 */
export const RESIDENT_COMMANDS: ReadonlySet<string> = new Set(['synth', 'validate', 'check', 'cost', 'docs']);

/** Environment variables that differ between calls without changing what a command does. */
const IGNORED_ENV = new Set(['PWD', 'OLDPWD', '_', 'SHLVL', 'INIT_CWD']);

/** Unix socket paths longer than this fail to bind on Linux (108 bytes) and macOS (104). */
const MAX_SOCKET_PATH = 100;

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The compiled projects' build-info files: `tsc --build` rewrites one whenever it emits anything for that project. */
function buildInfoFiles(root: string): string[] {
  let packages: string[] = [];
  try {
    packages = fs.readdirSync(path.join(root, 'packages')).sort();
  } catch {
    // a checkout without packages/ has only the root project
  }
  return [path.join(root, 'tsconfig.tsbuildinfo'), ...packages.map((p) => path.join(root, 'packages', p, 'tsconfig.tsbuildinfo'))];
}

/**
 * Where the resident process for this checkout, this Node binary, this build and this environment listens. Everything
 * that could make a resident process answer differently from a fresh one is part of the name, so a process started
 * for an older build or another environment is never used (it exits when idle).
 *
 * @returns undefined where no resident process can be used (the socket path would be too long)
 */
export function residentSocketPath(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const hash = createHash('sha256');
  hash.update(`${process.version}\0${process.execPath}\0${process.arch}\0${root}\0`);
  for (const file of buildInfoFiles(root)) hash.update(`${file}\0${mtime(file)}\0`);
  for (const name of Object.keys(env).sort()) {
    if (!IGNORED_ENV.has(name)) hash.update(`${name}=${env[name]}\0`);
  }
  const socket = path.join(residentDir(root), `${hash.digest('hex').slice(0, 20)}.sock`);
  return socket.length <= MAX_SOCKET_PATH ? socket : undefined;
}

/** The directory of the resident sockets (mode 0700: the socket carries the user's commands and output). */
export function residentDir(root: string): string {
  return path.join(root, 'node_modules', '.paved', 'resident');
}

/**
 * Whether `bin/paved <command>` may use a resident process: not when `PAVED_RESIDENT=off`, not in CI (every run
 * there is a first run), not on Windows (no Unix sockets), and only for `RESIDENT_COMMANDS`.
 */
export function residentEligible(command: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return command !== undefined && RESIDENT_COMMANDS.has(command) && env.PAVED_RESIDENT !== 'off' && !env.CI && process.platform !== 'win32';
}
