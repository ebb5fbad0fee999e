import { CHART_BACKENDS } from '@paved/shared-config';
import type { RenderedFile } from '../platform/environment-tree';
import type { Manifest } from '../yaml';
import { schemaValidator } from './schema-validators';

/** One problem of the rendered tree: the file, the document, what is wrong. */
export interface RenderProblem {
  readonly file: string;
  readonly document: string;
  readonly message: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kinds whose names are DNS-1123 labels (they become DNS names or label values); the rest are subdomains. */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

const id = (d: Manifest) => `${d.kind} ${d.metadata.namespace ? `${d.metadata.namespace}/` : ''}${d.metadata.name}`;
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/**
 * Validates every document of a rendered tree (paths relative to the GitOps root, `<env>/...`): the published schema of
 * its kind, and what schemas cannot see: DNS-1123 names, a schema for every kind, selectors matching their pod
 * template, every Application path present in the tree, every Service, Ingress, HPA, PDB and NetworkPolicy aimed at
 * something that exists.
 */
export function validateRendered(files: readonly RenderedFile[], repoPath = ''): RenderProblem[] {
  const problems: RenderProblem[] = [];
  const all = files.flatMap((f) => f.documents.map((d) => ({ file: f.path, doc: d })));
  const report = (file: string, doc: Manifest, message: string) => problems.push({ file, document: id(doc), message });
  const dirs = new Set(files.map((f) => f.path.slice(0, f.path.lastIndexOf('/'))));

  for (const { file, doc } of all) {
    const validate = schemaValidator(doc.apiVersion, doc.kind);
    if (!validate) {
      report(file, doc, `no published schema for ${doc.apiVersion} ${doc.kind} (add one to schema-validators.ts)`);
    } else {
      try {
        validate(doc);
      } catch (e) {
        report(file, doc, `schema: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    const name = doc.metadata?.name ?? '';
    const rule = LABEL_NAMED.has(doc.kind) ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
    if (!rule.test(name) || name.length > (LABEL_NAMED.has(doc.kind) ? 63 : 253)) {
      report(file, doc, `name '${name}' is not a DNS-1123 ${LABEL_NAMED.has(doc.kind) ? 'label' : 'subdomain'}`);
    }
  }

  // The GitOps repository: the source of each environment's root Application.
  const gitopsRepos = new Set(all.filter(({ doc }) => doc.kind === 'Application' && doc.metadata.name === 'root').map(({ doc }) => (doc as any).spec?.source?.repoURL));
  const inNamespace = (ns: string | undefined, kind: string) => all.filter(({ doc }) => doc.kind === kind && doc.metadata.namespace === ns);
  const podLabels = (ns: string | undefined) =>
    [
      ...[...inNamespace(ns, 'Deployment'), ...inNamespace(ns, 'StatefulSet'), ...inNamespace(ns, 'Job')].map(({ doc }) => (doc as any).spec?.template?.metadata?.labels),
      ...inNamespace(ns, 'CronJob').map(({ doc }) => (doc as any).spec?.jobTemplate?.spec?.template?.metadata?.labels),
      // Pods of charts (Grafana, Argo CD's server) that rendered NetworkPolicies select.
      ...CHART_BACKENDS.filter((b) => b.namespace === ns).map((b) => b.podLabels),
    ] as Record<string, string>[];

  for (const { file, doc } of all) {
    const spec = (doc as any).spec;
    const ns = doc.metadata.namespace;
    switch (doc.kind) {
      case 'Deployment':
      case 'StatefulSet':
        if (!matches(spec?.selector?.matchLabels, spec?.template?.metadata?.labels)) report(file, doc, 'selector does not match the pod template labels');
        break;
      case 'Service':
        if (!podLabels(ns).some((l) => matches(spec?.selector, l))) report(file, doc, 'selector matches no pod template in its namespace');
        break;
      case 'PodDisruptionBudget':
        if (!podLabels(ns).some((l) => matches(spec?.selector?.matchLabels, l))) report(file, doc, 'selector matches no pod template in its namespace');
        break;
      case 'NetworkPolicy':
        // An empty podSelector selects every pod of the namespace (default deny); otherwise it must select something.
        if (Object.keys(spec?.podSelector?.matchLabels ?? {}).length > 0 && !podLabels(ns).some((l) => matches(spec.podSelector.matchLabels, l))) {
          report(file, doc, 'podSelector matches no pod template in its namespace');
        }
        break;
      case 'HorizontalPodAutoscaler': {
        const target = spec?.scaleTargetRef;
        if (!inNamespace(ns, target?.kind).some(({ doc: d }) => d.metadata.name === target?.name)) report(file, doc, `scaleTargetRef ${target?.kind} ${target?.name} does not exist`);
        break;
      }
      case 'Ingress':
        for (const rule of spec?.rules ?? []) {
          for (const p of rule.http?.paths ?? []) {
            const svc = p.backend?.service;
            const target = inNamespace(ns, 'Service').find(({ doc: d }) => d.metadata.name === svc?.name);
            // A chart's Service (Grafana, Argo CD's server), created at install: its name and port are known facts.
            const chart = CHART_BACKENDS.find((b) => b.namespace === ns && b.service === svc?.name);
            if (chart) {
              if (svc.port?.name !== chart.portName && svc.port?.number !== chart.port) report(file, doc, `backend service ${svc.name} has no port ${svc.port?.name ?? svc.port?.number}`);
            } else if (!target) {report(file, doc, `backend service ${svc?.name} does not exist`);} else if (!((target.doc as any).spec?.ports ?? []).some((port: any) => port.name === svc.port?.name || port.port === svc.port?.number)) {
              report(file, doc, `backend service ${svc.name} has no port ${svc.port?.name ?? svc.port?.number}`);
            }
          }
        }
        break;
      case 'Application': {
        const path: string | undefined = spec?.source?.path;
        // Paths of other repositories (the Gateway API CRDs at their tag) are not in the tree.
        if (path !== undefined && (gitopsRepos.size === 0 || gitopsRepos.has(spec.source.repoURL))) {
          const relative = repoPath && path.startsWith(`${repoPath}/`) ? path.slice(repoPath.length + 1) : path;
          if (!dirs.has(relative)) report(file, doc, `source path ${path} is not in the rendered tree`);
        }
        break;
      }
      default:
    }
  }
  return problems;
}
