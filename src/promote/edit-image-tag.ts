import type * as TS from 'typescript';

/**
 * Sets `services[<service>].environments.<env>.imageTag` in the text of a platform config (`.ts`, `.js` or `.json`),
 * changing nothing else: the service's entry is found in the syntax tree (an object literal with `name: '<service>'`
 * and an `image`), and only the characters of that one value are inserted or replaced. The caller re-loads the result
 * and checks that exactly that field changed (promote-image.ts): the edit is verified, not trusted.
 */
export interface ImageTagEdit {
  readonly text: string;
  readonly service: string;
  readonly environment: string;
  readonly tag: string;
  /** `json`: double quotes, quoted keys. */
  readonly json: boolean;
}

/** The new text, or a reason why the file cannot be edited mechanically. */
export type EditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

export function editImageTag(edit: ImageTagEdit): EditResult {
  // TypeScript parses .ts, .js and .json alike. Required here, not imported, so that only `paved promote` pays for
  // loading it (a runtime dependency of the workspace root, .projenrc.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TS;
  const source = ts.createSourceFile('config.ts', edit.text, ts.ScriptTarget.Latest, true, edit.json ? ts.ScriptKind.JSON : ts.ScriptKind.TS);
  const q = edit.json ? '"' : "'";
  const str = (value: string) => `${q}${value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
  const key = (name: string) => (!edit.json && /^[A-Za-z_$][\w$]*$/.test(name) ? name : str(name));
  const nameOf = (p: TS.ObjectLiteralElementLike): string | undefined =>
    ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
  const property = (o: TS.ObjectLiteralExpression, name: string) =>
    o.properties.find((p): p is TS.PropertyAssignment => nameOf(p) === name);

  const entries: TS.ObjectLiteralExpression[] = [];
  const visit = (node: TS.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const name = property(node, 'name')?.initializer;
      if (name && ts.isStringLiteralLike(name) && name.text === edit.service && property(node, 'image')) entries.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (entries.length !== 1) {
    return { ok: false, reason: `found ${entries.length} literal entries for '${edit.service}' with name and image in the file (one is needed)` };
  }
  const entry = entries[0];
  const text = edit.text;
  const splice = (start: number, end: number, insert: string): EditResult => ({ ok: true, text: text.slice(0, start) + insert + text.slice(end) });
  const indentOf = (node: TS.Node) => {
    const lineStart = text.lastIndexOf('\n', node.getStart(source)) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))![0];
  };
  /** Adds `<name>: <value>` as the last property of an object literal, on its own line when the object spans lines. */
  const append = (o: TS.ObjectLiteralExpression, name: string, value: string): EditResult => {
    const last = o.properties[o.properties.length - 1];
    const member = `${key(name)}: ${value}`;
    if (!last) return splice(o.getStart(source) + 1, o.getEnd() - 1, ` ${member} `);
    const multiline = text.slice(o.getStart(source), o.getEnd()).includes('\n');
    const trailing = o.properties.hasTrailingComma;
    const at = trailing ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
    if (multiline) return splice(at, at, `${trailing ? '' : ','}\n${indentOf(last)}${member}${trailing ? ',' : ''}`);
    return splice(at, at, `${trailing ? '' : ','} ${member}${trailing ? ',' : ''}`);
  };

  const tag = str(edit.tag);
  const environments = property(entry, 'environments');
  if (!environments) return append(entry, 'environments', `{ ${key(edit.environment)}: { imageTag: ${tag} } }`.replace('imageTag', key('imageTag')));
  const overrides = environments.initializer;
  if (!ts.isObjectLiteralExpression(overrides)) {
    if (edit.json) return { ok: false, reason: 'environments is not an object' };
    // A helper's result (`environments: off('dev')`): spread it and add the override after it.
    const original = text.slice(overrides.getStart(source), overrides.getEnd());
    return splice(overrides.getStart(source), overrides.getEnd(), `{ ...${original}, ${key(edit.environment)}: { imageTag: ${tag} } }`);
  }
  const override = property(overrides, edit.environment);
  if (!override) return append(overrides, edit.environment, `{ ${key('imageTag')}: ${tag} }`);
  if (!ts.isObjectLiteralExpression(override.initializer)) return { ok: false, reason: `environments.${edit.environment} is not an object literal` };
  const current = property(override.initializer, 'imageTag');
  if (current) return splice(current.initializer.getStart(source), current.initializer.getEnd(), tag);
  const o = override.initializer;
  if (o.properties.length === 0) return splice(o.getStart(source) + 1, o.getEnd() - 1, ` ${key('imageTag')}: ${tag} `);
  // First property: `{ replicas: 1 }` becomes `{ imageTag: '1.2.3', replicas: 1 }`.
  const first = o.properties[0];
  const multiline = text.slice(o.getStart(source), o.getEnd()).includes('\n');
  return splice(first.getStart(source), first.getStart(source), `${key('imageTag')}: ${tag},${multiline ? `\n${indentOf(first)}` : ' '}`);
}
