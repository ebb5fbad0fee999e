import { parseArgs } from 'node:util';
import { UsageError } from './user-error';

/** The output streams a command writes to; tests pass buffers. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: Io): Promise<number>;
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
}

/** `node:util` parseArgs with errors worded for users ("unknown option --x for paved synth"). */
export function parseOptions<T extends Record<string, OptionSpec>>(
  command: string,
  args: string[],
  options: T,
): { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string } {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`paved ${command}: unexpected argument '${positionals[0]}'`);
    return values as never;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const message = (e as Error).message.replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`paved ${command}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
}
