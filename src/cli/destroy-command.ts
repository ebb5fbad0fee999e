import * as path from 'node:path';
import { DESTROY_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError, UserError } from './user-error';
import { makeWorkDir, removeWorkDir } from './work-dir';
import { loadConfig } from '../config/load-config';
import { canPrompt, terminalConfirm } from '../deploy/confirm';
import { destroyEnvironment } from '../deploy/destroy';
import { DEFAULT_DRAIN_WAIT } from '../deploy/drain-cluster';
import { Interrupts } from '../deploy/interrupts';
import { PavedPaths } from '../deploy/paths';
import { planStacks } from '../deploy/plan-stacks';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';
import { synthesizePlatform } from '../synth/synthesize-platform';

function nonNegative(flag: string, value: string | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`paved destroy: ${flag} '${value}' is not a ${integer ? 'whole number' : 'number of seconds'} >= 0`);
  }
  return n;
}

export const destroyCommand: Command = {
  name: 'destroy',
  async run(args, io) {
    const options = parseOptions('destroy', args, DESTROY_FLAGS);
    if (!options.env) throw new UsageError('paved destroy: --env NAME is required (one environment at a time)');
    const wait = {
      passes: Math.max(1, nonNegative('--wait-passes', options['wait-passes'], DEFAULT_DRAIN_WAIT.passes, true)),
      intervalSeconds: nonNegative('--wait-interval', options['wait-interval'], DEFAULT_DRAIN_WAIT.intervalSeconds, false),
    };
    const autoApprove = options['auto-approve'] ?? false;
    if (!autoApprove && !canPrompt()) {
      throw new UserError(['error: destroy: no terminal to confirm on (pass --auto-approve to destroy without asking)']);
    }
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    checkEnvironmentFilter(checkConfig(loaded).config, loaded.displayPath, [options.env]);

    // The environment's stacks as the config describes them today, synthesized aside: `out/` stays as it is, and the
    // guardrails do not gate a teardown.
    const temporary = makeWorkDir('destroy');
    const interrupts = new Interrupts().install();
    const prompt = terminalConfirm(interrupts);
    try {
      const outDir = path.join(temporary, 'out');
      await synthesizePlatform({ loaded, loadMs: 0, outDir, environments: [options.env], timings: false, checks: false });
      const { platform, order, stacks } = planStacks(loaded, outDir);
      await destroyEnvironment({
        platform,
        environment: options.env,
        stacks,
        order,
        paths: new PavedPaths(loaded.file),
        configPath: loaded.displayPath,
        autoApprove,
        confirm: prompt.confirm,
        wait,
        io,
        interrupts,
      });
    } finally {
      prompt.close();
      interrupts.uninstall();
      removeWorkDir(temporary);
    }
    return 0;
  },
};
