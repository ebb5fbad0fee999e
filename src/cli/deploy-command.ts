import * as path from 'node:path';
import { DEPLOY_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG, DEFAULT_OUT } from './defaults';
import { UsageError, UserError } from './user-error';
import { displayPathOf, loadConfig } from '../config/load-config';
import { deployWithCdktf } from '../deploy/cdktf';
import { canPrompt, terminalConfirm } from '../deploy/confirm';
import { deployWithTerraform } from '../deploy/deploy';
import { Interrupts } from '../deploy/interrupts';
import { classifyStack } from '../deploy/order';
import { PavedPaths } from '../deploy/paths';
import { planStacks } from '../deploy/plan-stacks';
import { checkEnvironmentSecrets } from '../deploy/secrets-gate';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';
import { synthesizePlatform } from '../synth/synthesize-platform';

const TOOLS = ['terraform', 'cdktf'] as const;

export const deployCommand: Command = {
  name: 'deploy',
  async run(args, io) {
    const options = parseOptions('deploy', args, DEPLOY_FLAGS);
    const tool = (options.tool ?? 'terraform') as (typeof TOOLS)[number];
    if (!TOOLS.includes(tool)) throw new UsageError(`paved deploy: --tool '${tool}' is not one of ${TOOLS.join(', ')}`);
    if (tool === 'cdktf' && options.bootstrap) {
      throw new UsageError('paved deploy: --bootstrap needs --tool terraform (cdktf cannot keep the first state outside the S3 backend)');
    }
    const planOnly = options['plan-only'] ?? false;
    const autoApprove = options['auto-approve'] ?? false;
    if (!planOnly && !autoApprove && !canPrompt()) {
      throw new UserError(['error: deploy: no terminal to confirm each apply on (pass --auto-approve to apply without asking, or --plan-only)']);
    }

    // Synthesize first, through the same validation and guardrail gate as `paved synth`: failing output is refused
    // before any tool runs.
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    if (options.env?.length) checkEnvironmentFilter(checkConfig(loaded).config, loaded.displayPath, options.env);
    const outDir = path.resolve(io.cwd, options.out ?? DEFAULT_OUT);
    const report = await synthesizePlatform({ loaded, loadMs: 0, outDir, timings: false });
    report.warningLines.forEach((l) => io.err(l));
    io.out(`paved deploy: ${loaded.displayPath} -> ${displayPathOf(outDir, io.cwd)}/ (${report.summary.terraform.stacks.length} stacks, paved check passed)`);

    const { platform, stacks, order } = planStacks(loaded, outDir, options.env);
    const paths = new PavedPaths(loaded.file);
    const interrupts = new Interrupts().install();
    const prompt = terminalConfirm(interrupts);
    try {
      if (tool === 'cdktf') {
        for (const stack of stacks) {
          const kind = classifyStack(stack.name, order);
          if (kind.scope === 'environment' && kind.stage === 'platform') checkEnvironmentSecrets(platform, kind.environment, stack.file, io);
        }
        await deployWithCdktf({ stacks, configFile: loaded.file, paths, planOnly, autoApprove, io, interrupts });
      } else {
        await deployWithTerraform({
          stacks,
          order,
          paths,
          planOnly,
          autoApprove,
          bootstrap: options.bootstrap ?? false,
          confirm: prompt.confirm,
          beforePlatformStack: (environment, stack) => checkEnvironmentSecrets(platform, environment, stack.file, io),
          io,
          interrupts,
        });
      }
    } finally {
      prompt.close();
      interrupts.uninstall();
    }
    return 0;
  },
};
