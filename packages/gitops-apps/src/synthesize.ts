import type { ResolvedPlatform } from '@paved/shared-config';

export interface GitopsSynthOptions {
  /** Directory that receives one folder per environment. */
  readonly outdir: string;
  /**
   * Only these environments.
   * @default - every environment
   */
  readonly environments?: readonly string[];
}

export interface GitopsSynthResult {
  /** Files written, relative to `outdir`, sorted. */
  readonly files: readonly string[];
}

/** Renders everything ArgoCD needs for each environment into `<outdir>/<env>/`. */
export function synthesizeGitops(platform: ResolvedPlatform, options: GitopsSynthOptions): GitopsSynthResult {
  void platform;
  void options;
  return { files: [] };
}
