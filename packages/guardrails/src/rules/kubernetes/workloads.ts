import type { ManifestDocument } from '../../model/manifests';
import { isObj, type Obj } from '../../model/values';

/** Kinds that run pods, and where their pod spec is. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];

export function podSpec(doc: ManifestDocument): Obj | undefined {
  const o = doc.object as any;
  const spec = doc.kind === 'Pod' ? o.spec : doc.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
  return isObj(spec) ? spec : undefined;
}

export function podLabels(doc: ManifestDocument): Record<string, string> {
  const o = doc.object as any;
  const labels = doc.kind === 'Pod' ? o.metadata?.labels : doc.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.metadata?.labels : o.spec?.template?.metadata?.labels;
  return isObj(labels) ? (labels as Record<string, string>) : {};
}

export interface ContainerView {
  readonly name: string;
  readonly init: boolean;
  readonly c: any;
}

export function containers(doc: ManifestDocument, withInit = true): ContainerView[] {
  const spec = podSpec(doc) as any;
  if (!spec) return [];
  const main = (Array.isArray(spec.containers) ? spec.containers : []).map((c: any) => ({ name: String(c?.name), init: false, c }));
  const initContainers = withInit && Array.isArray(spec.initContainers) ? spec.initContainers : [];
  const init = initContainers.map((c: any) => ({ name: String(c?.name), init: true, c }));
  return [...main, ...init];
}

/** One violation per container failing `bad`, naming the container. */
export function perContainer(doc: ManifestDocument, bad: (view: ContainerView, pod: any) => string | undefined, withInit = true): string[] {
  const pod = podSpec(doc);
  return containers(doc, withInit)
    .map((view) => {
      const problem = bad(view, pod);
      return problem ? `${view.init ? 'init container' : 'container'} ${view.name}: ${problem}` : undefined;
    })
    .filter((p): p is string => p !== undefined);
}

export function matchesSelector(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
