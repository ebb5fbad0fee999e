import { performance } from 'node:perf_hooks';
import type { PlatformConfig } from '@paved/shared-config';

export interface GitopsJobResult {
  readonly requireMs: number;
  readonly renderMs: number;
  readonly files: number;
  readonly services: number;
}

/** GitOps synthesis of one config (all environments) into `outDir`; modules are loaded inside the timed job. */
export function gitopsSynthJob(args: { config: string; outDir: string }): GitopsJobResult {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const started = performance.now();
  const { resolvePlatform } = require('@paved/shared-config') as typeof import('@paved/shared-config');
  const { synthesizeGitops } = require('@paved/gitops-apps') as typeof import('@paved/gitops-apps');
  const { requireTypeScript } = require('../../config/typescript-loader') as typeof import('../../config/typescript-loader');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = (requireTypeScript(args.config) as { default: PlatformConfig }).default;
  const required = performance.now();
  const platform = resolvePlatform(config);
  const { files } = synthesizeGitops(platform, { outdir: args.outDir });
  return { requireMs: required - started, renderMs: performance.now() - required, files: files.length, services: config.services?.length ?? 0 };
}
