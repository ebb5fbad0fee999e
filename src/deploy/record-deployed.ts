import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from './atomic-file';
import type { PavedPaths } from './paths';

/**
 * Keeps the cdk.tf.json a stack was just applied from in `.paved/deployed/terraform/stacks/<stack>/cdk.tf.json`: what
 * `paved diff` compares a new synth against. Written only after a successful apply, atomically.
 */
export function recordDeployed(paths: PavedPaths, stack: string, appliedFile: string): void {
  writeFileAtomically(paths.deployedStack(stack), fs.readFileSync(appliedFile));
}

/** Drops the record of a destroyed stack (a file Paved wrote). */
export function forgetDeployed(paths: PavedPaths, stack: string): void {
  fs.rmSync(path.dirname(paths.deployedStack(stack)), { recursive: true, force: true });
}
