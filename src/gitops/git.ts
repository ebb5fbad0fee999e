import { execFileSync, spawnSync } from 'node:child_process';
import { UserError } from '../cli/user-error';

export interface GitOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
}

/** What a git run printed and how it ended, for commands whose failure is an answer (push, ls-remote). */
export interface GitRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const NOT_FOUND = 'error: git: not found on PATH (install git to publish GitOps output)';

/** Runs git and returns its trimmed stdout; a failure becomes a one-line UserError naming the command. */
export function git(args: readonly string[], options: GitOptions): string {
  const run = runGit(args, options);
  if (run.status !== 0) throw new UserError([`error: git ${args[0]}: ${gitErrorDetail(run.stderr)}`]);
  return run.stdout.trim();
}

/** Like `git`, but returns undefined instead of failing (for probes such as rev-parse --verify). */
export function tryGit(args: readonly string[], options: GitOptions): string | undefined {
  try {
    return execFileSync('git', args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Runs git without throwing on a non-zero exit; only a missing git binary is an error. */
export function runGit(args: readonly string[], options: GitOptions): GitRun {
  const result = spawnSync('git', args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new UserError([NOT_FOUND]);
  if (result.error) throw new UserError([`error: git ${args[0]}: ${result.error.message}`]);
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * The line of git's stderr that says what went wrong: the first `fatal:` or `error:` line without its prefix (git
 * follows it with advice such as "Please make sure you have the correct access rights", which names no cause), else
 * the last line.
 */
export function gitErrorDetail(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const cause = lines.find((l) => /^(fatal|error):/.test(l));
  return (cause ?? lines.pop() ?? 'failed without a message').replace(/^(fatal|error):\s*/, '');
}
