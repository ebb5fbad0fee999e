import { requiredSecrets } from '@paved/shared-config';
import type { RequiredSecret, ResolvedEnvironment, ResolvedPlatform } from '@paved/shared-config';

/** Placeholder secret string: a JSON object with one placeholder per key, or a plain placeholder value without keys. */
export function placeholderSecretString(secret: RequiredSecret): string {
  if (secret.keys.length === 0) return '<value>';
  // JSON.stringify so the command always carries valid JSON, whatever the key names.
  return JSON.stringify(Object.fromEntries(secret.keys.map((key) => [key, `<${key}>`])));
}

/** A word as POSIX shells read it: bare when it is plain, else single-quoted (a `'` inside becomes `'\''`). */
const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

/**
 * The AWS CLI command that creates a required secret with placeholder values, encrypted with the environment's secrets
 * key (the one key external-secrets may decrypt with).
 */
export function createSecretCommand(secret: RequiredSecret, options: { readonly region: string; readonly kmsKeyId: string }): string {
  return [
    'aws secretsmanager create-secret',
    `--name ${shellQuote(secret.name)}`,
    `--kms-key-id ${shellQuote(options.kmsKeyId)}`,
    `--secret-string ${shellQuote(placeholderSecretString(secret))}`,
    `--region ${options.region}`,
  ].join(' ');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The "Secrets to create" section of an environment page: every secret the config reads that nobody else creates. */
export function secretsSection(platform: ResolvedPlatform, env: ResolvedEnvironment): string[] {
  const secrets = requiredSecrets(platform, env.name);
  const out = ['## Secrets to create', ''];
  if (secrets.length === 0) {
    out.push(
      'None: nothing in this environment reads a secret you create. Terraform creates the data stores\' connection secrets.',
      '',
    );
    return out;
  }
  const kmsKeyId = env.naming.kmsAlias('secrets');
  out.push(
    `Create these in AWS Secrets Manager of account ${env.account}, region ${env.region}, after \`${env.name}-cluster\` ` +
      `(which creates the key \`${kmsKeyId}\` they are encrypted with) and before \`${env.name}-platform\`: ` +
      '`paved deploy` checks that they exist and names the missing ones. External Secrets copies them into the cluster ' +
      `and may read names under \`${env.naming.secretsPrefix()}\` only. Terraform creates the data stores' connection secrets itself.`,
    '',
    '| secret | keys | used by | holds |',
    '| --- | --- | --- | --- |',
    ...secrets.map((s) => `| \`${s.name}\` | ${s.keys.length ? s.keys.map((k) => `\`${cell(k)}\``).join(', ') : '(plain string)'} | ${cell(s.usedBy.join('; '))} | ${cell(s.description)} |`),
    '',
    'Replace the placeholders with the real values (or pass `--secret-string file://value.json` to keep them out of the shell history):',
    '',
    '```sh',
    ...secrets.map((s) => createSecretCommand(s, { region: env.region, kmsKeyId })),
    '```',
    '',
  );
  return out;
}
