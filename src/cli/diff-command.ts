import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIFF_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError, UserError } from './user-error';
import { makeWorkDir, removeWorkDir } from './work-dir';
import { displayPathOf, loadConfig } from '../config/load-config';
import { diffOutputs } from '../diff/diff-report';
import { formatJson, formatText } from '../diff/format';
import { readOutputTree, type OutputTree } from '../diff/output-tree';
import { synthesizePlatform } from '../synth/synthesize-platform';

const FORMATS = ['text', 'json'] as const;
/** Where `paved deploy` records what it applied, next to the config. */
export const DEPLOYED_DIR = path.join('.paved', 'deployed');

export const diffCommand: Command = {
  name: 'diff',
  async run(args, io) {
    const options = parseOptions('diff', args, DIFF_FLAGS);
    const format = (options.format ?? 'text') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`paved diff: --format '${format}' is not one of ${FORMATS.join(', ')}`);
    const configFile = path.resolve(io.cwd, options.config ?? DEFAULT_CONFIG);

    // The baseline first: without one there is nothing to compare, and synthesizing would be wasted.
    const baselineDir = options.against ? path.resolve(io.cwd, options.against) : path.join(path.dirname(configFile), DEPLOYED_DIR);
    const baselineShown = displayPathOf(baselineDir, io.cwd);
    if (!fs.existsSync(baselineDir)) {
      throw new UserError([
        options.against
          ? `error: --against ${baselineShown}: does not exist (a previous 'paved synth --out DIR' output, or the .paved/deployed that 'paved deploy' records)`
          : `error: ${baselineShown}: no baseline to compare with: nothing was deployed from here yet (run 'paved deploy' to record one, or pass --against DIR with a previous 'paved synth --out DIR' output)`,
      ]);
    }
    const before = readOutputTree(baselineDir, baselineShown);

    let after: OutputTree;
    let source: string;
    let temporary: string | undefined;
    let configEnvironments: string[] = [];
    try {
      if (options.new) {
        const newDir = path.resolve(io.cwd, options.new);
        source = displayPathOf(newDir, io.cwd);
        if (!fs.existsSync(newDir)) throw new UserError([`error: --new ${source}: does not exist (an output directory written by 'paved synth --out DIR')`]);
        after = readOutputTree(newDir, source);
      } else {
        const loaded = loadConfig(configFile, io.cwd);
        const declared = (loaded.value as { environments?: { name?: unknown }[] }).environments;
        configEnvironments = (Array.isArray(declared) ? declared : []).map((e) => e?.name).filter((n): n is string => typeof n === 'string');
        source = `${loaded.displayPath} (synthesized now)`;
        temporary = makeWorkDir('diff');
        const outDir = path.join(temporary, 'out');
        // Guardrails are `paved check`'s business: a diff is worth seeing even for output that check would refuse.
        const synth = await synthesizePlatform({ loaded, loadMs: 0, outDir, environments: options.env, timings: false, checks: false });
        synth.warningLines.forEach((l) => io.err(l));
        after = readOutputTree(outDir, 'the new output');
      }
      const report = diffOutputs(before, after, options.env, configEnvironments);
      if (format === 'json') io.out(formatJson(report, { baseline: baselineShown, source }));
      else formatText(report, `paved diff: ${source} against ${baselineShown}`).forEach((l) => io.out(l));
      return options['exit-code'] && report.changes ? 2 : 0;
    } finally {
      if (temporary) removeWorkDir(temporary);
    }
  },
};
