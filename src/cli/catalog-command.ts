import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolvePlatform } from '@paved/shared-config';
import { CATALOG_FLAGS, DEFAULT_CATALOG_OUT } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { catalogOutputFiles } from '../catalog/catalog-output';
import { loadConfig } from '../config/load-config';
import { replaceDirectoryAtomically } from '../synth/atomic-output';
import { checkConfig } from '../synth/check-config';

export const catalogCommand: Command = {
  name: 'catalog',
  async run(args, io) {
    const options = parseOptions('catalog', args, CATALOG_FLAGS);
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    const checked = checkConfig(loaded);
    checked.warningLines.forEach((l) => io.err(l));
    const files = catalogOutputFiles(resolvePlatform(checked.config));
    const shown = options.out ?? DEFAULT_CATALOG_OUT;
    // Only folders Paved wrote (or empty ones) are replaced, and files it did not write are kept in place.
    await replaceDirectoryAtomically(path.resolve(io.cwd, shown), (dir) => {
      for (const f of files) fs.writeFileSync(path.join(dir, f.path), f.content);
    }, { kind: 'catalog', shown: `--out ${shown}` });
    const entities = files.reduce((n, f) => n + (f.content.match(/^kind: /gm) ?? []).length, 0);
    io.out(`paved catalog: ${entities} entities -> ${shown}/${files.map((f) => f.path).join(', ')}`);
    return 0;
  },
};
