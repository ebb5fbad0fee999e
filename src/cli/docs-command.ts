import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DOCS_OUT, DOCS_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { costOf } from './cost-command';
import { DEFAULT_CONFIG } from './defaults';
import { docsOutputFiles } from '../platform-docs/docs-output';
import { replaceDirectoryAtomically } from '../synth/atomic-output';

export { DEFAULT_DOCS_OUT };

export const docsCommand: Command = {
  name: 'docs',
  async run(args, io) {
    const options = parseOptions('docs', args, DOCS_FLAGS);
    const { platform, report, counts } = costOf(options.config ?? DEFAULT_CONFIG, io.cwd, undefined, true);
    const files = docsOutputFiles(platform, counts!, report);
    const shown = options.out ?? DEFAULT_DOCS_OUT;
    // Only folders Paved wrote (or empty ones) are replaced, and files it did not write are kept in place.
    await replaceDirectoryAtomically(path.resolve(io.cwd, shown), (dir) => {
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.content);
      }
    }, { kind: 'docs', shown: `--out ${shown}` });
    io.out(`paved docs: ${files.length} files -> ${shown}/ (${files.map((f) => f.path).join(', ')})`);
    return 0;
  },
};
