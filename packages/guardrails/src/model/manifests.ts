import { isObj, type Obj, strAt } from './values';

/** A Kubernetes object of a rendered GitOps file. */
export interface ManifestDocument {
  /** Environment folder the file lives in (`gitops/<env>/...`). */
  readonly environment: string;
  /** Path relative to the output root: `gitops/<env>/<file>`. */
  readonly file: string;
  /** 1-based line where the document starts. */
  readonly line: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Namespace as written; undefined when the manifest names none. */
  readonly namespace?: string;
  /** `gitops/<env>/<file>#<kind>/<namespace>/<name>`, or `#<kind>/<name>` without a namespace. */
  readonly address: string;
  readonly object: Obj;
}

/** A YAML file that could not be read as Kubernetes objects. */
export interface ManifestProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export function manifestAddress(file: string, kind: string, name: string, namespace?: string): string {
  return `${file}#${kind}/${namespace ? `${namespace}/` : ''}${name}`;
}

/** Builds a document from a parsed object; undefined for YAML that is not a Kubernetes object. */
export function toManifestDocument(environment: string, file: string, line: number, object: unknown): ManifestDocument | undefined {
  if (!isObj(object)) return undefined;
  const apiVersion = object.apiVersion;
  const kind = object.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const name = strAt(object, 'metadata.name') ?? '(unnamed)';
  const namespace = strAt(object, 'metadata.namespace');
  return { environment, file, line, apiVersion, kind, name, namespace, address: manifestAddress(file, kind, name, namespace), object };
}

/** Kinds that are never namespaced (the built-in ones and the CRDs Paved renders). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'IngressClass',
  'PriorityClass',
  'RuntimeClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ClusterIssuer',
  'ClusterSecretStore',
  'ClusterExternalSecret',
  'ClusterGenerator',
]);

/** Every document of one environment, indexed for cross-object rules (selectors, references). */
export class ManifestModel {
  private readonly byEnvKind = new Map<string, ManifestDocument[]>();
  private readonly byEnv = new Map<string, ManifestDocument[]>();

  constructor(readonly documents: readonly ManifestDocument[]) {
    for (const doc of documents) {
      const key = `${doc.environment}\u0000${doc.kind}`;
      if (!this.byEnvKind.has(key)) this.byEnvKind.set(key, []);
      this.byEnvKind.get(key)!.push(doc);
      if (!this.byEnv.has(doc.environment)) this.byEnv.set(doc.environment, []);
      this.byEnv.get(doc.environment)!.push(doc);
    }
  }

  /** Documents of `kind` in an environment, optionally only in `namespace`. */
  ofKind(environment: string, kind: string, namespace?: string): readonly ManifestDocument[] {
    const list = this.byEnvKind.get(`${environment}\u0000${kind}`) ?? [];
    return namespace === undefined ? list : list.filter((d) => effectiveNamespace(d) === namespace);
  }

  inEnvironment(environment: string): readonly ManifestDocument[] {
    return this.byEnv.get(environment) ?? [];
  }

  find(environment: string, kind: string, name: string, namespace?: string): ManifestDocument | undefined {
    return this.ofKind(environment, kind, namespace).find((d) => d.name === name);
  }
}

/** The namespace an object lands in: as written, `default` when a namespaced object names none. */
export function effectiveNamespace(doc: ManifestDocument): string | undefined {
  if (CLUSTER_SCOPED_KINDS.has(doc.kind)) return undefined;
  return doc.namespace ?? 'default';
}
