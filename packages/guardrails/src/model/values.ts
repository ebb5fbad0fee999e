/** A JSON object as parsed from Terraform JSON or a Kubernetes manifest. */
export type Obj = Readonly<Record<string, unknown>>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`spec.template.spec`), or undefined. Array indexes are not supported on purpose. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (!isObj(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function objAt(value: unknown, path: string): Obj | undefined {
  const v = at(value, path);
  return isObj(v) ? v : undefined;
}

export function strAt(value: unknown, path: string): string | undefined {
  const v = at(value, path);
  return typeof v === 'string' ? v : undefined;
}

/** An array at `path`, or [] (a single object counts as a one-element array, as Terraform JSON blocks allow). */
export function listAt(value: unknown, path: string): unknown[] {
  const v = at(value, path);
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

/** Nested blocks: Terraform JSON writes a block as an object or as an array of objects. */
export function blocks(value: unknown, path: string): Obj[] {
  return listAt(value, path).filter(isObj);
}

/** Strings of a string-or-list field. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** A value as shown in messages: `true`, `"abc"`, `(unset)`. */
export function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** True for Terraform interpolations such as `${aws_kms_key.x.arn}`. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** Every string inside a JSON value, depth first. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (isObj(value)) Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

/** Integer value of a number or numeric string (Terraform JSON and YAML both allow either). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** Boolean value of a boolean or `"true"`/`"false"` string. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
