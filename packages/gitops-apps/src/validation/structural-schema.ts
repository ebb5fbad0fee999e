/**
 * A CRD's `openAPIV3Schema`: the structural-schema subset of OpenAPI v3 that Kubernetes accepts for custom resources.
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */
export interface StructuralSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly additionalProperties?: StructuralSchema | boolean;
  readonly items?: StructuralSchema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly StructuralSchema[];
  readonly [keyword: string]: unknown;
}

/** A vendored CRD schema and where it comes from (schemas/vendor-external-secrets.mjs writes them). */
export interface VendoredCrdSchema {
  /** `group/version Kind` of each kind this schema validates. */
  readonly kinds: readonly string[];
  readonly source: readonly string[];
  readonly tag: string;
  readonly commit: string;
  readonly license: string;
  /** What was left out of the upstream schema, and why. */
  readonly pruned: string;
  readonly schema: StructuralSchema;
}

/**
 * Keywords this checker enforces, and keywords it knows and deliberately does not: annotations, list and map
 * semantics the API server uses for merging, and `x-kubernetes-validations` (CEL rules, which need a CEL
 * interpreter). A schema with any other keyword is refused (`unsupportedKeywords`), so nothing is skipped silently.
 */
const CHECKED = new Set([
  'type', 'properties', 'additionalProperties', 'items', 'required', 'enum', 'anyOf', 'nullable', 'format', 'pattern',
  'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties', 'maxProperties',
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields',
]);
const NOT_CHECKED = new Set([
  'description', 'default', 'example', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);

/** Keywords of a schema (anywhere in it) that this checker neither enforces nor knows to be safe to ignore. */
export function unsupportedKeywords(schema: StructuralSchema): string[] {
  const found = new Set<string>();
  const walk = (s: StructuralSchema) => {
    for (const keyword of Object.keys(s)) if (!CHECKED.has(keyword) && !NOT_CHECKED.has(keyword)) found.add(keyword);
    for (const child of Object.values(s.properties ?? {})) walk(child);
    if (s.items) walk(s.items);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties);
    for (const branch of s.anyOf ?? []) walk(branch);
  };
  walk(schema);
  return [...found].sort();
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;
const INT32 = 2 ** 31;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * The problems of a value against a structural schema, one line each (`<path>: <what is wrong>`). Unknown fields are
 * problems: the API server would drop them silently (pruning), so a field Paved writes must be in the schema unless
 * the schema preserves unknown fields there. `metadata` at the root is the API server's ObjectMeta, not checked here.
 */
export function structuralProblems(schema: StructuralSchema, value: unknown, path = ''): string[] {
  const at = path || '(root)';
  if (value === null) return schema.nullable === true ? [] : [`${at}: null is not allowed`];
  if (schema.anyOf) {
    const branches = schema.anyOf.map((branch) => structuralProblems({ ...branch, type: branch.type ?? schema.type }, value, path));
    if (!branches.some((b) => b.length === 0)) return [`${at}: matches none of ${schema.anyOf.map((b) => b.type ?? 'its alternatives').join(', ')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`];
  if (schema['x-kubernetes-int-or-string'] === true) {
    return typeof value === 'string' || Number.isInteger(value) ? [] : [`${at}: must be an integer or a string, not ${typeOf(value)}`];
  }
  switch (schema.type) {
    case 'object': return objectProblems(schema, value, path);
    case 'array': return arrayProblems(schema, value, path);
    case 'string': return stringProblems(schema, value, at);
    case 'integer':
    case 'number': return numberProblems(schema, value, at);
    case 'boolean': return typeof value === 'boolean' ? [] : [`${at}: must be a boolean, not ${typeOf(value)}`];
    default: return [];
  }
}

function objectProblems(schema: StructuralSchema, value: unknown, path: string): string[] {
  const at = path || '(root)';
  if (!isObject(value)) return [`${at}: must be an object, not ${typeOf(value)}`];
  const problems: string[] = [];
  for (const key of schema.required ?? []) if (!(key in value)) problems.push(`${path ? `${path}.` : ''}${key}: required`);
  const count = Object.keys(value).length;
  if (typeof schema.minProperties === 'number' && count < schema.minProperties) problems.push(`${at}: needs at least ${schema.minProperties} field(s)`);
  if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) problems.push(`${at}: allows at most ${schema.maxProperties} field(s)`);
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (!path && key === 'metadata') continue;
    const property = schema.properties?.[key];
    if (property) problems.push(...structuralProblems(property, child, childPath));
    else if (typeof schema.additionalProperties === 'object') problems.push(...structuralProblems(schema.additionalProperties, child, childPath));
    else if (schema.additionalProperties !== true && !preserve) problems.push(`${childPath}: unknown field (the API server would drop it)`);
  }
  return problems;
}

function arrayProblems(schema: StructuralSchema, value: unknown, path: string): string[] {
  if (!Array.isArray(value)) return [`${path}: must be an array, not ${typeOf(value)}`];
  const problems: string[] = [];
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${path}: needs at least ${schema.minItems} item(s)`);
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${path}: allows at most ${schema.maxItems} item(s)`);
  if (schema.items) value.forEach((item, i) => problems.push(...structuralProblems(schema.items!, item, `${path}[${i}]`)));
  return problems;
}

function stringProblems(schema: StructuralSchema, value: unknown, at: string): string[] {
  if (typeof value !== 'string') return [`${at}: must be a string, not ${typeOf(value)}`];
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) return [`${at}: shorter than ${schema.minLength} character(s)`];
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) return [`${at}: longer than ${schema.maxLength} characters`];
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return [`${at}: does not match ${schema.pattern}`];
  if (schema.format === 'date-time' && !RFC3339.test(value)) return [`${at}: not an RFC 3339 date-time`];
  return [];
}

function numberProblems(schema: StructuralSchema, value: unknown, at: string): string[] {
  if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) return [`${at}: must be ${schema.type === 'integer' ? 'an integer' : 'a number'}, not ${typeOf(value)}`];
  if (schema.format === 'int32' && (value < -INT32 || value >= INT32)) return [`${at}: out of the int32 range`];
  if (schema.format === 'int64' && !Number.isSafeInteger(value)) return [`${at}: out of the int64 range JSON can carry exactly`];
  if (typeof schema.minimum === 'number' && value < schema.minimum) return [`${at}: below the minimum ${schema.minimum}`];
  if (typeof schema.maximum === 'number' && value > schema.maximum) return [`${at}: above the maximum ${schema.maximum}`];
  return [];
}
