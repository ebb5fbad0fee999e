import type { ManifestDocument } from '../../model/manifests';
import { ALWAYS, DEV_WARNING, kubeLinter, kubeScore, polaris, type SeverityByProfile } from '../../rule';
import { manifestRule } from '../define';
import { helmValues, leaves } from './helm-values-rules';

/**
 * Rules over the values Paved writes for third-party charts (`services[].chart`, issue 16). There is no helm binary to
 * render a vendor chart, so these read the values the way its templates conventionally do (`securityContext.*`,
 * `image.tag`, `service.type`) wherever they sit in the tree. What the add-on rules already check on every
 * Application's values applies to chart entries unchanged: a secret literal (PAVED-ARGO-011), privileged pods and host
 * namespaces (PAVED-ARGO-012) and the exact chart version (PAVED-ARGO-004); these rules add what a vendor chart
 * exposes beyond Paved's own add-ons.
 */

/** Prefix of the AppProject the renderer gives each chart entry (`chart-<name>`, gitops-apps third-party-chart.ts). */
export const CHART_PROJECT_PREFIX = 'chart-';

/** An Application of a third-party chart entry: the renderer puts each in its own `chart-<name>` project. */
export function isChartApplication(d: ManifestDocument): boolean {
  const project = (d.object as any)?.spec?.project;
  return d.kind === 'Application' && typeof project === 'string' && project.startsWith(CHART_PROJECT_PREFIX);
}

/** Values of a chart entry's Helm source (none for any other Application). */
function chartValues(d: ManifestDocument): { chart: string; values: unknown }[] {
  return isChartApplication(d) ? helmValues(d) : [];
}

/** The chart's Helm sources (`spec.source`, `spec.sources[]`). */
function chartSources(d: ManifestDocument): any[] {
  if (!isChartApplication(d)) return [];
  const spec = (d.object as any).spec;
  return [...(spec?.source ? [spec.source] : []), ...(Array.isArray(spec?.sources) ? spec.sources : [])];
}

/** `value` is `expected`, also when a values author quoted it (`"0"`, `"false"`): Helm templates print both alike. */
const is = (value: unknown, expected: boolean | number): boolean => value === expected || value === String(expected);

/** The last object key of a leaf path (`controller.service.type` → `service`; `a.b[0]` → `b`). */
function parentKey(path: string): string {
  const segments = path.replace(/\[\d+\]/g, '').split('.');
  return segments.length > 1 ? segments[segments.length - 2] : '';
}

/** Capabilities that give a container the node's network or kernel (`CAP_` prefix and case as the runtime accepts). */
const NODE_CAPABILITIES = ['SYS_ADMIN', 'NET_ADMIN', 'ALL'];
const SERVICE_TYPES_OUTSIDE_INGRESS = ['LoadBalancer', 'NodePort'];

/** Reported in both profiles, blocking neither: some charts need a port outside HTTP (a node's peer-to-peer port). */
const ADVISORY: SeverityByProfile = { production: 'warning', development: 'warning' };

export const CHART_VALUES_RULES = [
  manifestRule({
    id: 'PAVED-ARGO-CHART-001',
    title: 'Third-party chart values do not run pods as root',
    severity: DEV_WARNING,
    kinds: ['Application'],
    mirrors: [kubeLinter('run-as-non-root'), polaris('runAsRootAllowed'), kubeScore('container-security-context-user-group-id')],
    rationale:
      'A chart\'s namespace enforces Pod Security baseline, which admits root: runAsUser: 0 or runAsNonRoot: false in '
      + 'the values Paved writes makes its pods run as root, and a root process that escapes its container is root on the node.',
    fix: 'remove runAsUser: 0, runAsGroup: 0 and runAsNonRoot: false from services[].chart.values (set a non-zero runAsUser the image supports)',
    check: (d) => chartValues(d).flatMap(({ chart, values }) => leaves(values).flatMap(({ path, key, value }) => {
      if ((key === 'runAsUser' || key === 'runAsGroup') && is(value, 0)) return [`chart ${chart}: ${path} is 0 (root)`];
      if (key === 'runAsNonRoot' && is(value, false)) return [`chart ${chart}: ${path} is false`];
      return [];
    })),
  }),
  manifestRule({
    id: 'PAVED-ARGO-CHART-002',
    title: 'Third-party chart values add no node-level capability (SYS_ADMIN, NET_ADMIN, ALL)',
    severity: DEV_WARNING,
    kinds: ['Application'],
    mirrors: [polaris('dangerousCapabilities'), polaris('insecureCapabilities')],
    rationale:
      'SYS_ADMIN is nearly root on the node, NET_ADMIN rewrites the node\'s routes and firewall (and so every '
      + 'NetworkPolicy), ALL grants both; Pod Security baseline refuses such pods, so the chart would not even start.',
    fix: 'remove the capability from securityContext.capabilities.add in services[].chart.values (add back only NET_BIND_SERVICE-like ones the process needs)',
    check: (d) => chartValues(d).flatMap(({ chart, values }) => leaves(values)
      .filter(({ path, value }) => /(^|\.)capabilities\.add\[\d+\]$/.test(path) && typeof value === 'string'
        && NODE_CAPABILITIES.includes(value.toUpperCase().replace(/^CAP_/, '')))
      .map(({ path, value }) => `chart ${chart}: ${path} adds ${String(value)}`)),
  }),
  manifestRule({
    id: 'PAVED-ARGO-CHART-003',
    title: 'Third-party chart values pin image tags, never latest or empty',
    severity: ALWAYS,
    kinds: ['Application'],
    mirrors: [kubeLinter('latest-tag'), polaris('tagNotSpecified'), kubeScore('container-image-tag')],
    rationale:
      'The chart version is pinned, but an image tag overridden to latest (or blanked) in values moves under it: '
      + 'deploys stop being reproducible and a rollback to the same chart version runs a different image.',
    fix: 'set the image tag in services[].chart.values to an exact version (or a digest), or remove the override to run the chart\'s appVersion',
    check: (d) => chartValues(d).flatMap(({ chart, values }) => {
      const all = leaves(values);
      const hasDigest = (imagePath: string) => all.some(({ path, value }) => path === `${imagePath}.digest` && typeof value === 'string' && value.trim() !== '');
      return all.flatMap(({ path, key, value }) => {
        if (typeof value !== 'string') return [];
        if (key === 'tag' && value.trim() === 'latest') return [`chart ${chart}: ${path} is latest`];
        // An empty tag under an image block, unless a digest pins it: what it runs then is up to each chart's template.
        if (key === 'tag' && value.trim() === '' && /image/i.test(parentKey(path)) && !hasDigest(path.slice(0, -'.tag'.length))) {
          return [`chart ${chart}: ${path} is empty`];
        }
        if (/image$/i.test(key) && !value.includes('@sha256:') && /:latest$/.test(value.trim())) return [`chart ${chart}: ${path} uses latest`];
        return [];
      });
    }),
  }),
  manifestRule({
    id: 'PAVED-ARGO-CHART-004',
    title: 'Third-party chart values expose no LoadBalancer or NodePort Service',
    severity: ADVISORY,
    kinds: ['Application'],
    mirrors: [kubeLinter('exposed-services'), kubeScore('service-type')],
    rationale:
      'A LoadBalancer or NodePort Service bypasses the platform\'s ingress: no TLS from cert-manager, no WAF, no '
      + 'allow-list or single sign-on. Reported, not blocking: a chain node\'s peer-to-peer port has to be reachable this way.',
    fix: 'set the chart\'s service type to ClusterIP in services[].chart.values and expose HTTP through the chart\'s ingress (keep LoadBalancer only for a non-HTTP port that must be public, and waive this rule with the reason)',
    check: (d) => chartValues(d).flatMap(({ chart, values }) => leaves(values)
      .filter(({ path, key, value }) => typeof value === 'string' && SERVICE_TYPES_OUTSIDE_INGRESS.includes(value)
        && ((key === 'type' && /service/i.test(parentKey(path))) || /^serviceType$/i.test(key)))
      .map(({ path, value }) => `chart ${chart}: ${path} is ${String(value)}`)),
  }),
  manifestRule({
    id: 'PAVED-ARGO-CHART-005',
    title: 'Third-party charts come from an https:// or OCI repository, never plain http://',
    severity: ALWAYS,
    kinds: ['Application'],
    mirrors: [],
    rationale:
      'Argo CD fetches the chart over the URL as written: over plain HTTP anyone on the path can swap the chart, and '
      + 'with it every manifest it renders into the cluster (config validation refuses it; this catches a hand edit).',
    fix: 'set services[].chart.repoUrl to the registry\'s https:// (or oci://) address',
    check: (d) => chartSources(d).filter((s) => typeof s?.repoURL === 'string' && /^http:\/\//i.test(s.repoURL))
      .map((s) => `chart ${String(s.chart ?? '(source)')}: repoURL ${String(s.repoURL)} is plain http`),
  }),
];
