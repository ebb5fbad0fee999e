import type { ManifestDocument } from '../../model/manifests';
import { ALWAYS } from '../../rule';
import { manifestRule } from '../define';

const APPS = ['Application', 'ApplicationSet'];
const FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** The Application spec of an Application, or the template spec of an ApplicationSet. */
function appSpec(d: ManifestDocument): any {
  const o = d.object as any;
  return d.kind === 'ApplicationSet' ? o.spec?.template?.spec : o.spec;
}

function sources(spec: any): any[] {
  return [...(spec?.source ? [spec.source] : []), ...(Array.isArray(spec?.sources) ? spec.sources : [])];
}

/** ArgoCD practice from ../shared/notes/gitops.md: explicit projects, explicit sync policy, pinned charts. */
export const ARGOCD_RULES = [
  manifestRule({
    id: 'PAVED-ARGO-001',
    title: 'Applications belong to an explicit project, never default',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [],
    rationale: 'The default project allows any source and any destination.',
    fix: 'set spec.project to platform (add-ons) or services (catalog services)',
    check: (d) => {
      const project = appSpec(d)?.project;
      return !project || project === 'default' ? `project is ${project ?? 'unset'}` : undefined;
    },
  }),
  manifestRule({
    id: 'PAVED-ARGO-002',
    title: 'Automated sync prunes and self-heals explicitly',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [],
    rationale: 'syncPolicy.automated neither prunes nor reverts drift unless told; Git then stops being the truth.',
    fix: 'set syncPolicy.automated.prune: true and selfHeal: true',
    check: (d) => {
      const automated = appSpec(d)?.syncPolicy?.automated;
      if (!automated) return 'syncPolicy.automated is not set';
      return [automated.prune === true ? undefined : 'automated.prune is not true', automated.selfHeal === true ? undefined : 'automated.selfHeal is not true']
        .filter((x): x is string => !!x);
    },
  }),
  manifestRule({
    id: 'PAVED-ARGO-003',
    title: 'Sync retries with backoff',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [],
    rationale: 'Add-ons race their CRDs and webhooks on first install; retries turn that into a delay instead of a failure.',
    fix: 'set syncPolicy.retry.limit and backoff',
    check: (d) => (appSpec(d)?.syncPolicy?.retry?.backoff ? undefined : 'syncPolicy.retry.backoff is not set'),
  }),
  manifestRule({
    id: 'PAVED-ARGO-004',
    title: 'Helm sources pin an exact chart version',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [],
    rationale: 'A range or "*" upgrades charts without a commit; environments drift apart.',
    fix: 'set targetRevision to an exact version from the add-on catalog',
    check: (d) => sources(appSpec(d)).filter((s) => s?.chart).filter((s) => !/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(String(s.targetRevision ?? '')))
      .map((s) => `chart ${s.chart} targetRevision ${String(s.targetRevision ?? 'unset')} is not an exact version`),
  }),
  manifestRule({
    id: 'PAVED-ARGO-005',
    title: 'Helm values are typed valuesObject, not a values string',
    severity: ALWAYS,
    kinds: APPS,
    mirrors: [],
    rationale: 'A values string hides typos until the chart renders; valuesObject is checked when rendered.',
    fix: 'pass values as helm.valuesObject',
    check: (d) => sources(appSpec(d)).filter((s) => typeof s?.helm?.values === 'string').map((s) => `chart ${s.chart} uses helm.values`),
  }),
  manifestRule({
    id: 'PAVED-ARGO-006',
    title: 'Helm-source Applications do not cascade deletes',
    severity: ALWAYS,
    kinds: ['Application'],
    mirrors: [],
    rationale: 'Deleting an add-on Application with the cascade finalizer deletes its CRDs and every resource of that kind.',
    fix: `remove the ${FINALIZER} finalizer from add-on Applications (keep it on service Applications)`,
    check: (d) => (sources(appSpec(d)).some((s) => s?.chart) && ((d.object as any).metadata?.finalizers ?? []).includes(FINALIZER) ? 'a Helm add-on carries the cascade finalizer' : undefined),
  }),
  manifestRule({
    id: 'PAVED-ARGO-007',
    title: 'ApplicationSets preserve resources on deletion',
    severity: ALWAYS,
    kinds: ['ApplicationSet'],
    mirrors: [],
    rationale: 'Removing the generator\'s match (a label on the cluster Secret) must not uninstall an add-on and its CRDs.',
    fix: 'set spec.syncPolicy.preserveResourcesOnDeletion: true',
    check: (d) => ((d.object as any).spec?.syncPolicy?.preserveResourcesOnDeletion === true ? undefined : 'preserveResourcesOnDeletion is not true'),
  }),
  manifestRule({
    id: 'PAVED-ARGO-008',
    title: 'Projects name their source repositories',
    severity: ALWAYS,
    kinds: ['AppProject'],
    mirrors: [],
    rationale: '"*" lets any repository deploy into the project\'s destinations.',
    fix: 'list the GitOps repository and the pinned chart repositories',
    check: (d) => (((d.object as any).spec?.sourceRepos ?? []).includes('*') ? 'sourceRepos contains "*"' : undefined),
  }),
  manifestRule({
    id: 'PAVED-ARGO-009',
    title: 'Only the platform project may deploy cluster-scoped kinds',
    severity: ALWAYS,
    kinds: ['AppProject'],
    mirrors: [],
    rationale: 'A service that can create ClusterRoles or CRDs can take the cluster over.',
    fix: 'limit clusterResourceWhitelist of service projects to Namespace',
    check: (d) => {
      if (d.name === 'platform') return undefined;
      const allowed = ((d.object as any).spec?.clusterResourceWhitelist ?? []) as { group?: string; kind?: string }[];
      return allowed.filter((k) => !(k.group === '' && k.kind === 'Namespace')).map((k) => `cluster kind ${k.group || 'core'}/${k.kind} is allowed`);
    },
  }),
  manifestRule({
    id: 'PAVED-ARGO-010',
    title: 'Service projects deploy only to their own namespaces',
    severity: ALWAYS,
    kinds: ['AppProject'],
    mirrors: [],
    rationale: 'A "*" destination lets a service Application write into kube-system.',
    fix: 'list each service namespace as a destination',
    check: (d) => (d.name === 'platform' ? undefined : ((d.object as any).spec?.destinations ?? []).filter((x: any) => x?.namespace === '*').map(() => 'a destination allows every namespace')),
  }),
];
