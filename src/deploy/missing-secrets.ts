import { spawnSync } from 'node:child_process';
import type { RequiredSecret } from '@paved/shared-config';
import { UserError } from '../cli/user-error';

export interface MissingSecretsOptions {
  /** Region of the environment's Secrets Manager. */
  readonly region: string;
  /**
   * Role in the environment's account to assume first, when the caller's credentials belong to another account.
   * @default - the caller's credentials are used as they are
   */
  readonly roleArn?: string;
  /** Environment of the `aws` processes (credentials, PATH). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The AWS CLI binary. @default 'aws' (looked up on the PATH of `env`) */
  readonly aws?: string;
}

export interface MissingSecretsResult {
  /** Names of the secrets that do not exist (or are scheduled for deletion, which readers see as gone), in input order. */
  readonly missing: string[];
  /** The subset of `missing` that exists but is scheduled for deletion (`aws secretsmanager restore-secret` brings it back). */
  readonly scheduledForDeletion: string[];
}

/** How long one `aws` call may take before the check gives up (the CLI retries throttling by itself). */
const AWS_CALL_TIMEOUT_MS = 120_000;

/**
 * Which of the required secrets do not exist yet, asked of Secrets Manager with the AWS CLI (`describe-secret`, one
 * call per secret). Only existence is checked: the values, and so the keys inside them, are never read.
 *
 * "Not found" is an answer; every other failure (the CLI missing, access denied, a role that cannot be assumed) throws a
 * `UserError` with one line naming the problem, since a check that cannot look must not pass.
 */
export function missingSecrets(secrets: readonly RequiredSecret[], options: MissingSecretsOptions): MissingSecretsResult {
  const result: MissingSecretsResult = { missing: [], scheduledForDeletion: [] };
  if (secrets.length === 0) return result;
  const aws = options.aws ?? 'aws';
  let env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), AWS_PAGER: '' };
  if (options.roleArn) env = assumedRoleEnv(aws, options.roleArn, options.region, env);

  for (const secret of secrets) {
    const args = ['secretsmanager', 'describe-secret', '--secret-id', secret.name, '--region', options.region, '--output', 'json'];
    const call = runAws(aws, args, env);
    if (call.status === 0) {
      if (scheduledForDeletion(call.stdout)) {
        result.missing.push(secret.name);
        result.scheduledForDeletion.push(secret.name);
      }
      continue;
    }
    if (/ResourceNotFoundException/.test(call.stderr)) {
      result.missing.push(secret.name);
      continue;
    }
    throw new UserError([`error: secrets check: aws secretsmanager describe-secret --secret-id ${secret.name}: ${awsError(call)}`]);
  }
  return result;
}

/** The caller's environment with the credentials of the assumed role, and no profile that could take precedence. */
function assumedRoleEnv(aws: string, roleArn: string, region: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const args = ['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'paved-deploy', '--region', region, '--output', 'json'];
  const call = runAws(aws, args, env);
  const where = `error: secrets check: aws sts assume-role --role-arn ${roleArn}`;
  if (call.status !== 0) throw new UserError([`${where}: ${awsError(call)}`]);
  let credentials: { AccessKeyId?: unknown; SecretAccessKey?: unknown; SessionToken?: unknown } | undefined;
  try {
    credentials = JSON.parse(call.stdout).Credentials;
  } catch {
    credentials = undefined;
  }
  const { AccessKeyId, SecretAccessKey, SessionToken } = credentials ?? {};
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string' || typeof SessionToken !== 'string') {
    throw new UserError([`${where}: the answer holds no Credentials (AccessKeyId, SecretAccessKey, SessionToken)`]);
  }
  const assumed: NodeJS.ProcessEnv = {
    ...env,
    AWS_ACCESS_KEY_ID: AccessKeyId,
    AWS_SECRET_ACCESS_KEY: SecretAccessKey,
    AWS_SESSION_TOKEN: SessionToken,
  };
  // A named profile would not win over these variables, but drop it so nobody has to know that.
  delete assumed.AWS_PROFILE;
  delete assumed.AWS_DEFAULT_PROFILE;
  return assumed;
}

interface AwsCall {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runAws(aws: string, args: readonly string[], env: NodeJS.ProcessEnv): AwsCall {
  const run = spawnSync(aws, args, { env, encoding: 'utf8', timeout: AWS_CALL_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError([`error: secrets check: ${aws}: the AWS CLI was not found on PATH (install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)`]);
    }
    if (code === 'ETIMEDOUT') {
      throw new UserError([`error: secrets check: ${aws} ${args.slice(0, 2).join(' ')}: no answer within ${AWS_CALL_TIMEOUT_MS / 1000} s`]);
    }
    throw new UserError([`error: secrets check: ${aws}: ${run.error.message}`]);
  }
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

/** One line out of the CLI's stderr: the service's error when there is one (`An error occurred (Code) ...`), else the last line. */
function awsError(call: AwsCall): string {
  const lines = call.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /An error occurred \(/.test(l)) ?? lines[lines.length - 1];
  return line ?? `exit status ${call.status ?? 'unknown (killed by a signal)'}`;
}

/** `describe-secret` still answers for a secret scheduled for deletion, with `DeletedDate` set. */
function scheduledForDeletion(stdout: string): boolean {
  try {
    const answer = JSON.parse(stdout) as { DeletedDate?: unknown };
    return answer.DeletedDate !== undefined && answer.DeletedDate !== null;
  } catch {
    return false;
  }
}
