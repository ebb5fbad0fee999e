import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Command, parseOptions } from './commands';
import { costOf } from './cost-command';
import { DEFAULT_CONFIG } from './defaults';
import { generatePlatformDocs } from '../platform-docs/generate-docs';
import { replaceDirectoryAtomically } from '../synth/atomic-output';

export const DEFAULT_DOCS_OUT = 'docs/platform';

export const docsCommand: Command = {
  name: 'docs',
  summary: 'Generate per-environment docs: architecture diagram, endpoints, cost, runbooks',
  usage: 'paved docs [--config FILE] [--out DIR]',
  async run(args, io) {
    const options = parseOptions('docs', args, { config: { type: 'string' }, out: { type: 'string' } });
    const { platform, report, counts } = costOf(options.config ?? DEFAULT_CONFIG, io.cwd, undefined, true);
    const files = generatePlatformDocs(platform, counts!, report);
    const out = path.resolve(io.cwd, options.out ?? DEFAULT_DOCS_OUT);
    await replaceDirectoryAtomically(out, (dir) => {
      for (const f of files) fs.writeFileSync(path.join(dir, f.path), f.content);
    }, 'index.md');
    io.out(`paved docs: ${files.length} pages -> ${options.out ?? DEFAULT_DOCS_OUT}/ (${files.map((f) => f.path).join(', ')})`);
    return 0;
  },
};
