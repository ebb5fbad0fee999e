import { interpolationsIn, traversalsIn } from './terraform-references';

/**
 * The copy of a stack's Terraform JSON that `terraform validate` can check offline, where the provider mirror holds
 * only some providers (here the AWS provider).
 *
 * Each resource, data source and ephemeral resource of a provider the mirror lacks (helm, kubernetes, ...) becomes a
 * `terraform_data` resource whose `input` holds the original arguments, so that Terraform still parses and
 * type-checks every expression in them (a helm_release's `values` included). The provider configurations of those
 * providers become `terraform_data` resources the same way, and their `required_providers` entries are dropped.
 * References to swapped objects (`helm_release.x.status`, `depends_on = ["helm_release.x"]`) are rewritten to the
 * `terraform_data` (`terraform_data.helm_release--x.output.status`). Everything of a mirrored provider is kept as it
 * is, ephemeral blocks included.
 *
 * What this cannot check: the arguments of a swapped resource against its provider's schema (a misspelled
 * `helm_release` argument passes), only that every expression in them is valid.
 */
export interface OfflineCopyOptions {
  /** The providers the mirror has, as source address => the version to validate against (`registry.terraform.io/hashicorp/aws`). */
  readonly mirrored: Readonly<Record<string, string>>;
  /**
   * Resource types of a mirrored provider that the mirrored version predates (`aws_eks_capability` needs hashicorp/aws
   * 6.25.0): swapped like the resources of a missing provider, so their expressions are still checked. Callers must
   * say so where the result is reported.
   */
  readonly unavailableTypes?: readonly string[];
}

export interface OfflineCopy {
  readonly json: Record<string, any>;
  /** The swapped addresses, original => replacement (`helm_release.argocd` => `terraform_data.helm_release--argocd`). */
  readonly swapped: ReadonlyMap<string, string>;
  /** The local names of the providers that were dropped (`helm`). */
  readonly droppedProviders: readonly string[];
}

/** Meta-arguments that stay on the `terraform_data` rather than going into its input. */
const KEPT_META = ['count', 'for_each', 'depends_on'];
/** Meta-arguments with no meaning for a `terraform_data` (its provider, provisioners). */
const DROPPED_META = ['//', 'provider', 'provisioner', 'connection', 'lifecycle'];

/** `aws`, `hashicorp/aws` and `registry.terraform.io/hashicorp/aws` are one provider. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join('/')}`;
  return parts.join('/');
}

/** Returns the offline copy of one stack's Terraform JSON; the input is not modified. */
export function offlineCopy(stackJson: Record<string, any>, options: OfflineCopyOptions): OfflineCopy {
  const json = structuredClone(stackJson);
  const required: Record<string, any> = json.terraform?.required_providers ?? {};
  const mirrored = new Map(Object.entries(options.mirrored).map(([source, version]) => [providerAddress(source), version]));

  // The local name of every provider of the configuration, and whether the mirror has it.
  const isMirrored = (localName: string): boolean => {
    if (localName === 'terraform') return true; // built in: terraform_data, terraform_remote_state
    const entry = required[localName];
    const source = typeof entry === 'string' ? localName : entry?.source ?? localName;
    return mirrored.has(providerAddress(source));
  };
  const providerOf = (type: string, body: Record<string, any>): string =>
    typeof body.provider === 'string' ? body.provider.replace(/^\$\{|\}$/g, '').split('.')[0] : type.split('_')[0];

  const swapped = new Map<string, string>();
  const replacements: Record<string, any> = {};
  const swap = (block: 'resource' | 'data' | 'ephemeral') => {
    const byType: Record<string, Record<string, any>> = json[block] ?? {};
    for (const [type, byName] of Object.entries(byType)) {
      for (const [name, body] of Object.entries(byName)) {
        if (isMirrored(providerOf(type, body)) && !options.unavailableTypes?.includes(type)) continue;
        const original = block === 'resource' ? `${type}.${name}` : `${block}.${type}.${name}`;
        const replacement = block === 'resource' ? `${type}--${name}` : `${block}--${type}--${name}`;
        swapped.set(original, `terraform_data.${replacement}`);
        replacements[replacement] = asTerraformData(body);
        delete byName[name];
      }
      if (Object.keys(byName).length === 0) delete byType[type];
    }
    if (json[block] && Object.keys(json[block]).length === 0) delete json[block];
  };
  swap('resource');
  swap('data');
  swap('ephemeral');

  // Provider configurations of dropped providers: their expressions are checked the same way.
  const droppedProviders = new Set<string>();
  for (const [localName, configs] of Object.entries<any>(json.provider ?? {})) {
    if (isMirrored(localName)) continue;
    droppedProviders.add(localName);
    const list: Record<string, any>[] = Array.isArray(configs) ? configs : [configs];
    list.forEach((config, i) => {
      const { alias, ...args } = config;
      replacements[`provider--${localName}--${alias ?? i}`] = { input: args };
    });
    delete json.provider[localName];
  }
  if (json.provider && Object.keys(json.provider).length === 0) delete json.provider;
  for (const localName of Object.keys(required)) {
    if (!isMirrored(localName)) {
      droppedProviders.add(localName);
      delete required[localName];
    }
  }
  for (const [localName, entry] of Object.entries<any>(required)) {
    const version = mirrored.get(providerAddress(typeof entry === 'string' ? localName : entry.source ?? localName));
    if (version && typeof entry === 'object') entry.version = version;
  }

  if (Object.keys(replacements).length > 0) {
    json.resource ??= {};
    json.resource.terraform_data = { ...json.resource.terraform_data, ...replacements };
  }
  rewriteReferences(json, swapped);
  return { json, swapped, droppedProviders: [...droppedProviders] };
}

/** The `terraform_data` standing in for one resource: its arguments as input, write-only ones made non-ephemeral. */
function asTerraformData(body: Record<string, any>): Record<string, any> {
  const input: Record<string, any> = {};
  const data: Record<string, any> = {};
  for (const [key, value] of Object.entries(body)) {
    if (KEPT_META.includes(key)) data[key] = value;
    else if (!DROPPED_META.includes(key)) input[key] = value;
  }
  data.input = withoutEphemeral(input);
  return data;
}

/**
 * A write-only argument (`password_wo`, helm's `set_wo` list) may take an ephemeral value, which a `terraform_data`
 * input may not: `ephemeralasnull(...)` around each interpolation beneath it keeps the expression checked and drops
 * the ephemerality.
 */
function withoutEphemeral(value: any, writeOnly = false): any {
  if (typeof value === 'string') return writeOnly ? ephemeralAsNull(value) : value;
  if (Array.isArray(value)) return value.map((v) => withoutEphemeral(v, writeOnly));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutEphemeral(v, writeOnly || k.endsWith('_wo'))]));
  }
  return value;
}

function ephemeralAsNull(template: string): string {
  let result = template;
  for (const { start, end } of interpolationsIn(template).reverse()) {
    const inner = /^\$\{(~?)([\s\S]*?)(~?)\}$/.exec(template.slice(start, end))!;
    result = `${result.slice(0, start)}\${${inner[1]}ephemeralasnull(${inner[2]})${inner[3]}}${result.slice(end)}`;
  }
  return result;
}

/** Rewrites references to swapped objects in every expression and in every `depends_on`. */
function rewriteReferences(value: any, swapped: ReadonlyMap<string, string>): any {
  if (swapped.size === 0) return value;
  const visit = (node: any, key?: string): any => {
    if (typeof node === 'string') {
      if (key === 'depends_on!') return swapped.get(node) ?? node;
      return node.includes('${') || node.includes('%{') ? rewriteTemplate(node, swapped) : node;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i], key === 'depends_on' ? 'depends_on!' : undefined);
      return node;
    }
    if (node && typeof node === 'object') {
      for (const k of Object.keys(node)) if (k !== '//') node[k] = visit(node[k], k);
      return node;
    }
    return node;
  };
  return visit(value);
}

function rewriteTemplate(template: string, swapped: ReadonlyMap<string, string>): string {
  let result = template;
  // From the end, so earlier offsets stay valid.
  for (const t of traversalsIn(template).reverse()) {
    const address = t.parts.slice(0, t.parts[0] === 'data' || t.parts[0] === 'ephemeral' ? 3 : 2).join('.');
    const replacement = swapped.get(address);
    if (!replacement || !t.text.startsWith(address)) continue;
    // `[0]` or `["k"]` is the instance key of a counted resource and stays on the terraform_data; attributes are
    // attributes of its output.
    const [, key, attributes] = /^(\[[^\]]*\])?([\s\S]*)$/.exec(t.text.slice(address.length))!;
    result = `${result.slice(0, t.start)}${replacement}${key ?? ''}${attributes ? `.output${attributes}` : ''}${result.slice(t.end)}`;
  }
  return result;
}
