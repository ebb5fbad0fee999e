import { detectSecretLiteral, findRetired } from '@paved/shared-config';
import { parse } from 'yaml';
import type { ManifestDocument } from '../../model/manifests';
import { isObj } from '../../model/values';
import { ALWAYS, polaris } from '../../rule';
import { manifestRule } from '../define';

const APPS = ['Application', 'ApplicationSet'];
const ESO_KINDS = ['ExternalSecret', 'SecretStore', 'ClusterSecretStore', 'ClusterExternalSecret'];

/** Helm values of every Helm source of an Application (or ApplicationSet template): valuesObject, and a values string parsed. */
export function helmValues(d: ManifestDocument): { chart: string; values: unknown }[] {
  const o = d.object as any;
  const spec = d.kind === 'ApplicationSet' ? o.spec?.template?.spec : o.spec;
  const sources = [...(spec?.source ? [spec.source] : []), ...(Array.isArray(spec?.sources) ? spec.sources : [])];
  return sources.filter((s: any) => s?.helm).flatMap((s: any) => {
    const chart = String(s.chart ?? s.path ?? '(source)');
    const out: { chart: string; values: unknown }[] = [];
    if (s.helm.valuesObject !== undefined) out.push({ chart, values: s.helm.valuesObject });
    if (typeof s.helm.values === 'string') {
      try {
        out.push({ chart, values: parse(s.helm.values) });
      } catch {
        // PAVED-ARGO-005 already rejects values strings; an unparsable one has nothing to check here.
      }
    }
    return out;
  });
}

/** Every leaf of a values tree with its dotted path and the key it sits under (list items inherit their parent's key). */
export function leaves(value: unknown, path = '', key = ''): { path: string; key: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`, key));
  if (isObj(value)) return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k, k));
  return [{ path, key, value }];
}

/** Settings that give a chart's pods the node: key → the value that is dangerous. */
const HOST_ACCESS: Readonly<Record<string, unknown>> = {
  privileged: true,
  hostNetwork: true,
  hostPID: true,
  hostIPC: true,
  allowPrivilegeEscalation: true,
};

export const HELM_VALUES_RULES = [
  manifestRule({
    id: 'PAVED-ARGO-011',
    title: 'Helm values of add-on Applications hold no plaintext secret',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [],
    rationale:
      'Values of add-on Applications are committed to the GitOps branch: an adminPassword or a token there is readable '
      + 'by every repository reader. Charts take credentials from an existing Secret (existingSecret, admin.existingSecret) '
      + 'that an ExternalSecret fills from Secrets Manager.',
    fix: 'point the chart at an existing Secret (existingSecret / *.existingSecret) filled by an ExternalSecret, and remove the literal',
    check: (d) => helmValues(d).flatMap(({ chart, values }) => leaves(values).flatMap(({ path, key, value }) => {
      // Go templates of ApplicationSets (`{{ .metadata.annotations.x }}`) are references, not literals.
      if (typeof value === 'string' && value.includes('{{')) return [];
      const what = detectSecretLiteral(key, value);
      return what ? [`chart ${chart}: ${path} looks like a secret (${what})`] : [];
    })),
  }),
  manifestRule({
    id: 'PAVED-ARGO-012',
    title: 'Helm values of add-on Applications give no pod the node',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [polaris('privilegedContainer'), polaris('hostNetworkSet'), polaris('hostPIDSet')],
    rationale:
      'Charts render the pods ArgoCD applies, out of sight of the manifest rules: privileged, hostNetwork, hostPID, '
      + 'hostIPC or allowPrivilegeEscalation set in values reach the node the same way as in a hand-written Deployment.',
    fix: 'remove the setting from valuesObject (or waive it for the add-on that needs it, with the reason)',
    check: (d) => helmValues(d).flatMap(({ chart, values }) => leaves(values)
      .filter(({ key, value }) => key in HOST_ACCESS && (value === HOST_ACCESS[key] || value === String(HOST_ACCESS[key])))
      .map(({ path }) => `chart ${chart}: ${path} is true`)),
  }),
  manifestRule({
    id: 'PAVED-ARGO-013',
    title: 'No retired or end-of-life chart, image or External Secrets API',
    severity: ALWAYS,
    kinds: [...APPS, ...ESO_KINDS],
    mirrors: [],
    rationale:
      'A retired component gets no security fixes (ingress-nginx, Promtail, Grafana Agent, Argo CD 2), and a retired '
      + 'API no longer applies (External Secrets serves only external-secrets.io/v1 since 0.17). The list, with dates '
      + 'and sources, is packages/shared-config/src/versions/retired-components.ts.',
    fix: 'move to the replacement the finding names (the catalog pins current versions; remove version overrides that pin old ones)',
    check: (d) => {
      const o = d.object as any;
      if (!APPS.includes(d.kind)) {
        const api = findRetired('api', String(o.apiVersion));
        return api ? [`${o.apiVersion} is retired since ${api.retired} (${api.source}): use ${api.instead}`] : [];
      }
      const spec = d.kind === 'ApplicationSet' ? o.spec?.template?.spec : o.spec;
      const sources = [...(spec?.source ? [spec.source] : []), ...(Array.isArray(spec?.sources) ? spec.sources : [])];
      const charts = sources.filter((s: any) => typeof s?.chart === 'string').flatMap((s: any) => {
        const retired = findRetired('chart', s.chart, typeof s.targetRevision === 'string' ? s.targetRevision : undefined);
        return retired ? [`chart ${s.chart} ${s.targetRevision ?? ''} is retired since ${retired.retired} (${retired.source}): use ${retired.instead}`] : [];
      });
      const images = helmValues(d).flatMap(({ chart, values }) => leaves(values)
        .filter(({ key, value }) => key === 'image' && typeof value === 'string')
        .flatMap(({ path, value }) => {
          const ref = value as string;
          const at = ref.lastIndexOf(':');
          const [name, tag] = at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
          const retired = findRetired('image', name, tag);
          return retired ? [`chart ${chart}: ${path} ${ref} is retired since ${retired.retired} (${retired.source}): use ${retired.instead}`] : [];
        }));
      return [...charts, ...images];
    },
  }),
  manifestRule({
    id: 'PAVED-ARGO-014',
    title: 'Loki requires a tenant and a password: multi-tenant mode behind the gateway\'s basic auth',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [],
    rationale:
      'Without auth_enabled Loki serves every tenant\'s logs to whoever reaches it, and without the gateway\'s basic '
      + 'auth any pod of the cluster can push or read logs, which hold request data, tokens printed by mistake and '
      + 'internal addresses. The htpasswd comes from Secrets Manager through an ExternalSecret, never from values.',
    fix: 'keep the loki add-on\'s loki.auth_enabled: true and gateway.basicAuth { enabled: true, existingSecret } (remove the override that turns them off)',
    check: (d) => helmValues(d).filter(({ chart }) => chart === 'loki').flatMap(({ values }) => {
      const v = values as any;
      const problems: string[] = [];
      if (v?.loki?.auth_enabled !== true) problems.push('loki.auth_enabled is not true (single-tenant: every log readable without a tenant)');
      const basicAuth = v?.gateway?.basicAuth;
      if (v?.gateway?.enabled === false || basicAuth?.enabled !== true) {
        problems.push('gateway.basicAuth.enabled is not true (no password in front of Loki)');
      } else if (typeof basicAuth.existingSecret !== 'string' || basicAuth.existingSecret === '') {
        problems.push('gateway.basicAuth has no existingSecret (the chart would take the password from values, that is from Git)');
      }
      return problems;
    }),
  }),
];
