import * as path from 'node:path';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform } from '@paved/shared-config';
import { UserError } from '../cli/user-error';
import { loadConfig } from '../config/load-config';
import { checkConfig } from '../synth/check-config';

/**
 * The app `cdktf` runs (`packages/platform-infra/cdktf.json`), so that `npx cdktf deploy <stack>` works from the
 * package: the config comes from PAVED_CONFIG (default: the repository's platform.config.ts) and the output directory
 * from cdktf (CDKTF_OUTDIR). Only this entry point reads the environment; the constructs get plain values.
 */
function main(): number {
  const configFile = process.env.PAVED_CONFIG ?? path.resolve(__dirname, '..', '..', 'platform.config.ts');
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const checked = checkConfig(loadConfig(configFile));
    checked.warningLines.forEach((l) => console.error(l));
    synthesizeInfrastructure(resolvePlatform(checked.config), { outdir });
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      e.lines.forEach((l) => console.error(l));
      return e.exitCode;
    }
    throw e;
  }
}

process.exitCode = main();
