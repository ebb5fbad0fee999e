import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/user-error';

/** A stack as cdktf's `manifest.json` lists it. */
export interface ManifestStack {
  readonly name: string;
  /** Stacks whose outputs it reads: they are applied first. */
  readonly dependencies: readonly string[];
  /** Absolute path of the stack's `cdk.tf.json`. */
  readonly file: string;
}

/** Reads `<out>/terraform/manifest.json`, the stacks and their dependencies as cdktf wrote them. */
export function readManifest(outDir: string): ManifestStack[] {
  const terraformDir = path.join(outDir, 'terraform');
  const file = path.join(terraformDir, 'manifest.json');
  let parsed: { stacks?: Record<string, { dependencies?: string[]; synthesizedStackPath?: string }> };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError([`error: ${file}: cannot be read (${(e as Error).message}); run paved synth again`]);
  }
  return Object.entries(parsed.stacks ?? {}).map(([name, stack]) => ({
    name,
    dependencies: stack.dependencies ?? [],
    file: path.join(terraformDir, stack.synthesizedStackPath ?? path.join('stacks', name, 'cdk.tf.json')),
  }));
}
