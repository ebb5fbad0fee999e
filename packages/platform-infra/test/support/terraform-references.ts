/**
 * Checks that every `${...}` expression of a Terraform JSON configuration refers to something the configuration
 * declares: a resource, data source, variable or local of the same stack, and for cdktf's cross-stack references an
 * output that the producing stack really has.
 */

const IGNORED_ROOTS = new Set(['var', 'local', 'each', 'count', 'self', 'path', 'terraform', 'module']);

export interface ReferenceProblem {
  readonly at: string;
  readonly reference: string;
}

/** Every expression string inside a JSON value, with its JSON path. */
function* expressions(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') {
    if (value.includes('${')) yield [at, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* expressions(value[i], `${at}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') yield* expressions(v, at ? `${at}.${k}` : k);
  }
}

/** The traversals inside one interpolated string, string literals removed. */
export function referencesIn(expression: string): string[] {
  const found: string[] = [];
  const withoutStrings = expression.replace(/\\"/g, '').replace(/"[^"]*"/g, '""');
  const pattern = /(?<![\w.\-])((?:data\.)?[a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.([A-Za-z_][A-Za-z0-9_-]*))?(?:\.([A-Za-z_][A-Za-z0-9_-]*))?/g;
  for (const inner of withoutStrings.match(/\$\{[^}]*\}/g) ?? []) {
    for (const m of inner.matchAll(pattern)) {
      const after = inner[(m.index ?? 0) + m[0].length];
      if (after === '(') continue; // a function such as provider::x::y or a method-like call
      found.push(m[0]);
    }
  }
  return found;
}

export interface StackJson {
  readonly name: string;
  readonly json: Record<string, any>;
}

/** Problems of one stack; `stacks` lets remote-state references be checked against the producer's outputs. */
export function unresolvedReferences(stack: StackJson, stacks: readonly StackJson[] = []): ReferenceProblem[] {
  const { json } = stack;
  const problems: ReferenceProblem[] = [];
  for (const [at, expression] of expressions(json, '')) {
    for (const ref of referencesIn(expression)) {
      const parts = ref.split('.');
      const root = parts[0];
      if (root === 'var' || root === 'local') {
        const block = root === 'var' ? json.variable : json.locals;
        if (!block?.[parts[1]]) problems.push({ at, reference: ref });
        continue;
      }
      if (IGNORED_ROOTS.has(root)) continue;
      if (root === 'data') {
        const [, type, name] = parts;
        if (!json.data?.[type]?.[name]) {
          problems.push({ at, reference: ref });
        } else if (type === 'terraform_remote_state' && parts[3] === 'outputs') {
          problems.push(...remoteOutputProblems(json.data[type][name], expression, at, stacks));
        }
        continue;
      }
      if (!root.includes('_')) continue; // attribute chains such as outputs.x, not a resource type
      if (!json.resource?.[root]?.[parts[1]]) problems.push({ at, reference: ref });
    }
  }
  return problems;
}

function remoteOutputProblems(remote: any, expression: string, at: string, stacks: readonly StackJson[]): ReferenceProblem[] {
  const key: string | undefined = remote.config?.key;
  const producer = stacks.find((s) => key?.includes(`/${s.name}/`));
  if (!producer) return stacks.length ? [{ at, reference: `remote state ${key}` }] : [];
  const outputs = [...expression.matchAll(/\.outputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
  return outputs.filter((o) => !producer.json.output?.[o]).map((o) => ({ at, reference: `${producer.name} output ${o}` }));
}
