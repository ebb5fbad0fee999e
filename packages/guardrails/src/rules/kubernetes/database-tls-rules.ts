import { ALWAYS } from '../../rule';
import { manifestRule } from '../define';
import { WORKLOAD_KINDS } from './workloads';

/** `sslmode=<mode>` in a connection string or JDBC property list, and the libpq variable that sets the same. */
const SSL_MODE_IN_STRING = /[?&\s]sslmode=([\w-]*)/gi;
const SSL_MODE_ENV = 'PGSSLMODE';
const VERIFIED = 'verify-full';

/**
 * Every weak setting inside a document, with its path: `sslmode=` in any string (env values, ExternalSecret templates,
 * Helm values) and `{ name: PGSSLMODE, value }` env entries.
 */
function weakModes(value: unknown, path: string, out: string[]): string[] {
  if (typeof value === 'string') {
    for (const match of value.matchAll(SSL_MODE_IN_STRING)) {
      if (match[1].toLowerCase() !== VERIFIED) out.push(`${path}: sslmode=${match[1]}`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => weakModes(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.name === SSL_MODE_ENV && typeof o.value === 'string' && o.value.toLowerCase() !== VERIFIED) {
      out.push(`${path}: ${SSL_MODE_ENV}=${o.value}`);
    }
    for (const [k, v] of Object.entries(o)) weakModes(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

export const DATABASE_TLS_RULES = [
  manifestRule({
    id: 'PAVED-K8S-TLS-001',
    title: 'PostgreSQL clients verify the server certificate and host name (sslmode=verify-full)',
    severity: ALWAYS,
    kinds: [...WORKLOAD_KINDS, 'ConfigMap', 'ExternalSecret', 'Application'],
    mirrors: [],
    rationale:
      '`require` encrypts but accepts any certificate, so anyone who can answer on the database address (a DNS or '
      + 'routing mistake, a compromised node) reads the password or IAM token. Every client the platform configures, '
      + 'services, Keycloak and the db-provisioner, uses verify-full with the RDS certificate authorities.',
    fix: 'use sslmode=verify-full with sslrootcert pointing at the RDS CA bundle (services: PGSSLROOTCERT, /etc/ssl/certs/rds-global-bundle.pem)',
    check: (d) => weakModes(d.object, '', []).map((f) => `${f} does not verify the server certificate`),
  }),
];
