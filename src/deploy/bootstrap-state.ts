import * as fs from 'node:fs';
import { writeFileAtomically } from './atomic-file';
import type { PavedPaths } from './paths';
import { terraform, type TerraformContext } from './terraform';
import { removeBackendOverride } from './workdir';
import { UserError } from '../cli/user-error';

/**
 * `--bootstrap` is for the first deployment only: once a bootstrap stack's state has moved into S3, applying it again
 * from an empty local state would try to create everything a second time.
 */
export function refuseRepeatedBootstrap(paths: PavedPaths, bootstrapStacks: readonly string[]): void {
  const done = bootstrapStacks.filter((s) => fs.existsSync(paths.migratedMarker(s)));
  if (done.length > 0) {
    throw new UserError(
      done.map((s) => `error: deploy: --bootstrap: ${s} was already bootstrapped and its state moved into S3 (${paths.migratedMarker(s)}); run paved deploy without --bootstrap`),
    );
  }
}

/**
 * Once `bootstrap` has created the state bucket: drops each bootstrap stack's local backend override and lets
 * `terraform init -migrate-state -force-copy` copy its state from `.paved/state/` into the stack's own S3 backend.
 * The local state file stays as a backup; a marker records the move.
 */
export async function migrateBootstrapState(context: TerraformContext, paths: PavedPaths, stacks: readonly string[]): Promise<void> {
  for (const stack of stacks) {
    removeBackendOverride(paths, stack);
    await terraform(context, stack, paths.workDir(stack), ['init', '-input=false', '-migrate-state', '-force-copy']);
    writeFileAtomically(paths.migratedMarker(stack), `${JSON.stringify({ stack, migratedAt: new Date().toISOString() })}\n`);
    context.io.out(`paved deploy: ${stack}: state moved into the S3 backend (the local copy ${paths.localState(stack)} stays as a backup)`);
  }
}
