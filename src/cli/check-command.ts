import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ALL_RULES, formatTextReport, OutputDirectoryError, toSarif } from '@paved/guardrails';
import { CHECK_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError, UserError } from './user-error';
import { pavedVersion } from './version';
import { makeWorkDir, removeWorkDir } from './work-dir';
import { checkOutput } from '../check/check-output';
import { loadConfig } from '../config/load-config';
import { checkConfig } from '../synth/check-config';
import { synthesizePlatform } from '../synth/synthesize-platform';

const FORMATS = ['text', 'json', 'sarif'] as const;

export const checkCommand: Command = {
  name: 'check',
  async run(args, io) {
    const options = parseOptions('check', args, CHECK_FLAGS);
    const format = (options.format ?? 'text') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`paved check: --format '${format}' is not one of ${FORMATS.join(', ')}`);
    const started = performance.now();
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    const { config } = checkConfig(loaded);
    const waivers = config.waivers ?? [];
    let dir: string;
    let temporary: string | undefined;
    if (options.output) {
      // An existing output, as written (hand edits included).
      dir = path.resolve(io.cwd, options.output);
    } else {
      temporary = makeWorkDir('check');
      dir = path.join(temporary, 'out');
      await synthesizePlatform({ loaded, loadMs: 0, outDir: dir, timings: false, checks: false });
    }
    try {
      const report = (() => {
        try {
          return checkOutput(dir, waivers);
        } catch (e) {
          if (e instanceof OutputDirectoryError) throw new UserError([`error: --output: ${e.message}`]);
          throw e;
        }
      })();
      if (format === 'json') {io.out(JSON.stringify(report, null, 2));} else if (format === 'sarif') {io.out(JSON.stringify(toSarif(report, ALL_RULES, pavedVersion()), null, 2));} else {
        for (const line of formatTextReport(report)) io.out(line);
        io.out(`  ${report.ok ? 'passed' : 'FAILED'} in ${Math.round(performance.now() - started)} ms`);
      }
      return report.ok ? 0 : 1;
    } finally {
      if (temporary) removeWorkDir(temporary);
    }
  },
};
