import { effectiveNamespace, type ManifestDocument } from '../../model/manifests';
import { ALWAYS, type RuleContext } from '../../rule';
import { manifestRule } from '../define';

/** A ClusterSecretStore is limited when every entry of `spec.conditions` names namespaces (by list, selector or regex). */
function limitedToNamespaces(store: ManifestDocument): boolean {
  const conditions = (store.object as any).spec?.conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) return false;
  return conditions.every((c: any) => (Array.isArray(c?.namespaces) && c.namespaces.length > 0)
    || (Array.isArray(c?.namespaceRegexes) && c.namespaceRegexes.length > 0)
    || (c?.namespaceSelector && typeof c.namespaceSelector === 'object' && Object.keys(c.namespaceSelector).length > 0));
}

function checkStore(d: ManifestDocument, c: RuleContext): string[] {
  const spec = (d.object as any).spec ?? {};
  if (d.kind === 'ClusterSecretStore') {
    return limitedToNamespaces(d) ? [] : ['ClusterSecretStore has no spec.conditions limiting the namespaces that may use it'];
  }
  if (d.kind === 'SecretStore') {
    const aws = spec.provider?.aws;
    if (!aws) return [];
    const ns = effectiveNamespace(d);
    if (typeof aws.role !== 'string' || aws.role === '') return [`SecretStore reads with the controller's own identity (no spec.provider.aws.role), not a role of namespace ${ns}`];
    return aws.role.endsWith(`-secrets-${ns}`) ? [] : [`SecretStore assumes ${aws.role}, not the reader role of its namespace ${ns} (<org>-<env>-secrets-${ns})`];
  }
  // ExternalSecret: a reference to a cluster-wide store is only acceptable when that store is limited to namespaces.
  const ref = spec.secretStoreRef ?? {};
  if (ref.kind !== 'ClusterSecretStore') return [];
  const store = c.manifests.find(d.environment, 'ClusterSecretStore', ref.name);
  if (!store) return [`reads through ClusterSecretStore ${ref.name}, which is not rendered here (any namespace may use a store applied by hand)`];
  return limitedToNamespaces(store) ? [] : [`reads through ClusterSecretStore ${ref.name}, which any namespace may use`];
}

/** Secret stores are the namespace boundary of External Secrets: one per namespace, through that namespace's role. */
export const SECRET_STORE_RULES = [
  manifestRule({
    id: 'PAVED-K8S-STORE-001',
    title: 'Secret stores serve one namespace, through that namespace\'s reader role',
    severity: ALWAYS,
    kinds: ['ClusterSecretStore', 'SecretStore', 'ExternalSecret'],
    mirrors: [],
    rationale:
      'A ClusterSecretStore without conditions lets an ExternalSecret in any namespace read every secret the store\'s '
      + 'identity can read; a SecretStore with another namespace\'s role (or none) does the same from one namespace.',
    fix: 'reference the SecretStore of the ExternalSecret\'s own namespace (Paved renders one per reading namespace, with '
      + 'role <org>-<env>-secrets-<namespace>); a ClusterSecretStore needs spec.conditions naming its namespaces',
    check: (d, c) => checkStore(d, c),
  }),
];
