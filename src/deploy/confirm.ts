import * as readline from 'node:readline';
import type { Interrupts } from './interrupts';

/** Asks a yes/no question; anything but `y` or `yes` is no. */
export type Confirm = (question: string) => Promise<boolean>;

/** Whether Paved may ask: both stdin and stdout are terminals. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

export interface TerminalConfirm {
  readonly confirm: Confirm;
  /** Stops reading the terminal (the process could not exit otherwise). */
  close(): void;
}

/**
 * y/N prompts on the terminal, one reader for the whole run: answers typed ahead (or pasted) are kept in order for
 * the next questions instead of being lost. End of input and Ctrl-C at the prompt answer no; Ctrl-C also counts as
 * an interrupt.
 */
export function terminalConfirm(interrupts: Interrupts): TerminalConfirm {
  let rl: readline.Interface | undefined;
  let closed = false;
  const typed: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  const open = () => {
    if (rl || closed) return;
    rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : typed.push(line)));
    rl.on('SIGINT', () => {
      interrupts.interrupt('SIGINT');
      close();
    });
    rl.on('close', () => {
      closed = true;
      waiting.splice(0).forEach((answer) => answer(undefined));
    });
  };
  const close = () => {
    closed = true;
    rl?.close();
  };
  const confirm: Confirm = async (question) => {
    open();
    process.stdout.write(`${question} [y/N] `);
    const line = typed.length ? typed.shift() : closed ? undefined : await new Promise<string | undefined>((resolve) => waiting.push(resolve));
    if (line === undefined) process.stdout.write('\n');
    return /^y(es)?$/i.test((line ?? '').trim());
  };
  return { confirm, close };
}
