import type { Interrupts } from './interrupts';
import { lastErrorLine, runTool, type ToolResult } from './run-tool';
import type { Io } from '../cli/commands';
import { UserError } from '../cli/user-error';

export interface TerraformContext {
  /** `deploy` or `destroy`: the first word of error lines. */
  readonly command: string;
  readonly io: Io;
  readonly interrupts: Interrupts;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit code of a run stopped by SIGINT or SIGTERM, as shells report it. */
export const INTERRUPTED_EXIT = 130;

/** The error that stops a command after an interrupt, once the running tool has finished. */
export function interruptedError(context: TerraformContext, during: string): UserError {
  return new UserError(
    [`error: ${context.command}: interrupted (${context.interrupts.received}) during ${during}; stopped, nothing after it ran`],
    INTERRUPTED_EXIT,
  );
}

/** Throws the interrupt error when a signal arrived since the last step. */
export function stopIfInterrupted(context: TerraformContext, during: string): void {
  if (context.interrupts.received) throw interruptedError(context, during);
}

/**
 * Runs `terraform <args>` in a stack's work dir with its output streamed under a header line. A failure stops the
 * command: `error: <command>: <stack>: terraform <verb> failed: <Terraform's last error line>`.
 */
export async function terraform(context: TerraformContext, stack: string, dir: string, args: readonly string[], hint = ''): Promise<ToolResult> {
  const verb = args[0];
  context.io.out(`==> ${stack}: terraform ${args.join(' ')}`);
  const result = await runTool({ command: 'terraform', args, cwd: dir, env: context.env }, context.io, context.interrupts);
  if (context.interrupts.received) throw interruptedError(context, `terraform ${verb} of ${stack}`);
  if (result.code !== 0) {
    throw new UserError([`error: ${context.command}: ${stack}: terraform ${verb} failed: ${lastErrorLine(result)}${hint}`]);
  }
  return result;
}
