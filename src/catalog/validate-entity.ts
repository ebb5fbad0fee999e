import type { CatalogEntity } from '@paved/shared-config';
import common from './schemas/common.schema.json';
import component from './schemas/Component.v1alpha1.schema.json';
import domain from './schemas/Domain.v1alpha1.schema.json';
import entity from './schemas/Entity.schema.json';
import envelope from './schemas/EntityEnvelope.schema.json';
import meta from './schemas/EntityMeta.schema.json';
import group from './schemas/Group.v1alpha1.schema.json';
import location from './schemas/Location.v1alpha1.schema.json';
import resource from './schemas/Resource.v1alpha1.schema.json';
import system from './schemas/System.v1alpha1.schema.json';

type Schema = { readonly [keyword: string]: any };

/** The vendored schemas by `$id` (see schemas/README.md), and the kind schema of each kind Paved writes. */
const SCHEMAS: ReadonlyMap<string, Schema> = new Map([entity, envelope, meta, common, component, domain, group, location, resource, system]
  .map((s: Schema) => [s.$id as string, s]));
const KIND_SCHEMAS: Readonly<Record<string, string>> = {
  Component: 'ComponentV1alpha1',
  Domain: 'DomainV1alpha1',
  Group: 'GroupV1alpha1',
  Location: 'LocationV1alpha1',
  Resource: 'ResourceV1alpha1',
  System: 'SystemV1alpha1',
};

/** Keywords that do not constrain a value. Any keyword neither here nor implemented below is an error, not a pass. */
const ANNOTATION_KEYWORDS = new Set(['$schema', '$id', 'description', 'examples', 'default', 'deprecated', 'definitions', 'title']);

/**
 * Problems of one entity against the Backstage catalog model: its kind's JSON schema (draft-07, the keywords those
 * schemas use: type, required, properties, additionalProperties, patternProperties, items, minLength, pattern, enum,
 * allOf, $ref), then the catalog's default field-format rules for names, annotation keys and tags (Backstage's
 * `FieldFormatEntityPolicy`), which the schemas leave out. Each problem: `<field path>: <what is wrong>`.
 */
export function validateEntity(value: CatalogEntity | unknown): string[] {
  const kind = (value as { kind?: unknown })?.kind;
  const id = typeof kind === 'string' ? KIND_SCHEMAS[kind] : undefined;
  if (!id) return [`kind: '${String(kind)}' is not a kind Paved writes (${Object.keys(KIND_SCHEMAS).join(', ')})`];
  const problems: string[] = [];
  check(value, SCHEMAS.get(id)!, SCHEMAS.get(id)!, '', problems);
  if (problems.length === 0) problems.push(...fieldFormats(value as CatalogEntity));
  return [...new Set(problems)];
}

function check(value: unknown, schema: Schema, base: Schema, at: string, problems: string[]): void {
  const where = at === '' ? '(entity)' : at;
  for (const [keyword, arg] of Object.entries(schema)) {
    switch (keyword) {
      case '$ref': {
        const { target, root } = resolveRef(arg as string, base);
        check(value, target, root, at, problems);
        break;
      }
      case 'allOf':
        for (const sub of arg as Schema[]) check(value, sub, base, at, problems);
        break;
      case 'type':
        if (!hasType(value, arg as string)) problems.push(`${where}: must be of type ${arg as string}`);
        break;
      case 'enum':
        if (!(arg as unknown[]).includes(value)) problems.push(`${where}: must be one of ${(arg as unknown[]).join(', ')}`);
        break;
      case 'minLength':
        if (typeof value === 'string' && value.length < (arg as number)) problems.push(`${where}: must not be shorter than ${arg as number} characters`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(arg as string, 'u').test(value)) problems.push(`${where}: must match ${arg as string}`);
        break;
      case 'required':
        if (isObject(value)) for (const key of arg as string[]) if (!(key in value)) problems.push(`${join(at, key)}: is required`);
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, sub] of Object.entries(arg as Record<string, Schema>)) {
            if (key in value) check(value[key], sub, base, join(at, key), problems);
          }
        }
        break;
      case 'patternProperties':
        if (isObject(value)) {
          for (const [pattern, sub] of Object.entries(arg as Record<string, Schema>)) {
            for (const key of Object.keys(value).filter((k) => new RegExp(pattern, 'u').test(k))) check(value[key], sub, base, join(at, key), problems);
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value) && arg !== true) {
          const known = new Set(Object.keys((schema.properties ?? {}) as object));
          const patterns = Object.keys((schema.patternProperties ?? {}) as object).map((p) => new RegExp(p, 'u'));
          for (const key of Object.keys(value).filter((k) => !known.has(k) && !patterns.some((p) => p.test(k)))) {
            if (arg === false) problems.push(`${join(at, key)}: is not allowed here`);
            else check(value[key], arg as Schema, base, join(at, key), problems);
          }
        }
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, i) => check(item, arg as Schema, base, `${at}[${i}]`, problems));
        break;
      default:
        if (!ANNOTATION_KEYWORDS.has(keyword)) throw new Error(`catalog schema keyword '${keyword}' is not implemented by validate-entity.ts`);
    }
  }
}

/** `Entity`, `common#relation`, or `#reference` inside the schema `base`. */
function resolveRef(ref: string, base: Schema): { target: Schema; root: Schema } {
  const [file, fragment] = ref.split('#');
  const root = file === '' ? base : SCHEMAS.get(file);
  if (!root) throw new Error(`catalog schema $ref '${ref}' names no vendored schema`);
  if (fragment === undefined) return { target: root, root };
  const target = Object.values((root.definitions ?? {}) as Record<string, Schema>).find((d) => d.$id === `#${fragment}`);
  if (!target) throw new Error(`catalog schema $ref '${ref}' names no definition`);
  return { target, root };
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'number': return typeof value === 'number';
    case 'integer': return Number.isInteger(value);
    case 'null': return value === null;
    default: throw new Error(`catalog schema type '${type}' is not implemented by validate-entity.ts`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const join = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);

// Backstage's default field formats (catalog-model `KubernetesValidatorFunctions` and `CommonValidatorFunctions`).
const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

function fieldFormats(e: CatalogEntity): string[] {
  const problems: string[] = [];
  const name = e.metadata.name;
  if (name.length > 63 || !OBJECT_NAME.test(name)) problems.push(`metadata.name: '${name}' is not a valid entity name (1-63 letters, digits, '-', '_', '.', starting and ending with a letter or digit)`);
  for (const key of Object.keys(e.metadata.annotations ?? {})) {
    const slash = key.lastIndexOf('/');
    const prefix = slash < 0 ? '' : key.slice(0, slash);
    const local = key.slice(slash + 1);
    if ((slash >= 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) || local.length > 63 || !OBJECT_NAME.test(local)) {
      problems.push(`metadata.annotations.${key}: is not a valid annotation key ([dns-subdomain/]name)`);
    }
  }
  for (const tag of e.metadata.tags ?? []) {
    if (tag.length > 63 || !TAG.test(tag)) problems.push(`metadata.tags: '${tag}' is not a valid tag (lowercase letters, digits and single hyphens, at most 63)`);
  }
  return problems;
}
