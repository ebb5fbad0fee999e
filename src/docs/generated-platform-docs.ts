import * as fs from 'node:fs';
import * as path from 'node:path';
import { costOf } from '../cli/cost-command';
import { formatCostTable } from '../cost/format-cost';
import { generatePlatformDocs } from '../platform-docs/generate-docs';

/** A config whose docs and cost output are generated into the repository and checked for drift. */
export interface GeneratedDocsTarget {
  /** Config file, relative to the repository root. */
  readonly config: string;
  /** Folder receiving the files, relative to the repository root. */
  readonly outDir: string;
}

/** The root example (docs/platform) and every examples/<name>/platform.config.ts (examples/<name>/generated). */
export function generatedDocsTargets(root: string): GeneratedDocsTarget[] {
  const examples = fs.existsSync(path.join(root, 'examples'))
    ? fs.readdirSync(path.join(root, 'examples')).sort().filter((name) => fs.existsSync(path.join(root, 'examples', name, 'platform.config.ts')))
    : [];
  return [
    { config: 'platform.config.ts', outDir: 'docs/platform' },
    ...examples.map((name) => ({ config: `examples/${name}/platform.config.ts`, outDir: `examples/${name}/generated` })),
  ];
}

/** Every file of a target: the docs pages, and the cost estimate as a table and as JSON. Paths relative to outDir. */
export function renderGeneratedDocs(root: string, target: GeneratedDocsTarget): Map<string, string> {
  const { platform, report, counts } = costOf(target.config, root, undefined, true);
  const files = new Map<string, string>();
  for (const page of generatePlatformDocs(platform, counts!, report)) files.set(page.path, page.content);
  files.set('cost.txt', `${formatCostTable(report).join('\n')}\n`);
  files.set('cost.json', `${JSON.stringify(report, null, 2)}\n`);
  return files;
}

/** `pnpm docs:generate`: rewrites every target's folder. */
export function writeGeneratedDocs(root: string): string[] {
  const written: string[] = [];
  for (const target of generatedDocsTargets(root)) {
    const dir = path.join(root, target.outDir);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, content] of renderGeneratedDocs(root, target)) fs.writeFileSync(path.join(dir, file), content);
    written.push(target.outDir);
  }
  return written;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  for (const dir of writeGeneratedDocs(root)) console.log(`docs:generate: ${dir}`);
}
