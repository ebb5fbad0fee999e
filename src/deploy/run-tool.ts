import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { Interrupts } from './interrupts';
import type { Io } from '../cli/commands';

export interface ToolCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * `stream`: stdout and stderr go to the user line by line as they come (Terraform's plan);
   * `capture`: both are only returned (JSON answers of aws and kubectl);
   * `inherit`: the tool owns the terminal (cdktf's own prompts).
   * @default 'stream'
   */
  readonly output?: 'stream' | 'capture' | 'inherit';
}

export interface ToolResult {
  /** Exit code; null when the tool died of a signal. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The tool is not on PATH (or not executable). */
export class ToolNotFoundError extends Error {
  constructor(readonly command: string) {
    super(`${command}: not found on PATH`);
    this.name = 'ToolNotFoundError';
  }
}

/** Runs one external tool to its end; the caller decides what a non-zero exit means. */
export function runTool(call: ToolCall, io: Io, interrupts: Interrupts): Promise<ToolResult> {
  const mode = call.output ?? 'stream';
  // spawn reports a missing cwd as ENOENT, which would read as a missing tool.
  if (!fs.existsSync(call.cwd)) return Promise.reject(new Error(`${call.command}: working directory ${call.cwd} does not exist`));
  return new Promise((resolve, reject) => {
    const child = spawn(call.command, call.args, {
      cwd: call.cwd,
      env: call.env ?? process.env,
      stdio: mode === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal Ctrl-C reaches Paved only, which forwards it once (Terraform treats a
      // second interrupt as "exit immediately", which could leave a state lock behind). A tool that owns the terminal
      // stays in the foreground group and gets the terminal's signals directly.
      detached: mode !== 'inherit',
    });
    const untrack = mode === 'inherit' ? () => true : interrupts.track(child);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const pipe = (stream: NodeJS.ReadableStream | null, chunks: string[], write: (line: string) => void) => {
      if (!stream) return;
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        chunks.push(chunk);
        if (mode !== 'stream') return;
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        lines.forEach((l) => write(l));
      });
      stream.on('end', () => {
        if (mode === 'stream' && pending) write(pending);
      });
    };
    pipe(child.stdout, stdout, io.out);
    pipe(child.stderr, stderr, io.err);
    child.on('error', (e: NodeJS.ErrnoException) => {
      untrack();
      reject(e.code === 'ENOENT' || e.code === 'EACCES' ? new ToolNotFoundError(call.command) : e);
    });
    child.on('close', (code) => {
      untrack();
      resolve({ code, stdout: stdout.join(''), stderr: stderr.join('') });
    });
  });
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The last error Terraform (or another tool) reported: the last `Error: ...` line of its diagnostics (box-drawing
 * borders and colours removed), else the last non-empty line it printed, else its exit status.
 */
export function lastErrorLine(result: ToolResult): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.replace(/^[\s│╷╵|]+/, '').trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /^(Error|error)\b:?/.test(l));
  const last = errors.at(-1) ?? result.stderr.replace(ANSI, '').split('\n').map((l) => l.replace(/^[\s│╷╵|]+/, '').trim()).filter(Boolean).at(-1);
  if (last) return last.replace(/^(Error|error):\s*/, '');
  return result.code === null ? 'killed by a signal' : `exit status ${result.code}`;
}
