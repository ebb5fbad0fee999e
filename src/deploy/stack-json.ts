import * as fs from 'node:fs';

/** The parts of a synthesized cdk.tf.json that deploy and destroy read. */
export interface StackJson {
  readonly provider?: { readonly aws?: readonly AwsProviderBlock[] };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

interface AwsProviderBlock {
  readonly alias?: string;
  readonly assume_role?: readonly { readonly role_arn?: string }[] | { readonly role_arn?: string };
}

export function readStackJson(file: string): StackJson | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson) : undefined;
}

/** The role the stack's default AWS provider assumes, if any (the target account's deploy role). */
export function assumedRole(stack: StackJson | undefined): string | undefined {
  const main = stack?.provider?.aws?.find((p) => !p.alias);
  const assume = main?.assume_role;
  return (Array.isArray(assume) ? assume[0] : (assume as { role_arn?: string } | undefined))?.role_arn;
}
