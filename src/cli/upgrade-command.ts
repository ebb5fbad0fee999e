import { UPGRADE_PLAN_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError, UserError } from './user-error';
import { loadConfig } from '../config/load-config';
import { checkConfig } from '../synth/check-config';
import { formatPlan, planUpgrade, UpgradeRefused } from '../upgrade/plan-upgrade';

const USAGE = 'paved upgrade plan --env NAME --to 1.NN [--config FILE]';

/** `paved upgrade plan`: prints the ordered steps of a one-minor Kubernetes upgrade and the one config edit; changes nothing. */
export const upgradeCommand: Command = {
  name: 'upgrade',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'plan') throw new UsageError(`paved upgrade: expected the subcommand 'plan' (usage: ${USAGE})`);
    const options = parseOptions('upgrade plan', rest, UPGRADE_PLAN_FLAGS);
    const missing = (['env', 'to'] as const).filter((f) => !options[f]);
    if (missing.length > 0) throw new UsageError(`paved upgrade plan: ${missing.map((f) => `--${f}`).join(' and ')} required (usage: ${USAGE})`);
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    const checked = checkConfig(loaded);
    checked.warningLines.forEach((l) => io.err(l));
    let plan;
    try {
      plan = planUpgrade({ config: checked.config, env: options.env!, to: options.to! });
    } catch (e) {
      if (!(e instanceof UpgradeRefused)) throw e;
      throw new UserError(e.problems.map((p) => `error: ${loaded.displayPath}: ${p.where}: ${p.what} (${p.allowed})`));
    }
    formatPlan(plan, loaded.displayPath).forEach((l) => io.out(l));
    return 0;
  },
};
