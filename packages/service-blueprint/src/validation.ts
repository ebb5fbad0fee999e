import type { SecretReference } from './settings';

/**
 * Field rules shared with the platform's services catalog (`@paved/shared-config`): the blueprint cannot depend on it
 * (a jsii module takes no workspace dependencies), so the rules are restated here and the workspace's end-to-end test
 * validates a generated descriptor with the platform's own `validatePlatform`.
 */
export const RULES = {
  serviceName: { pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/, maxLength: 30, allowed: 'a DNS label of at most 30 characters: lowercase letters, digits and single hyphens, starting with a letter' },
  organization: { pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))+$/, maxLength: 12, allowed: 'the organization of platform.config.ts: 2-12 lowercase letters, digits and single hyphens, starting with a letter' },
  environment: { pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/, maxLength: 16, allowed: 'an environment name of platform.config.ts: a DNS label of at most 16 characters' },
  team: { pattern: /^[\w .-]{1,63}$/, allowed: 'a team name of up to 63 letters, digits, spaces and ._-' },
  account: { pattern: /^\d{12}$/, allowed: 'a 12-digit AWS account id' },
  region: { pattern: /^[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}$/, allowed: 'an AWS region such as eu-west-1' },
  ecrRepository: { pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, maxLength: 256, allowed: 'an ECR repository name such as acme-orders' },
  roleName: { pattern: /^[\w+=,.@-]{1,64}$/, allowed: 'an IAM role name such as acme-ci-push' },
  githubRepo: { pattern: /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, allowed: "a GitHub repository 'owner/name'" },
  branch: { pattern: /^(?!\/)(?!.*\.\.)[\w./-]+(?<!\/)$/, allowed: 'a Git branch name such as main' },
  jsonPath: { pattern: /^[\w.-]+(?:\/[\w.-]+)*\.json$/, allowed: 'a relative path ending in .json, such as services/orders.json' },
  host: { pattern: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, allowed: 'a DNS label such as orders, or a full host name inside the platform domain' },
  cpu: { pattern: /^(?:[1-9]\d*m|\d+(?:\.\d+)?)$/, allowed: 'a CPU quantity such as 250m or 1' },
  memory: { pattern: /^[1-9]\d*(?:Mi|Gi)$/, allowed: 'a memory quantity such as 256Mi or 1Gi' },
  envVarName: { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'letters, digits and underscores, not starting with a digit' },
  secretName: { pattern: /^[\w+=.@-]+(?:\/[\w+=.@-]+)*$/, allowed: 'a Secrets Manager name such as orders/stripe' },
  secretKey: { pattern: /^[\w.-]+$/, allowed: 'a JSON key' },
  codeOwner: { pattern: /^@[A-Za-z0-9][\w-]*(?:\/[\w.-]+)?$|^[^@\s]+@[^@\s]+$/, allowed: "a GitHub user '@name', team '@org/team' or an e-mail address" },
  pythonModule: { pattern: /^[a-z_][a-z0-9_]*$/, maxLength: 64, allowed: 'a Python package name: lowercase letters, digits and underscores, not starting with a digit' },
  pythonVersion: { pattern: /^3\.(1[1-9]|[2-9]\d)$/, allowed: "a Python version 'major.minor' from 3.11, such as 3.13" },
  origin: { pattern: /^https:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, allowed: 'an https origin such as https://api.example.com (no path)' },
  resourceReference: { pattern: /^(?:bucket|queue-name|queue-url|topic-arn|table):[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/, allowed: "'<kind>:<name>' with a kind of bucket, queue-name, queue-url, topic-arn or table, and a construct name such as jobs" },
  resourceDeclaration: { pattern: /^(?:bucket|queue|topic|table):[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/, allowed: "'<type>:<name>' with a type of bucket, queue, topic or table, and a construct name such as archive" },
  dependencyVersion: { pattern: /^(?:[\^~]?\d+\.\d+\.\d+(?:-[\w.]+)?|file:\/[^\s]+\.tgz)$/, allowed: 'an npm version such as ^1.2.0, or file:/absolute/path.tgz' },
  image: { pattern: /^[\w][\w.\/:@-]*$/, allowed: 'an image reference such as node:24.21.0-slim (optionally @sha256:...)' },
} as const;

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;
// Credentials in URLs, PEM keys, and the token prefixes of the platform's own check (shared-config secret-rules.ts;
// this jsii package has no runtime dependency to import it from): AWS keys, Stripe, GitHub, Slack, GitLab, npm.
const SECRET_VALUE =
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@|-----BEGIN [A-Z ]*PRIVATE KEY-----|^(AKIA|ASIA)[0-9A-Z]{16}$|^(sk|rk)_(live|test)_|^whsec_|^gh[pousr]_|^github_pat_|^xox[abposr]-|^glpat-|^npm_[A-Za-z0-9]{20,}/;

/** A rejected option: names the option, the value received and what is allowed. */
export class OptionError extends Error {
  constructor(option: string, value: unknown, allowed: string) {
    super(`PavedService: option '${option}' is ${JSON.stringify(value)}; expected ${allowed}`);
    this.name = 'OptionError';
  }
}

type Rule = { readonly pattern: RegExp; readonly maxLength?: number; readonly allowed: string };

export function checkString(option: string, value: string, rule: Rule): string {
  if (typeof value !== 'string' || !rule.pattern.test(value) || (rule.maxLength !== undefined && value.length > rule.maxLength)) {
    throw new OptionError(option, value, rule.allowed);
  }
  return value;
}

export function checkInteger(option: string, value: number, min: number, max: number, unit = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionError(option, value, `an integer from ${min} to ${max}${unit ? ` ${unit}` : ''}`);
  }
  return value;
}

export function checkEnv(env: { [name: string]: string }, secrets: { [name: string]: SecretReference }): void {
  for (const [name, value] of Object.entries(env)) {
    checkString(`env.${name}`, name, RULES.envVarName);
    if (typeof value !== 'string') throw new OptionError(`env.${name}`, value, 'a string');
    if (SECRET_NAME.test(name) || SECRET_VALUE.test(value)) {
      // The value is never echoed: it may be a real credential, and errors end up in CI logs.
      throw new OptionError(`env.${name}`, '(value hidden)', `no secret in plain configuration: move it to secrets: { ${name}: { secret: '<name in Secrets Manager>' } }`);
    }
    if (name in secrets) throw new OptionError(`env.${name}`, value, 'each variable in env or in secrets, not both');
  }
  for (const [name, ref] of Object.entries(secrets)) {
    checkString(`secrets.${name}`, name, RULES.envVarName);
    checkString(`secrets.${name}.secret`, ref.secret, RULES.secretName);
    if (ref.key !== undefined) checkString(`secrets.${name}.key`, ref.key, RULES.secretKey);
  }
}
