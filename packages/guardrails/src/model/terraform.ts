import { allStrings, isObj, type Obj } from './values';

/** One synthesized stack: `terraform/stacks/<name>/cdk.tf.json`. */
export interface TerraformStackInput {
  readonly name: string;
  /** Environment the stack belongs to; undefined for platform-wide stacks (checked with the production profile). */
  readonly environment?: string;
  /** Path relative to the output root, such as `terraform/stacks/prod-data/cdk.tf.json`. */
  readonly file: string;
  readonly json: Obj;
  /** The file's text, used only to find line numbers of findings. */
  readonly text?: string;
}

export type ResourceMode = 'managed' | 'data';

/** A resource or data source of a stack, with its address. */
export interface TfResource {
  readonly stack: string;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  /** Terraform's own address inside the stack: `aws_db_instance.main` or `data.aws_iam_policy_document.x`. */
  readonly ref: string;
  /** Paved's address: `<stack>:<ref>`. */
  readonly address: string;
  readonly attrs: Obj;
}

/** A reference inside an interpolation: `${aws_kms_key.main.arn}` is { mode: managed, type, name, attribute: 'arn' }. */
export interface TfReference {
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  /** First attribute after the name (`arn`, `outputs` for remote state). */
  readonly attribute?: string;
  /** The rest of the traversal after `attribute`, such as the output name of a remote state. */
  readonly rest: readonly string[];
}

const INTERPOLATION = /\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;
const TRAVERSAL = /(?<![\w.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_-]+|\[\d+\])*)/g;
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'path', 'terraform', 'each', 'count', 'self']);

/** Every resource reference in the interpolations of a value (deep). */
export function referencesIn(value: unknown): TfReference[] {
  const refs: TfReference[] = [];
  for (const s of allStrings(value)) {
    if (!s.includes('${')) continue;
    for (const m of s.matchAll(INTERPOLATION)) {
      for (const t of m[1].matchAll(TRAVERSAL)) {
        const [, data, type, name, tail] = t;
        if (!data && NOT_RESOURCES.has(type)) continue;
        if (!data && !type.includes('_')) continue; // function calls and keywords, never resource types
        const parts = tail.split('.').filter(Boolean).map((p) => p.replace(/\[\d+\]$/, ''));
        refs.push({ mode: data ? 'data' : 'managed', type, name, attribute: parts[0], rest: parts.slice(1) });
      }
    }
  }
  return refs;
}

/** All stacks of an output, indexed by type, with reference resolution (same stack and across remote state). */
export class TerraformModel {
  readonly resources: readonly TfResource[];
  private readonly byStack = new Map<string, TerraformStackInput>();
  private readonly byType = new Map<string, TfResource[]>();
  private readonly byRef = new Map<string, TfResource>();
  private readonly stateKeys = new Map<string, string>();

  constructor(readonly stacks: readonly TerraformStackInput[]) {
    const all: TfResource[] = [];
    for (const stack of stacks) {
      this.byStack.set(stack.name, stack);
      const key = (stack.json.terraform as Obj | undefined)?.backend;
      if (isObj(key)) {
        for (const backend of Object.values(key)) {
          if (isObj(backend) && typeof backend.key === 'string') this.stateKeys.set(backend.key, stack.name);
        }
      }
      for (const mode of ['managed', 'data'] as const) {
        const section = stack.json[mode === 'managed' ? 'resource' : 'data'];
        if (!isObj(section)) continue;
        for (const [type, byName] of Object.entries(section)) {
          if (!isObj(byName)) continue;
          for (const [name, raw] of Object.entries(byName)) {
            const attrs = Array.isArray(raw) ? raw[0] : raw;
            if (!isObj(attrs)) continue;
            const ref = mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`;
            const resource: TfResource = { stack: stack.name, mode, type, name, ref, address: `${stack.name}:${ref}`, attrs };
            all.push(resource);
            this.byRef.set(resource.address, resource);
            const key2 = `${mode}:${type}`;
            if (!this.byType.has(key2)) this.byType.set(key2, []);
            this.byType.get(key2)!.push(resource);
          }
        }
      }
    }
    this.resources = all;
  }

  stack(name: string): TerraformStackInput | undefined {
    return this.byStack.get(name);
  }

  /** Managed resources of `type`, optionally only in `stack`. */
  ofType(type: string, stack?: string): readonly TfResource[] {
    const list = this.byType.get(`managed:${type}`) ?? [];
    return stack === undefined ? list : list.filter((r) => r.stack === stack);
  }

  dataOfType(type: string, stack?: string): readonly TfResource[] {
    const list = this.byType.get(`data:${type}`) ?? [];
    return stack === undefined ? list : list.filter((r) => r.stack === stack);
  }

  /** The resource at `<stack>:<ref>`. */
  get(stack: string, ref: string): TfResource | undefined {
    return this.byRef.get(`${stack}:${ref}`);
  }

  /** Outputs of a stack: name → value. */
  outputs(stack: string): Obj {
    const out = this.byStack.get(stack)?.json.output;
    return isObj(out) ? out : {};
  }

  /**
   * The resources a value refers to, seen from `stack`: direct references, and references through
   * `data.terraform_remote_state.<x>.outputs.<name>` to the producing stack's output (cdktf's cross-stack references).
   */
  resolve(stack: string, value: unknown, depth = 0): TfResource[] {
    const found: TfResource[] = [];
    for (const ref of referencesIn(value)) {
      if (ref.mode === 'data' && ref.type === 'terraform_remote_state' && ref.attribute === 'outputs' && depth < 3) {
        const state = this.get(stack, `data.terraform_remote_state.${ref.name}`);
        const producer = state ? this.producerOf(state) : undefined;
        const output = producer && ref.rest[0] ? this.outputs(producer)[ref.rest[0]] : undefined;
        if (producer && isObj(output)) found.push(...this.resolve(producer, output.value, depth + 1));
        continue;
      }
      const target = this.get(stack, ref.mode === 'managed' ? `${ref.type}.${ref.name}` : `data.${ref.type}.${ref.name}`);
      if (target) found.push(target);
    }
    return found;
  }

  /** True when `value` refers to `target` (by reference, or by a literal equal to one of the target's identifiers). */
  refersTo(stack: string, value: unknown, target: TfResource, identifiers: readonly string[] = ['id', 'arn', 'name', 'bucket']): boolean {
    if (this.resolve(stack, value).some((r) => r.address === target.address)) return true;
    const literals = identifiers.map((k) => target.attrs[k]).filter((v): v is string => typeof v === 'string' && !v.includes('${'));
    return literals.length > 0 && allStrings(value).some((s) => literals.includes(s) || literals.some((l) => s.endsWith(`:${l}`) || s.endsWith(`/${l}`)));
  }

  private producerOf(state: TfResource): string | undefined {
    const config = state.attrs.config;
    const key = isObj(config) ? config.key : undefined;
    if (typeof key === 'string' && this.stateKeys.has(key)) return this.stateKeys.get(key);
    // Local backends (tests, `cdktf` without a remote backend) name the producing stack's state file.
    const path = isObj(config) ? config.path : undefined;
    if (typeof path === 'string') return [...this.byStack.keys()].find((s) => path.includes(`/${s}/`) || path.includes(`${s}.tfstate`));
    return undefined;
  }

  /** 1-based line of a resource's block in its stack file, if the file's text is known. */
  lineOf(resource: TfResource): number | undefined {
    const text = this.byStack.get(resource.stack)?.text;
    if (!text) return undefined;
    const section = text.indexOf(resource.mode === 'managed' ? '"resource": {' : '"data": {');
    if (section < 0) return undefined;
    const typeAt = text.indexOf(`"${resource.type}": {`, section);
    if (typeAt < 0) return undefined;
    const nameAt = text.indexOf(`"${resource.name}": `, typeAt);
    const offset = nameAt < 0 ? typeAt : nameAt;
    let line = 1;
    for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  }
}
