import type { Interrupts } from './interrupts';
import { lastErrorLine, runTool, ToolNotFoundError } from './run-tool';
import type { Io } from '../cli/commands';
import { UserError } from '../cli/user-error';

/**
 * The environment for aws and kubectl calls in the target account: with `roleArn` (the role the stack's provider
 * assumes), temporary credentials from `aws sts assume-role` replace the caller's; without, the caller's as they are.
 */
export async function awsSessionEnv(roleArn: string | undefined, cwd: string, io: Io, interrupts: Interrupts): Promise<NodeJS.ProcessEnv> {
  if (!roleArn) return { ...process.env };
  const result = await awsCall(['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'paved-destroy', '--output', 'json'], process.env, cwd, io, interrupts);
  const credentials = (JSON.parse(result) as { Credentials?: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials;
  if (!credentials) throw new UserError([`error: destroy: aws sts assume-role ${roleArn}: answered without credentials`]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
    AWS_SESSION_TOKEN: credentials.SessionToken,
  };
  // A profile would take precedence over nothing here, but keeps confusing readers of the environment.
  delete env.AWS_PROFILE;
  return env;
}

/** Runs `aws <args>` and returns its stdout; a failure is one `error: destroy: aws ...` line. */
export async function awsCall(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, io: Io, interrupts: Interrupts): Promise<string> {
  let result;
  try {
    result = await runTool({ command: 'aws', args, cwd, env, output: 'capture' }, io, interrupts);
  } catch (e) {
    if (e instanceof ToolNotFoundError) throw new UserError(['error: destroy: aws: not found on PATH (the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)']);
    throw e;
  }
  if (result.code !== 0) throw new AwsCallError(`aws ${args.slice(0, 2).join(' ')}`, lastErrorLine(result), result.stderr);
  return result.stdout;
}

/** A failed aws call; `stderr` lets callers recognize answers such as ResourceNotFoundException. */
export class AwsCallError extends UserError {
  constructor(
    what: string,
    reason: string,
    readonly stderr: string,
  ) {
    super([`error: destroy: ${what} failed: ${reason}`]);
    this.name = 'AwsCallError';
  }
}
