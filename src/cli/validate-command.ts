import { performance } from 'node:perf_hooks';
import { VALIDATE_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { loadConfig } from '../config/load-config';
import { checkConfig } from '../synth/check-config';

export const validateCommand: Command = {
  name: 'validate',
  async run(args, io) {
    const options = parseOptions('validate', args, VALIDATE_FLAGS);
    const started = performance.now();
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    const checked = checkConfig(loaded);
    checked.warningLines.forEach((l) => io.err(l));
    const { environments, services = [] } = checked.config;
    const warnings = checked.warnings.length;
    io.out(
      `${loaded.displayPath}: valid (${environments.length} environments, ${services.length} services, ` +
        `${warnings} warning${warnings === 1 ? '' : 's'}) in ${Math.round(performance.now() - started)} ms`,
    );
    return 0;
  },
};
