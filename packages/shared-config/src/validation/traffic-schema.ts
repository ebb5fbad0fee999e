import { show } from './problem';
import { array, type Check, type Field, integer, object, oneOf, optional, required, string } from './schema';

/** Patterns the traffic fields share with the rest of the schema (passed in: platform-schema imports this file). */
interface SharedPatterns {
  readonly serviceName: { readonly pattern: RegExp; readonly allowed: string; readonly maxLength?: number };
  readonly secretName: { readonly pattern: RegExp; readonly allowed: string };
  readonly domain: { readonly pattern: RegExp; readonly allowed: string };
}

/** An IANA service name, what Kubernetes accepts as a container port name. */
const PORT_NAME = { pattern: /^(?=.{1,15}$)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/, allowed: 'a port number from 1 to 65535 or a container port name such as http' };
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const RANGE_MARKERS = /[\^~*<>=| ]|\.x\b|\.X\b|^\d+(?:\.\d+)?$/;
const VERSION_ALLOWED = 'an exact chart version such as 1.4.2: no ranges (^1, ~1, 1.x, >=1, *)';

/** A port on the callee: a number or a named container port. */
const callPort: Check = (value, path, out) => {
  if (typeof value === 'number') integer({ min: 1, max: 65535 })(value, path, out);
  else string(PORT_NAME)(value, path, out);
};

/** `'ledger'` or `{ service: 'kafka', port: 9092 }`. */
function serviceCall(patterns: SharedPatterns): Check {
  const name = string(patterns.serviceName);
  const entry = object({ service: required(name), port: optional(callPort) });
  return (value, path, out) => (typeof value === 'string' ? name(value, path, out) : entry(value, path, out));
}

/** An exact version; a range is named as such, since Argo CD would resolve it to whatever is newest at each sync. */
const chartVersion: Check = (value, path, out) => {
  if (typeof value === 'string' && !EXACT_VERSION.test(value) && RANGE_MARKERS.test(value)) {
    out.error(path, `${show(value)} is a version range`, VERSION_ALLOWED);
  } else {
    string({ pattern: EXACT_VERSION, allowed: VERSION_ALLOWED })(value, path, out);
  }
};

/** Helm values: any JSON object. */
const helmValues: Check = (value, path, out) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) out.error(path, `${show(value)} is not an object`, 'an object of Helm values');
};

/** The service fields of `calls` and `chart`. */
export function trafficFields(patterns: SharedPatterns): Record<'calls' | 'chart', Field> {
  return {
    calls: optional(array(serviceCall(patterns))),
    chart: optional(
      object({
        repoUrl: required(string({ pattern: /^(?:https|oci):\/\/[^\s/]+(?:\/[^\s]*)?$/, allowed: 'a Helm repository URL starting with https:// or oci://' })),
        name: required(string({ pattern: /^[A-Za-z0-9][\w.-]{0,252}$/, allowed: 'a chart name such as postgresql' })),
        version: required(chartVersion),
        values: optional(helmValues),
        credentialsSecret: optional(string(patterns.secretName)),
      }),
    ),
  };
}

/** `ingress.auth`. */
export const INGRESS_AUTH: Field = optional(oneOf(['sso']));

/** The platform's `sso`. */
export function ssoSchema(patterns: SharedPatterns): Check {
  return object({
    provider: required(oneOf(['google', 'github', 'oidc'])),
    issuerUrl: optional(string({ pattern: /^https:\/\/[^\s]+$/, allowed: 'an https:// issuer URL such as https://login.example.com/realms/acme' })),
    clientId: required(string({ pattern: /^[\w.@:/-]{1,256}$/, allowed: 'the OAuth client id: letters, digits and ._@:/-' })),
    clientSecret: required(string(patterns.secretName)),
    allowedDomains: optional(array(string(patterns.domain), { min: 1 })),
    allowedGroups: optional(array(string({ pattern: /^[^\s,]{1,256}$/, allowed: 'a group name without spaces or commas' }), { min: 1 })),
  });
}
