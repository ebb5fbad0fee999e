import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RequiredSecret } from '@paved/shared-config';
import { tempDir } from './support/run-paved';
import { UserError } from '../src/cli/user-error';
import { missingSecrets } from '../src/deploy/missing-secrets';

/**
 * A stub `aws` on PATH: appends its argv and the access key it saw to STUB_LOG, then answers like the AWS CLI v2 —
 * describe-secret succeeds for the ids listed in STUB_PRESENT (with DeletedDate for STUB_DELETED), is denied for those
 * in STUB_DENIED, and says ResourceNotFoundException otherwise; assume-role returns fixed credentials.
 */
const STUB = `#!/bin/sh
echo "$*|key=\${AWS_ACCESS_KEY_ID:-none}|token=\${AWS_SESSION_TOKEN:-none}|profile=\${AWS_PROFILE:-none}" >> "$STUB_LOG"
id=""; prev=""
for a in "$@"; do [ "$prev" = "--secret-id" ] && id="$a"; prev="$a"; done
case "$1 $2" in
  "sts assume-role")
    if [ -n "$STUB_DENY_ASSUME" ]; then
      echo "" >&2
      echo "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111111111111:user/me is not authorized to perform: sts:AssumeRole" >&2
      exit 254
    fi
    echo '{"Credentials":{"AccessKeyId":"ASIAASSUMED","SecretAccessKey":"assumed-secret","SessionToken":"assumed-token","Expiration":"2030-01-01T00:00:00Z"}}'
    exit 0;;
  "secretsmanager describe-secret")
    if grep -qx "$id" "$STUB_DENIED" 2>/dev/null; then
      echo "" >&2
      echo "An error occurred (AccessDeniedException) when calling the DescribeSecret operation: User: arn:aws:sts::222222222222:assumed-role/x/y is not authorized to perform: secretsmanager:DescribeSecret" >&2
      exit 254
    fi
    if grep -qx "$id" "$STUB_DELETED" 2>/dev/null; then
      echo "{\\"Name\\": \\"$id\\", \\"DeletedDate\\": \\"2030-01-01T00:00:00+00:00\\"}"; exit 0
    fi
    if grep -qx "$id" "$STUB_PRESENT" 2>/dev/null; then
      echo "{\\"Name\\": \\"$id\\"}"; exit 0
    fi
    echo "" >&2
    echo "An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: Secrets Manager can't find the specified secret." >&2
    exit 254;;
esac
echo "stub aws: unexpected call $*" >&2
exit 2
`;

const secret = (name: string): RequiredSecret => ({ name, keys: ['k'], usedBy: ['service api (K)'], description: 'test' });
const SECRETS = ['acme/dev/api/jwt', 'acme/dev/alerting/slack-webhook', 'acme/dev/worker/queue'].map(secret);

interface Stub {
  readonly env: NodeJS.ProcessEnv;
  readonly calls: () => string[];
}

const scratch = tempDir('paved-missing-secrets-');

function stubAws(answers: { present?: string[]; denied?: string[]; deleted?: string[]; denyAssume?: boolean } = {}): Stub {
  const dir = fs.mkdtempSync(path.join(scratch, 'stub-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'aws'), STUB, { mode: 0o755 });
  const list = (file: string, names: string[] = []) => {
    fs.writeFileSync(path.join(dir, file), names.map((n) => `${n}\n`).join(''));
    return path.join(dir, file);
  };
  const log = path.join(dir, 'calls.log');
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:/usr/bin:/bin`,
    AWS_ACCESS_KEY_ID: 'AKIACALLER',
    AWS_SECRET_ACCESS_KEY: 'caller-secret',
    AWS_PROFILE: 'management',
    STUB_LOG: log,
    STUB_PRESENT: list('present', answers.present),
    STUB_DENIED: list('denied', answers.denied),
    STUB_DELETED: list('deleted', answers.deleted),
    STUB_DENY_ASSUME: answers.denyAssume ? '1' : '',
  };
  return { env, calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trimEnd().split('\n') : []) };
}

/** The UserError's lines, or a failure when the call did not throw one. */
function userErrorOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof UserError) return e.lines;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('missingSecrets', () => {
  test('all present: nothing missing, one describe-secret per secret with the caller credentials', () => {
    // GIVEN
    const stub = stubAws({ present: SECRETS.map((s) => s.name) });

    // WHEN
    const result = missingSecrets(SECRETS, { region: 'eu-west-1', env: stub.env });

    // THEN
    expect(result).toEqual({ missing: [], scheduledForDeletion: [] });
    expect(stub.calls()).toEqual(SECRETS.map((s) =>
      `secretsmanager describe-secret --secret-id ${s.name} --region eu-west-1 --output json|key=AKIACALLER|token=none|profile=management`));
  });

  test('some missing: names listed in input order, the rest found', () => {
    const stub = stubAws({ present: ['acme/dev/alerting/slack-webhook'] });

    const result = missingSecrets(SECRETS, { region: 'eu-west-1', env: stub.env });

    expect(result.missing).toEqual(['acme/dev/api/jwt', 'acme/dev/worker/queue']);
    expect(stub.calls()).toHaveLength(3);
  });

  test('a secret scheduled for deletion counts as missing and is named as such', () => {
    const stub = stubAws({ present: ['acme/dev/api/jwt', 'acme/dev/worker/queue'], deleted: ['acme/dev/alerting/slack-webhook'] });

    expect(missingSecrets(SECRETS, { region: 'eu-west-1', env: stub.env })).toEqual({
      missing: ['acme/dev/alerting/slack-webhook'],
      scheduledForDeletion: ['acme/dev/alerting/slack-webhook'],
    });
  });

  test('access denied: one error line naming the secret and the AWS error, and the check stops there', () => {
    const stub = stubAws({ denied: ['acme/dev/api/jwt'] });

    const lines = userErrorOf(() => missingSecrets(SECRETS, { region: 'eu-west-1', env: stub.env }));

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: secrets check: aws secretsmanager describe-secret --secret-id acme\/dev\/api\/jwt: An error occurred \(AccessDeniedException\) when calling the DescribeSecret operation: .*not authorized/);
    expect(stub.calls()).toHaveLength(1);
  });

  test('no aws binary: one error line', () => {
    const stub = stubAws();
    const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));

    const lines = userErrorOf(() => missingSecrets(SECRETS, { region: 'eu-west-1', env: { ...stub.env, PATH: empty } }));

    expect(lines).toEqual([expect.stringMatching(/^error: secrets check: aws: the AWS CLI was not found on PATH \(install AWS CLI v2: https:\/\/\S+\)$/)]);
  });

  test('role assumption: assume-role first, then every describe-secret with the returned credentials and no profile', () => {
    const stub = stubAws({ present: ['acme/dev/api/jwt'] });
    const roleArn = 'arn:aws:iam::222222222222:role/paved-deploy';

    const result = missingSecrets(SECRETS, { region: 'eu-west-1', roleArn, env: stub.env });

    expect(result.missing).toEqual(['acme/dev/alerting/slack-webhook', 'acme/dev/worker/queue']);
    const calls = stub.calls();
    expect(calls[0]).toBe(`sts assume-role --role-arn ${roleArn} --role-session-name paved-deploy --region eu-west-1 --output json|key=AKIACALLER|token=none|profile=management`);
    expect(calls.slice(1)).toEqual(SECRETS.map((s) =>
      `secretsmanager describe-secret --secret-id ${s.name} --region eu-west-1 --output json|key=ASIAASSUMED|token=assumed-token|profile=none`));
  });

  test('a role that cannot be assumed: one error line naming the role', () => {
    const stub = stubAws({ denyAssume: true });
    const roleArn = 'arn:aws:iam::222222222222:role/paved-deploy';

    const lines = userErrorOf(() => missingSecrets(SECRETS, { region: 'eu-west-1', roleArn, env: stub.env }));

    expect(lines).toEqual([expect.stringMatching(/^error: secrets check: aws sts assume-role --role-arn arn:aws:iam::222222222222:role\/paved-deploy: An error occurred \(AccessDenied\) when calling the AssumeRole operation: /)]);
    expect(stub.calls()).toHaveLength(1);
  });

  test('nothing to check: the CLI is not called at all', () => {
    const stub = stubAws({ denyAssume: true });
    expect(missingSecrets([], { region: 'eu-west-1', roleArn: 'arn:aws:iam::222222222222:role/x', env: stub.env })).toEqual({ missing: [], scheduledForDeletion: [] });
    expect(stub.calls()).toEqual([]);
  });

  test('the caller\'s environment is not changed', () => {
    const stub = stubAws({ present: SECRETS.map((s) => s.name) });
    const before = { ...stub.env };
    missingSecrets(SECRETS, { region: 'eu-west-1', roleArn: 'arn:aws:iam::222222222222:role/x', env: stub.env });
    expect(stub.env).toEqual(before);
  });
});
