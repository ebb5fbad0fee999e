import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from './atomic-file';
import type { ManifestStack } from './manifest';
import type { PavedPaths } from './paths';

/** Terraform override file (merged over cdk.tf.json): its `backend` block replaces the stack's S3 backend. */
export const BACKEND_OVERRIDE = 'paved_backend_override.tf.json';
export const PLAN_FILE = 'plan.tfplan';

export interface WorkDirOptions {
  /**
   * Keep the state in `.paved/state/<stack>.tfstate` through a local backend override: only for the bootstrap stacks
   * of a first deployment, before the state bucket exists.
   * @default false
   */
  readonly localState?: boolean;
}

/**
 * Prepares `.paved/terraform/<stack>/` for Terraform: a copy of the synthesized cdk.tf.json (synth replaces `out/`
 * whole, so `.terraform/`, the lock file and the plan live here instead), the backend override or none, no stale plan.
 * Returns the directory.
 */
export function prepareWorkDir(paths: PavedPaths, stack: ManifestStack, options: WorkDirOptions = {}): string {
  const dir = paths.workDir(stack.name);
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomically(path.join(dir, 'cdk.tf.json'), fs.readFileSync(stack.file));
  fs.rmSync(path.join(dir, PLAN_FILE), { force: true });
  if (options.localState) {
    const state = paths.localState(stack.name);
    fs.mkdirSync(path.dirname(state), { recursive: true });
    writeFileAtomically(path.join(dir, BACKEND_OVERRIDE), `${JSON.stringify(localBackendOverride(path.relative(dir, state)), null, 2)}\n`);
  } else {
    removeBackendOverride(paths, stack.name);
  }
  return dir;
}

/** Back to the stack's own S3 backend. */
export function removeBackendOverride(paths: PavedPaths, stack: string): void {
  fs.rmSync(path.join(paths.workDir(stack), BACKEND_OVERRIDE), { force: true });
}

export function localBackendOverride(statePath: string): object {
  return { terraform: { backend: { local: { path: statePath } } } };
}
