import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/run-paved';
import { renderConfigReference } from '../src/docs/config-reference';

describe('docs/config-reference.md', () => {
  const rendered = renderConfigReference(path.join(ROOT, 'packages', 'shared-config', 'src'));

  test('is up to date with the config interfaces (run `pnpm docs:config` after changing them)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'config-reference.md'), 'utf8')).toBe(rendered);
  });

  test('documents every field of every config interface', () => {
    const rows = rendered.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(80);
    const undocumented = rows.filter((row) => row.trimEnd().endsWith('|  |'));
    expect(undocumented).toEqual([]);
  });
});
