import { formatProblem, type PlatformConfig, type Problem, validatePlatform } from '@paved/shared-config';
import { UserError } from '../cli/user-error';
import type { LoadedConfig } from '../config/load-config';

export interface CheckedConfig {
  readonly config: PlatformConfig;
  readonly warnings: readonly Problem[];
  /** Warnings formatted as output lines. */
  readonly warningLines: readonly string[];
}

/**
 * Validates a loaded config. Errors (with the warnings found alongside) become a UserError, one line per problem, so
 * nothing is synthesized from an invalid config.
 */
export function checkConfig(loaded: LoadedConfig): CheckedConfig {
  const result = validatePlatform(loaded.value);
  const lines = result.problems.map((p) => formatProblem(p, loaded.displayPath));
  if (!result.ok) {
    const count = `${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`;
    throw new UserError([...lines, `${loaded.displayPath}: ${count}, nothing written`]);
  }
  return { config: loaded.value as PlatformConfig, warnings: result.warnings, warningLines: lines };
}

/** Checks `--env` names against the config. */
export function checkEnvironmentFilter(config: PlatformConfig, displayPath: string, names: readonly string[]): void {
  const known = config.environments.map((e) => e.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new UserError(
      unknown.map((n) => `error: ${displayPath}: --env: '${n}' is not an environment of this config (one of ${known.join(', ')})`),
      2,
    );
  }
}
