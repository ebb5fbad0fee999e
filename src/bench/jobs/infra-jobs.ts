import { performance } from 'node:perf_hooks';
import type { PlatformConfig } from '@paved/shared-config';

/*
 * Jobs of the `infra` bench target. Modules are required inside the jobs so that the worker's wall time includes
 * loading them: for cdktf apps, module loading is most of the cost.
 */

export interface InfraJobResult {
  readonly requireMs: number;
  readonly synthMs: number;
  readonly stacks: number;
  readonly resources: number;
}

/** The real app: platform-infra with deep provider imports. */
export function infraSynthJob(args: { config: string; outDir: string }): InfraJobResult {
  return synth(args, false);
}

/**
 * The same app, plus what a barrel import (`import { ... } from '@cdktf/provider-aws'`) costs: the barrel loads every
 * resource binding of the provider. ESLint forbids this import in the code base; the bench loads it on purpose.
 */
export function infraSynthBarrelJob(args: { config: string; outDir: string }): InfraJobResult {
  return synth(args, true);
}

function synth(args: { config: string; outDir: string }, barrel: boolean): InfraJobResult {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const started = performance.now();
  if (barrel) {
    const barrels = ['@cdktf/provider-aws', '@cdktf/provider-helm'];
    // Touch one export so that lazily defined barrels are really evaluated, as an `import { Vpc }` would.
    for (const name of barrels) void Object.keys(require(require.resolve(name, { paths: [require.resolve('@paved/platform-infra')] })));
  }
  const { resolvePlatform } = require('@paved/shared-config') as typeof import('@paved/shared-config');
  const { synthesizeInfrastructure } = require('@paved/platform-infra') as typeof import('@paved/platform-infra');
  const { requireTypeScript } = require('../../config/typescript-loader') as typeof import('../../config/typescript-loader');
  const loaded = requireTypeScript(args.config) as { default: PlatformConfig };
  const required = performance.now();
  const { stacks } = synthesizeInfrastructure(resolvePlatform(loaded.default), { outdir: args.outDir });
  return {
    requireMs: required - started,
    synthMs: performance.now() - required,
    stacks: stacks.length,
    resources: stacks.reduce((n, s) => n + s.resources, 0),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}
