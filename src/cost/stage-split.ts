import type { EnvironmentConfig, PlatformConfig, ResolvedEnvironment, ResolvedPlatform, ResolvedService } from '@paved/shared-config';
import type { CostReport } from './cost-report';

/**
 * Cost per stage (docs/stages.md): a shared cluster's whole monthly cost (network, control plane, nodes, data stores,
 * load balancer, …) split between its tenants (the host's own services, if any, and each stage) by the CPU and memory
 * their services request, half and half. The shares add up to the cluster's total to the cent.
 */
export interface StageShare {
  /** The stage, or the host itself for its own services. */
  readonly name: string;
  /** Requested vCPUs: replicas (minimum replicas when autoscaled) × CPU request. */
  readonly cpu: number;
  /** Requested memory in GiB, the same way. */
  readonly memoryGiB: number;
  readonly monthlyUsd: number;
}

export interface ClusterSplit {
  readonly host: string;
  /** The host environment's total, which the shares add up to. */
  readonly totalUsd: number;
  readonly shares: readonly StageShare[];
  /** The same stages as environments of their own (a VPC and cluster each), when estimated. */
  readonly separateUsd?: number;
}

/** CPU quantity in cores. */
export function cpuOf(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** Memory quantity in GiB (`Mi` and `Gi`, what validation accepts). */
export function memoryGiBOf(quantity: string): number {
  return quantity.endsWith('Gi') ? Number(quantity.slice(0, -2)) : Number(quantity.slice(0, -2)) / 1024;
}

function requested(services: readonly ResolvedService[]): { cpu: number; memoryGiB: number } {
  let cpu = 0;
  let memoryGiB = 0;
  for (const s of services) {
    const replicas = s.scaling.kind === 'fixed' ? s.scaling.replicas : s.scaling.minReplicas;
    cpu += replicas * cpuOf(s.resources.cpu);
    memoryGiB += replicas * memoryGiBOf(s.resources.memory);
  }
  return { cpu: round(cpu, 3), memoryGiB: round(memoryGiB, 3) };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Splits one host's total between its tenants; the last share takes the rounding remainder. */
export function splitCluster(env: ResolvedEnvironment, totalUsd: number): ClusterSplit {
  const tenants = [
    ...(env.services.length > 0 ? [{ name: env.name, ...requested(env.services) }] : []),
    ...(env.stages ?? []).map((stage) => ({ name: stage.name, ...requested(stage.services) })),
  ];
  const cpu = tenants.reduce((n, t) => n + t.cpu, 0);
  const memory = tenants.reduce((n, t) => n + t.memoryGiB, 0);
  let left = Math.round(totalUsd * 100);
  const shares = tenants.map((t, i) => {
    const weight = (cpu > 0 ? t.cpu / cpu : 1 / tenants.length) / 2 + (memory > 0 ? t.memoryGiB / memory : 1 / tenants.length) / 2;
    const cents = i === tenants.length - 1 ? left : Math.round(totalUsd * 100 * weight);
    left -= cents;
    return { ...t, monthlyUsd: cents / 100 };
  });
  return { host: env.name, totalUsd, shares };
}

/** The split of every host that runs stages (empty for a platform without stages). */
export function stageCostSplits(platform: ResolvedPlatform, report: CostReport, separate?: CostReport): ClusterSplit[] {
  return platform.environments.flatMap((env) => {
    const cost = report.environments.find((e) => e.name === env.name);
    if (!env.stages || !cost) return [];
    const split = splitCluster(env, cost.totalUsd);
    if (!separate) return [split];
    const names = new Set([...(env.services.length > 0 ? [env.name] : []), ...env.stages.map((s) => s.name)]);
    const separateUsd = round(separate.environments.filter((e) => names.has(e.name)).reduce((n, e) => n + e.totalUsd, 0), 2);
    return [{ ...split, separateUsd }];
  });
}

/**
 * The same platform with every stage as an environment of its own (what it would cost without stages): each stage gets
 * its own VPC (a distinct range), cluster and data stores, sized by its profile; a host stays only if it runs services
 * of its own.
 */
export function separateEnvironmentsConfig(config: PlatformConfig, platform: ResolvedPlatform): PlatformConfig {
  const hostsWithServices = new Set(platform.environments.filter((e) => e.services.length > 0).map((e) => e.name));
  const environments: EnvironmentConfig[] = [];
  config.environments.forEach((env, i) => {
    if (env.runsOn === undefined) {
      if (hostsWithServices.has(env.name) || !platform.environments.find((e) => e.name === env.name)?.stages) environments.push(env);
      return;
    }
    const { runsOn: _runsOn, shared: _shared, quota: _quota, deployers: _deployers, ...rest } = env;
    environments.push({ ...rest, domain: undefined, network: { vpcCidr: `10.${100 + i}.0.0/16` } });
  });
  return { ...config, environments };
}

const usd = (n: number) => `$${n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** The table lines of the splits, after the environments' tables. */
export function formatStageSplits(splits: readonly ClusterSplit[]): string[] {
  const lines: string[] = [];
  for (const split of splits) {
    const width = Math.max(...split.shares.map((s) => s.name.length), 'total'.length);
    lines.push(`stages on ${split.host}: its ${usd(split.totalUsd)} per month split by requested CPU and memory (half each)`);
    for (const s of split.shares) {
      lines.push(`  ${s.name.padEnd(width)}  ${`${s.cpu} vCPU`.padStart(10)}  ${`${s.memoryGiB} GiB`.padStart(10)}  ${usd(s.monthlyUsd).padStart(10)}`);
    }
    lines.push(`  ${'total'.padEnd(width)}  ${''.padStart(10)}  ${''.padStart(10)}  ${usd(split.shares.reduce((n, s) => n + s.monthlyUsd, 0)).padStart(10)}`);
    if (split.separateUsd !== undefined) {
      const saving = split.separateUsd - split.totalUsd;
      const percent = split.separateUsd > 0 ? Math.round((saving / split.separateUsd) * 100) : 0;
      lines.push(`  as ${split.shares.length} separate environments: ${usd(split.separateUsd)} per month; one cluster saves ${usd(saving)} (${percent}%)`);
    }
    lines.push('');
  }
  return lines;
}
