import { detectSecretLiteral } from '@paved/shared-config';
import { parse } from 'yaml';
import type { ManifestDocument } from '../../model/manifests';
import { isObj } from '../../model/values';
import { ALWAYS, polaris } from '../../rule';
import { manifestRule } from '../define';

const APPS = ['Application', 'ApplicationSet'];

/** Helm values of every Helm source of an Application (or ApplicationSet template): valuesObject, and a values string parsed. */
function helmValues(d: ManifestDocument): { chart: string; values: unknown }[] {
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
function leaves(value: unknown, path = '', key = ''): { path: string; key: string; value: unknown }[] {
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
];
