import { PROMOTE_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError } from './user-error';
import { loadConfig } from '../config/load-config';
import { promoteImage } from '../promote/promote-image';
import { checkConfig } from '../synth/check-config';

/** `paved promote <service> --from A --to B`: copies the image tag of one service between environments or stages. */
export const promoteCommand: Command = {
  name: 'promote',
  async run(args, io) {
    // The service is the one positional argument, first: `paved promote api --from A --to B`.
    const positional = args[0] !== undefined && !args[0].startsWith('-');
    const service = positional ? args[0] : undefined;
    const options = parseOptions('promote', positional ? args.slice(1) : args, PROMOTE_FLAGS);
    if (!service) throw new UsageError('paved promote: missing <service> (paved promote <service> --from ENV --to ENV)');
    if (!options.from) throw new UsageError('paved promote: missing --from');
    if (!options.to) throw new UsageError('paved promote: missing --to');
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    const checked = checkConfig(loaded);
    checked.warningLines.forEach((l) => io.err(l));
    const result = promoteImage({ loaded, config: checked.config, service, from: options.from, to: options.to });
    if (!result.changed) {
      io.out(`${loaded.displayPath}: ${service} already runs ${result.tag} in ${options.to}; nothing changed`);
      return 0;
    }
    result.diff.forEach((l) => io.out(l));
    io.out(`${loaded.displayPath}: ${service} ${options.from} -> ${options.to}: image tag ${result.tag} (one field changed; review and commit)`);
    return 0;
  },
};
