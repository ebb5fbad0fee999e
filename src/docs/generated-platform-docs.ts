import * as fs from 'node:fs';
import * as path from 'node:path';
import { costOf } from '../cli/cost-command';
import { docsOutputFiles } from '../platform-docs/docs-output';
import { replaceDirectoryAtomically } from '../synth/atomic-output';

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
  return new Map(docsOutputFiles(platform, counts!, report).map((f) => [f.path, f.content]));
}

/**
 * `pnpm docs:generate`: replaces every target's folder the way `paved docs` does (atomically, keeping files Paved did
 * not write, with the ownership marker the drift test expects).
 */
export async function writeGeneratedDocs(root: string): Promise<string[]> {
  const written: string[] = [];
  for (const target of generatedDocsTargets(root)) {
    const files = renderGeneratedDocs(root, target);
    await replaceDirectoryAtomically(path.join(root, target.outDir), (dir) => {
      for (const [file, content] of files) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
    }, { kind: 'docs', shown: target.outDir });
    written.push(target.outDir);
  }
  return written;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  writeGeneratedDocs(root).then(
    (dirs) => dirs.forEach((dir) => console.log(`docs:generate: ${dir}`)),
    (e: unknown) => {
      console.error((e as { lines?: string[] }).lines?.join('\n') ?? e);
      process.exitCode = 1;
    },
  );
}
