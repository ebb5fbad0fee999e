import { at } from '../problem';
import { entriesOf, isObject, servicesOf, type ValidationRule } from './rule';

/**
 * Secret detection for plain configuration values (service `env`, rendered manifests, Helm values).
 *
 * Two independent tests, either of which marks a value:
 * - by NAME: a word of the key says password, token, secret, API key, private key, access key or credentials, and the
 *   value is a literal that could be one. Keys whose last word says the value is a reference or a setting
 *   (`SECRET_NAME`, `TOKEN_URL`, `PASSWORD_MIN_LENGTH`, `existingSecret`, `*_FILE`) and values that cannot be a secret
 *   (numbers, durations, booleans, absolute paths, ARNs, URLs without credentials) pass.
 * - by SHAPE, whatever the key: known token prefixes (Stripe, GitHub, Slack, GitLab, npm, Google, AWS access key ids),
 *   PEM private keys, JWTs, credentials inside a URL, and long high-entropy strings.
 *
 * The detector returns what the value looks like, never the value: callers must not echo it in messages.
 */

/** Words of a key that name a secret. Plural `secrets` is deliberately absent: in charts it lists Secret names. */
const SECRET_WORDS: ReadonlySet<string> = new Set(['pass', 'passwd', 'password', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'accesskey', 'secretkey']);
/** Pairs of adjacent words that name a secret (`API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `SECRET_KEY`). */
const SECRET_PAIRS: ReadonlySet<string> = new Set(['api key', 'private key', 'access key', 'secret key', 'signing key', 'encryption key', 'master key', 'client secret']);
/** Last words that make the key a reference to, or a setting about, a secret rather than the secret itself. */
const REFERENCE_WORDS: ReadonlySet<string> = new Set([
  'name', 'names', 'file', 'files', 'path', 'dir', 'url', 'uri', 'endpoint', 'host', 'arn', 'ref', 'id', 'ids', 'ttl',
  'length', 'len', 'lifetime', 'expiry', 'expiration', 'expires', 'timeout', 'seconds', 'minutes', 'header', 'enabled',
  'policy', 'type', 'mode', 'format', 'algorithm', 'prefix', 'suffix', 'version', 'store', 'provider',
]);
/** Words before a final `key` that make the key the name of an entry of a Secret (`passwordKey`, `tokenKey`). */
const KEY_NAME_OF: ReadonlySet<string> = new Set(['password', 'passwd', 'pass', 'token', 'credential', 'credentials', 'user', 'username']);
/** Words anywhere in the key that make it a reference (`existingSecret`, `secretRef`). */
const REFERENCE_ANYWHERE: ReadonlySet<string> = new Set(['existing', 'ref', 'from']);

/** Known credential shapes, most specific first. */
const SHAPES: readonly { readonly re: RegExp; readonly what: string }[] = [
  { re: /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/, what: 'a private key' },
  { re: /^(sk|rk)_(live|test)_[0-9A-Za-z]{8,}/, what: 'a Stripe secret key' },
  { re: /^whsec_[0-9A-Za-z]{16,}/, what: 'a Stripe webhook secret' },
  { re: /^(ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{20,}|^github_pat_[0-9A-Za-z_]{20,}/, what: 'a GitHub token' },
  { re: /^xox[abposr]-[0-9A-Za-z-]{10,}/, what: 'a Slack token' },
  { re: /^glpat-[0-9A-Za-z_-]{20,}/, what: 'a GitLab token' },
  { re: /^npm_[0-9A-Za-z]{36}$/, what: 'an npm token' },
  { re: /^AIza[0-9A-Za-z_-]{35}$/, what: 'a Google API key' },
  { re: /^(AKIA|ASIA)[0-9A-Z]{16}$/, what: 'an AWS access key id' },
  { re: /^eyJ[0-9A-Za-z_-]{5,}\.eyJ[0-9A-Za-z_-]{5,}\.[0-9A-Za-z_-]*$/, what: 'a JWT' },
  { re: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: 'credentials in a URL' },
];

/** Values that cannot be a secret, whatever their key says. */
const NOT_A_SECRET = [
  /^(true|false|yes|no|on|off|null|none|enabled|disabled|required|optional)$/i,
  /^-?\d+(\.\d+)?([a-z]{1,3}|%)?$/i, // numbers, durations (15m), sizes (256Mi), percentages
  /^\.{0,2}\//, // file paths
  /^arn:aws[a-z-]*:/,
  /^https?:\/\/[^\s@]+$/i, // URLs without credentials (those are caught by shape)
  // A reference to an environment variable that a Secret fills ($VAR, ${VAR}, Grafana's $__env{VAR}), not a value.
  /^\$(\{[A-Z_][A-Z0-9_]*\}|[A-Z_][A-Z0-9_]*|__env\{[A-Z_][A-Z0-9_]*\})$/,
];

/** The minimum length of a random-looking token. */
export const HIGH_ENTROPY_MIN_LENGTH = 24;
/**
 * Shannon entropy a random-looking token must reach, as a share of the most its length allows (log2 of the length,
 * capped at 64 symbols). Measured: 0.85 (with the mixed-case and word tests below) flags about 96% of random base64 tokens of 24 to 40 characters, while
 * resource names (`kube-prometheus-stack-operator`: 3.67 of 4.91 bits) stay below it.
 */
export const HIGH_ENTROPY_SHARE = 0.85;

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** `DB_PASS` → [db, pass]; `adminPassword` → [admin, password]; `x-api-key` → [x, api, key]. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** What the key says the value is (`a literal password`), or undefined when the name says nothing secret. */
export function secretByName(key: string): string | undefined {
  const words = keyWords(key);
  if (words.length === 0) return undefined;
  if (REFERENCE_WORDS.has(words[words.length - 1]) || words.some((w) => REFERENCE_ANYWHERE.has(w))) return undefined;
  for (let i = 0; i < words.length - 1; i++) {
    const pair = `${words[i]} ${words[i + 1]}`;
    if (SECRET_PAIRS.has(pair)) return `a literal ${pair}`;
  }
  // `passwordKey`, `tokenKey`: the name of a key inside an existing Secret (Helm charts), not the secret itself.
  const last = words.length - 1;
  if (words[last] === 'key' && last > 0 && KEY_NAME_OF.has(words[last - 1])) return undefined;
  const word = words.find((w) => SECRET_WORDS.has(w));
  if (!word) return undefined;
  const noun = ['pass', 'passwd', 'pwd', 'passphrase'].includes(word) ? 'password' : word === 'credentials' ? 'credential' : word;
  return `a literal ${noun}`;
}

/** What the value's shape says it is (`a GitHub token`), or undefined. */
export function secretByShape(value: string): string | undefined {
  const v = value.trim();
  return knownShape(v) ?? (looksRandom(v) ? 'a high-entropy string' : undefined);
}

function knownShape(value: string): string | undefined {
  return SHAPES.find(({ re }) => re.test(value))?.what;
}

/**
 * A token-like string (base64 alphabet, no spaces or punctuation that names and URLs carry) of mixed case and digits,
 * without long lowercase words or separator-joined words, whose entropy is close to the maximum for its length. Hex strings (at most 4 bits a
 * character) are not caught: digests and commit ids look the same.
 */
function looksRandom(v: string): boolean {
  if (v.length < HIGH_ENTROPY_MIN_LENGTH || !/^[A-Za-z0-9+/=_-]+$/.test(v)) return false;
  if (!/\d/.test(v) || !/[a-z]/.test(v) || !/[A-Z]/.test(v) || /[a-z]{8,}/.test(v)) return false;
  // Generated identifiers (`github_deploy-role_469007E9`) are words joined by separators, not random symbols.
  if (/(^|[-_.])[a-z]{4,}([-_.]|$)/.test(v)) return false;
  return shannonEntropy(v) >= HIGH_ENTROPY_SHARE * Math.log2(Math.min(v.length, 64));
}

/**
 * Why `value` under `key` looks like a secret (`a literal password`, `a Stripe secret key`), or undefined.
 * Non-strings and empty strings are never secrets.
 */
export function detectSecretLiteral(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // Known token shapes first, then the name (the clearest message), then entropy.
  const known = knownShape(value.trim());
  if (known) return known;
  const byName = NOT_A_SECRET.some((re) => re.test(value.trim())) ? undefined : secretByName(key);
  return byName ?? secretByShape(value);
}

export const noSecretLiterals: ValidationRule = {
  id: 'no-secret-literals',
  description:
    'Plain env vars carry no secrets, by name (DB_PASS, *_TOKEN, *_API_KEY) or by shape (sk_live_, ghp_, AKIA..., '
    + 'private keys, JWTs, credentials in URLs, high-entropy strings): those come from Secrets Manager through `secrets`.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const maps: [string, unknown][] = [[at(path, 'env'), service.env]];
      for (const [name, override] of entriesOf(service.environments)) {
        maps.push([at(at(at(path, 'environments'), name), 'env'), override?.env]);
      }
      for (const [p, map] of maps) {
        for (const [key, value] of Object.entries(isObject(map) ? (map as Record<string, unknown>) : {})) {
          const what = detectSecretLiteral(key, value);
          // The value is never echoed: the message goes to CI logs.
          if (what) {
            out.error(
              at(p, key),
              `looks like a secret (${what})`,
              `move it to secrets: { ${key}: { secret: '<name in Secrets Manager>', key: '<key>' } } and create it in Secrets Manager`,
            );
          }
        }
      }
      const secrets = isObject(service.secrets) ? Object.keys(service.secrets ?? {}) : [];
      for (const key of secrets) {
        if (isObject(service.env) && key in (service.env ?? {})) {
          out.error(at(at(path, 'secrets'), key), 'is also set in env', 'each variable in env or in secrets, not both');
        }
      }
    }
  },
};
