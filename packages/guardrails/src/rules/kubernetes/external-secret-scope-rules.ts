import { effectiveNamespace } from '../../model/manifests';
import { ALWAYS } from '../../rule';
import { manifestRule } from '../define';
import { WORKLOAD_KINDS } from './workloads';

/** Secrets Manager keys an ExternalSecret reads: `data[].remoteRef.key` and `dataFrom[].extract.key`. */
function remoteKeys(spec: any): string[] {
  const data = Array.isArray(spec?.data) ? spec.data.map((d: any) => d?.remoteRef?.key) : [];
  const from = Array.isArray(spec?.dataFrom) ? spec.dataFrom.map((d: any) => d?.extract?.key) : [];
  return [...data, ...from].filter((k): k is string => typeof k === 'string');
}

export const EXTERNAL_SECRET_SCOPE_RULES = [
  manifestRule({
    id: 'PAVED-K8S-ESO-001',
    title: 'ExternalSecrets read only their own environment\'s and namespace\'s secrets',
    severity: ALWAYS,
    kinds: ['ExternalSecret'],
    mirrors: [],
    rationale:
      'Secret names are <org>/<env>/<service or data store>/...: an ExternalSecret in namespace api that names '
      + '<org>/<env>/worker/... or another environment\'s prefix copies another team\'s credentials into its namespace. '
      + 'The store\'s IAM scope is the runtime guard; this rule stops the reference in review.',
    fix: 'reference only <org>/<env>/<own service>/... and the data stores the service declares in dependsOn',
    check: (d, c) => {
      const own = effectiveNamespace(d);
      const environments = new Set(c.manifests.documents.map((x) => x.environment));
      const services = new Set(WORKLOAD_KINDS.flatMap((k) => c.manifests.ofKind(d.environment, k))
        .map((w) => effectiveNamespace(w))
        .filter((n): n is string => !!n && n !== own));
      return remoteKeys((d.object as any).spec).flatMap((key) => {
        const segments = key.split('/');
        if (segments.length >= 2 && environments.has(segments[1]) && segments[1] !== d.environment) {
          return [`reads ${key}, a secret of environment ${segments[1]}`];
        }
        const other = segments.slice(2).find((s) => services.has(s));
        return other ? [`reads ${key}, a secret of namespace ${other}`] : [];
      });
    },
  }),
];
