import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderConfigReference } from './config-reference';

/** `pnpm docs:config`: regenerates docs/config-reference.md. */
const root = path.resolve(__dirname, '..', '..');
const target = path.join(root, 'docs', 'config-reference.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, renderConfigReference(path.join(root, 'packages', 'shared-config', 'src')));
process.stdout.write(`wrote ${path.relative(root, target)}\n`);
