import { COMMAND_TABLE } from './command-table';
import { type Io, parseOptions } from './commands';
import { commandHelp, topLevelHelp } from './help';
import { didYouMean } from './suggest';
import { UserError, UsageError } from './user-error';
import { pavedVersion } from './version';

const HELP = ['help', '--help', '-h'];
const VERSION = ['--version', '-V', 'version'];

/**
 * Runs one CLI invocation and returns its exit code. User mistakes print their lines and exit 1 (2 for usage);
 * anything else is a bug in Paved and prints a stack trace.
 */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (!name || HELP.includes(name)) {
      const entry = name === 'help' && args[0] ? COMMAND_TABLE.find((c) => c.name === args[0]) : undefined;
      (entry ? commandHelp(entry) : topLevelHelp()).forEach((l) => io.out(l));
      return 0;
    }
    if (VERSION.includes(name)) {
      io.out(`paved ${pavedVersion()}`);
      return 0;
    }
    const entry = COMMAND_TABLE.find((c) => c.name === name);
    if (!entry) {
      const names = COMMAND_TABLE.map((c) => c.name);
      const hint = name.startsWith('-') ? didYouMean(name, ['--help', '--version']) : didYouMean(name, names);
      throw new UsageError(name.startsWith('-')
        ? `unknown option '${name}'${hint} (a command comes first: one of ${names.join(', ')})`
        : `unknown command '${name}'${hint} (one of ${names.join(', ')})`);
    }
    if (args.includes('--help') || args.includes('-h')) {
      commandHelp(entry).forEach((l) => io.out(l));
      return 0;
    }
    // A mistyped flag is known before the command loads its libraries (most of a second for cdktf and cdk8s): the
    // same check the command makes first, with the same words, so a usage error answers at once.
    // Only for a command of one word and no operands (gitops, upgrade and promote parse their own first words).
    const form = entry.forms.find((f) => f.words === entry.name && f.operands === undefined);
    if (form) parseOptions(form.words, args, form.flags);
    const command = await entry.load();
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UserError) {
      e.lines.forEach((l) => io.err(l));
      return e.exitCode;
    }
    io.err('internal error: paved failed unexpectedly; please report this with the trace below');
    io.err((e as Error)?.stack ?? String(e));
    return 70;
  }
}
