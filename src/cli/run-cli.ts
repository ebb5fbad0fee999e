import { checkCommand } from './check-command';
import type { Command, Io } from './commands';
import { costCommand } from './cost-command';
import { deployCommand } from './deploy-command';
import { destroyCommand } from './destroy-command';
import { diffCommand } from './diff-command';
import { docsCommand } from './docs-command';
import { gitopsCommand } from './gitops-command';
import { synthCommand } from './synth-command';
import { UserError, UsageError } from './user-error';
import { validateCommand } from './validate-command';

/** Every command of the `paved` CLI. Later issues register theirs here. */
export const COMMANDS: readonly Command[] = [
  validateCommand, synthCommand, checkCommand, costCommand, docsCommand, gitopsCommand, deployCommand, destroyCommand, diffCommand,
];

function help(io: Io): number {
  io.out('usage: paved <command> [options]');
  io.out('');
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  for (const c of COMMANDS) io.out(`  ${c.usage.padEnd(width)}  ${c.summary}`);
  io.out('');
  io.out('The default config is platform.config.ts in the current directory; the default output directory is out/.');
  return 0;
}

/**
 * Runs one CLI invocation and returns its exit code. User mistakes print their lines and exit 1 (2 for usage);
 * anything else is a bug in Paved and prints a stack trace.
 */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') return help(io);
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command '${name}' (one of ${COMMANDS.map((c) => c.name).join(', ')})`);
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`usage: ${command.usage}`);
      return 0;
    }
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
