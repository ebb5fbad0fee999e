import type { StackSummary } from '@paved/platform-infra';
import type { ResolvedPlatform } from '@paved/shared-config';

/** Milliseconds spent per phase of a synth. */
export interface PhaseTimings {
  readonly loadMs: number;
  readonly validateMs: number;
  readonly infraMs: number;
  readonly gitopsMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
}

/** Contents of `<out>/summary.json`. Everything but `timings` is a pure function of the config. */
export interface SynthSummary {
  readonly organization: string;
  /** sha256 of the config's canonical JSON. */
  readonly configHash: string;
  readonly environments: readonly {
    readonly name: string;
    readonly profile: string;
    readonly account: string;
    readonly region: string;
    readonly domain: string;
  }[];
  readonly terraform: {
    readonly dir: 'terraform';
    readonly resources: number;
    readonly stacks: readonly StackSummary[];
  };
  readonly gitops: {
    readonly dir: 'gitops';
    readonly files: readonly string[];
  };
  readonly warnings: readonly string[];
  /**
   * Time up to writing this file (the write phase itself is printed, not recorded). Absent with `--no-timings`,
   * which makes the whole output byte-identical across runs.
   */
  readonly timings?: Omit<PhaseTimings, 'writeMs'>;
}

export function buildSummary(input: {
  platform: ResolvedPlatform;
  environments: readonly string[];
  configHash: string;
  stacks: readonly StackSummary[];
  gitopsFiles: readonly string[];
  warnings: readonly string[];
  timings?: Omit<PhaseTimings, 'writeMs'>;
}): SynthSummary {
  return {
    organization: input.platform.organization,
    configHash: input.configHash,
    environments: input.platform.environments
      .filter((e) => input.environments.includes(e.name))
      .map((e) => ({ name: e.name, profile: e.profile, account: e.account, region: e.region, domain: e.domain })),
    terraform: {
      dir: 'terraform',
      resources: input.stacks.reduce((n, s) => n + s.resources, 0),
      stacks: input.stacks,
    },
    gitops: { dir: 'gitops', files: input.gitopsFiles },
    warnings: input.warnings,
    ...(input.timings ? { timings: input.timings } : {}),
  };
}
