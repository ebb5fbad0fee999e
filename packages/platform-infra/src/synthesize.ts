import type { ResolvedPlatform } from '@paved/shared-config';
import { App } from 'cdktf';
import { PlatformApp } from './platform-app';

export interface InfraSynthOptions {
  /** Directory cdktf writes `manifest.json` and `stacks/<stack>/cdk.tf.json` into. */
  readonly outdir: string;
  /**
   * Only these environments' stacks (platform-wide stacks are always included).
   * @default - every environment
   */
  readonly environments?: readonly string[];
}

export interface StackSummary {
  readonly name: string;
  /** The environment the stack belongs to; undefined for platform-wide stacks. */
  readonly environment?: string;
  readonly resources: number;
  /** Stacks that must be deployed first. */
  readonly dependencies: readonly string[];
}

export interface InfraSynthResult {
  readonly stacks: readonly StackSummary[];
}

/** Synthesizes the Terraform JSON of every stack of the platform into `options.outdir`. */
export function synthesizeInfrastructure(platform: ResolvedPlatform, options: InfraSynthOptions): InfraSynthResult {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  const platformApp = new PlatformApp(app, platform, { environments: options.environments });
  app.synth();
  return { stacks: platformApp.summarize() };
}
