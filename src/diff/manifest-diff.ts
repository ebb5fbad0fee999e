import type { ManifestObject } from './output-tree';
import { compareText, pairRenames } from './rename-pairing';
import { diffValues } from './value-diff';

/** What deleting an object of these kinds takes with it, beyond the object itself. */
const CASCADE_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export type ObjectAction = 'create' | 'update' | 'replace' | 'destroy';

export interface ObjectChange {
  /** `Kind namespace/name`, or `Kind name` when cluster-scoped: the new identity, or the old one for a destroy. */
  readonly object: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly action: ObjectAction;
  /** For a replace: the identity being deleted (a renamed object). */
  readonly previous?: string;
  /** The file under `gitops/<env>/` that holds it. */
  readonly file: string;
  /** Field paths that differ (update and replace). */
  readonly changed: readonly string[];
  /** For a destroy or replace that deletes more than the object: what. */
  readonly destroys?: string;
  /** Set on objects deleted because their whole namespace is: they are summed up in the namespace's line. */
  readonly inDeletedNamespace?: string;
}

export interface EnvironmentDiff {
  readonly environment: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Changed objects only, ordered by identity. */
  readonly objects: readonly ObjectChange[];
}

interface Entry {
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly file: string;
  readonly value: Record<string, unknown>;
}

/** Every environment of both sides, in name order. */
export function diffEnvironments(
  before: ReadonlyMap<string, readonly ManifestObject[]>,
  after: ReadonlyMap<string, readonly ManifestObject[]>,
): EnvironmentDiff[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  return names.map((env) => diffEnvironment(env, before.get(env), after.get(env)));
}

export function diffEnvironment(
  environment: string,
  before: readonly ManifestObject[] | undefined,
  after: readonly ManifestObject[] | undefined,
): EnvironmentDiff {
  const old = entriesOf(before ?? []);
  const now = entriesOf(after ?? []);
  const changes: ObjectChange[] = [];
  for (const [id, e] of now) {
    const previous = old.get(id);
    if (!previous) continue;
    const diffs = diffValues(previous.value, e.value);
    if (diffs.length > 0) changes.push({ ...base(e), action: 'update', changed: diffs.map((d) => d.path) });
  }
  const renames = pairRenames(
    [...old.values()].filter((e) => !now.has(e.id)),
    [...now.values()].filter((e) => !old.has(e.id)),
  );
  for (const { removed, added } of renames.pairs) {
    changes.push({
      ...base(added),
      action: 'replace',
      previous: identity(removed),
      changed: diffValues(removed.value, added.value).map((d) => d.path),
      destroys: destroys(removed, old),
    });
  }
  for (const e of renames.removed) changes.push({ ...base(e), action: 'destroy', changed: [], destroys: destroys(e, old) });
  for (const e of renames.added) changes.push({ ...base(e), action: 'create', changed: [] });

  // Objects in a namespace that goes away are deleted with it: say so once, on the namespace.
  const deletedNamespaces = new Set(
    changes.filter((c) => c.kind === 'Namespace' && c.action !== 'create' && c.action !== 'update').map((c) => (c.previous ?? c.object).replace(/^Namespace /, '')),
  );
  const objects = changes
    .map((c) => {
      const ns = namespaceOf(c.previous ?? c.object);
      return ns && deletedNamespaces.has(ns) && c.action !== 'create' && c.action !== 'update' ? { ...c, inDeletedNamespace: ns } : c;
    })
    .sort((a, b) => compareText(a.object, b.object) || compareText(a.previous ?? '', b.previous ?? ''));
  const status = !before ? 'added' : !after ? 'removed' : objects.length > 0 ? 'changed' : 'unchanged';
  return { environment, status, objects };
}

function entriesOf(objects: readonly ManifestObject[]): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const { file, value } of objects) {
    const apiVersion = String(value.apiVersion ?? '');
    const kind = String(value.kind ?? '');
    const metadata = (value.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const name = String(metadata.name ?? '');
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    // The API group, not the version: moving v1beta1 -> v1 updates the same object.
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'core';
    const id = `${group}/${kind}/${namespace ?? ''}/${name}`;
    entries.set(id, { id, group: `${group}/${kind}`, label: `${file}#${namespace ?? ''}/${name}`, apiVersion, kind, namespace, name, file, value });
  }
  return entries;
}

const identity = (e: Pick<Entry, 'kind' | 'namespace' | 'name'>): string => `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
const namespaceOf = (object: string): string | undefined => /^\S+ ([^/\s]+)\//.exec(object)?.[1];
const base = (e: Entry) => ({ object: identity(e), apiVersion: e.apiVersion, kind: e.kind, file: e.file });

/** What goes with a deleted object: everything in a namespace, a claim's volume, what a cascading Application deployed. */
function destroys(e: Entry, old: ReadonlyMap<string, Entry>): string | undefined {
  if (e.kind === 'Namespace') {
    const inside = [...old.values()].filter((o) => o.namespace === e.name).length;
    return `every object in namespace ${e.name} (${inside} in this output, plus whatever else runs there)`;
  }
  if (e.kind === 'PersistentVolumeClaim') return 'its volume and the data on it (reclaim policy Delete, the default of dynamic provisioning)';
  if (e.kind === 'Application') {
    const finalizers = ((e.value.metadata as { finalizers?: unknown })?.finalizers ?? []) as unknown[];
    if (finalizers.includes(CASCADE_FINALIZER)) {
      const destination = (e.value.spec as { destination?: { namespace?: unknown } } | undefined)?.destination?.namespace;
      return `everything ArgoCD deployed for it${typeof destination === 'string' ? ` (destination namespace ${destination})` : ''}, through its ${CASCADE_FINALIZER}`;
    }
  }
  return undefined;
}
