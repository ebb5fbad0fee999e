import { parseArgs } from 'node:util';
import { didYouMean } from './suggest';
import { UsageError } from './user-error';

/** The output streams a command writes to; tests pass buffers. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
  /**
   * Milliseconds between the start of the `paved` process and the command, when a resident process that had the
   * libraries loaded runs it (see `resident/`). @default - the time since this process started
   */
  readonly startupMs?: number;
}

/** A command's behaviour; its summary, flags and example live in `command-table.ts` (help without loading it). */
export interface Command {
  readonly name: string;
  run(args: string[], io: Io): Promise<number>;
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
}

/**
 * `node:util` parseArgs with errors worded for users ("unknown option '--outt' for paved synth (did you mean
 * '--out'?)"). Extra fields of the specs (help texts) are not passed on.
 */
export function parseOptions<T extends Record<string, OptionSpec>>(
  command: string,
  args: string[],
  options: T,
): { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string } {
  const specs = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, o.multiple === undefined ? { type: o.type } : { type: o.type, multiple: o.multiple }]),
  );
  try {
    const { values, positionals } = parseArgs({ args, options: specs, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`paved ${command}: unexpected argument '${positionals[0]}'`);
    return values as never;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec((e as Error).message);
    if (unknown) {
      const hint = didYouMean(unknown[1], Object.keys(options).map((name) => `--${name}`));
      throw new UsageError(`paved ${command}: unknown option '${unknown[1]}'${hint}`);
    }
    const message = (e as Error).message.replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`paved ${command}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
}
