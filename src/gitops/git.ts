import { execFileSync } from 'node:child_process';
import { UserError } from '../cli/user-error';

export interface GitOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
}

/** Runs git and returns its trimmed stdout; a failure becomes a one-line UserError naming the command. */
export function git(args: readonly string[], options: GitOptions): string {
  try {
    return execFileSync('git', args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      input: options.input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    }).trim();
  } catch (e) {
    const err = e as { stderr?: string; message: string; code?: string };
    if (err.code === 'ENOENT') throw new UserError(['error: git: not found on PATH (install git to publish GitOps output)']);
    const detail = (err.stderr ?? err.message).trim().split('\n').filter(Boolean).pop() ?? err.message;
    throw new UserError([`error: git ${args[0]}: ${detail}`]);
  }
}

/** Like `git`, but returns undefined instead of failing (for probes such as rev-parse --verify). */
export function tryGit(args: readonly string[], options: GitOptions): string | undefined {
  try {
    return execFileSync('git', args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
