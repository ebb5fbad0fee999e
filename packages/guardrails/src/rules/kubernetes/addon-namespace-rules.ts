import type { ManifestDocument } from '../../model/manifests';
import { ALWAYS } from '../../rule';
import { manifestRule } from '../define';

const LEVELS = ['restricted', 'baseline', 'privileged'];
/** Annotation that says why an add-on namespace runs privileged (gitops-apps `POD_SECURITY_REASON_ANNOTATION`). */
const REASON = 'paved.dev/pod-security-reason';

function appSpec(d: ManifestDocument): any {
  const o = d.object as any;
  return d.kind === 'ApplicationSet' ? o.spec?.template?.spec : o.spec;
}

/** Namespaces that add-on Applications create carry Pod Security labels. */
export const ADDON_NAMESPACE_RULES = [
  manifestRule({
    id: 'PAVED-ARGO-PSA-001',
    title: 'Namespaces that Applications create enforce a Pod Security level',
    severity: ALWAYS,
    kinds: ['Application', 'ApplicationSet'],
    mirrors: [],
    rationale:
      'A namespace created by CreateNamespace=true has no Pod Security labels, so the admission controller admits '
      + 'privileged pods, host namespaces and host paths into it; privileged is acceptable only for host agents, with the reason on record.',
    fix: 'set syncPolicy.managedNamespaceMetadata.labels pod-security.kubernetes.io/enforce (restricted, or baseline where '
      + 'the chart needs more; privileged only with a paved.dev/pod-security-reason annotation)',
    check: (d) => {
      const spec = appSpec(d);
      const options: unknown[] = Array.isArray(spec?.syncPolicy?.syncOptions) ? spec.syncPolicy.syncOptions : [];
      const namespace = spec?.destination?.namespace;
      if (!options.includes('CreateNamespace=true') || !namespace || namespace === 'kube-system') return undefined;
      const metadata = spec.syncPolicy.managedNamespaceMetadata ?? {};
      const level = metadata.labels?.['pod-security.kubernetes.io/enforce'];
      if (level === undefined) return `namespace ${namespace} is created without a pod-security.kubernetes.io/enforce label`;
      if (!LEVELS.includes(level)) return `namespace ${namespace}: pod-security.kubernetes.io/enforce is ${JSON.stringify(level)} (allowed: ${LEVELS.join(', ')})`;
      if (level === 'privileged' && !metadata.annotations?.[REASON]) return `namespace ${namespace} enforces privileged without a ${REASON} annotation`;
      return undefined;
    },
  }),
];
