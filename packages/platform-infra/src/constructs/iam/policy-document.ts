export interface PolicyStatement {
  readonly sid: string;
  /** Empty with `notActions`. */
  readonly actions: readonly string[];
  /** Every action but these (`NotAction`); `actions` must then be empty. */
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  /** Every resource but these (`NotResource`), for denies with exceptions; exclusive with `resources`. */
  readonly notResources?: readonly string[];
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny';
  readonly principals?: readonly { readonly type: string; readonly identifiers: readonly string[] }[];
  readonly conditions?: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

/** An IAM policy as a JSON string; references inside stay Terraform references (`${...}` within the string). */
export interface PolicyDocument {
  readonly json: string;
}

/**
 * An IAM policy document, written as JSON at synth time with statements in the order given. Not a
 * `data.aws_iam_policy_document`: a data source per policy costs a read per policy at every plan, and was a sixth of
 * the synth time here.
 */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const document = {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect ?? 'Allow',
      ...(s.principals ? { Principal: principalBlock(s.principals) } : {}),
      ...(s.notActions ? { NotAction: [...s.notActions] } : { Action: [...s.actions] }),
      ...(s.resources ? { Resource: [...s.resources] } : {}),
      ...(s.notResources ? { NotResource: [...s.notResources] } : {}),
      ...(s.conditions ? { Condition: conditionBlock(s.conditions) } : {}),
    })),
  };
  return { json: JSON.stringify(document) };
}

function principalBlock(principals: NonNullable<PolicyStatement['principals']>): '*' | Record<string, string[]> {
  if (principals.some((p) => p.type === '*')) return '*';
  return Object.fromEntries(principals.map((p) => [p.type, [...p.identifiers]]));
}

function conditionBlock(conditions: NonNullable<PolicyStatement['conditions']>): Record<string, Record<string, string[]>> {
  const block: Record<string, Record<string, string[]>> = {};
  for (const c of conditions) (block[c.test] ??= {})[c.variable] = [...c.values];
  return block;
}

/** A statement that denies every S3 request not made over TLS. */
export function tlsOnlyStatement(resources: readonly string[]): PolicyStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    actions: ['s3:*'],
    resources,
    principals: [{ type: '*', identifiers: ['*'] }],
    conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
  };
}
