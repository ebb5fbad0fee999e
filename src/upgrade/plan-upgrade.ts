import {
  DEFAULT_KUBERNETES_VERSION,
  EKS_MANAGED_ADDONS,
  RELEASE_TRAINS,
  releaseTrain,
  resolvePlatform,
  versionBelow,
  type PlatformConfig,
  type ReleaseTrain,
} from '@paved/shared-config';

/** What `paved upgrade plan` was asked. */
export interface UpgradeRequest {
  readonly config: PlatformConfig;
  /** Environment name. */
  readonly env: string;
  /** Target minor, `1.NN`. */
  readonly to: string;
}

/** One step of an upgrade, in the order it must run. */
export interface UpgradeStep {
  readonly title: string;
  /** One line per thing that moves (or says that nothing does). */
  readonly items: readonly string[];
}

/** The only edit the upgrade makes to the config. */
export interface ConfigChange {
  /** `environments[1].cluster.kubernetesVersion`. */
  readonly path: string;
  /** The value written now; `undefined` when the field is absent (Paved's default applies). */
  readonly from: string | undefined;
  readonly to: string;
}

export interface UpgradePlan {
  readonly env: string;
  readonly from: ReleaseTrain;
  readonly to: ReleaseTrain;
  readonly steps: readonly UpgradeStep[];
  readonly change: ConfigChange;
}

/** A request Paved refuses: one problem per entry, each `<flag or field path>: <what> (<allowed>)`. */
export class UpgradeRefused extends Error {
  constructor(readonly problems: readonly { readonly where: string; readonly what: string; readonly allowed: string }[]) {
    super(problems.map((p) => `${p.where}: ${p.what} (${p.allowed})`).join('\n'));
    this.name = 'UpgradeRefused';
  }
}

/**
 * Plans moving one environment's cluster up by exactly one Kubernetes minor, as EKS requires: control plane first,
 * then the managed add-ons built for the new minor, then the node groups (at most one minor behind the control plane),
 * then the charts and custom-resource API versions that differ between the two release trains.
 */
export function planUpgrade(request: UpgradeRequest): UpgradePlan {
  const index = request.config.environments.findIndex((e) => e.name === request.env);
  if (index < 0) {
    const known = request.config.environments.map((e) => e.name).join(', ');
    throw new UpgradeRefused([{ where: '--env', what: `'${request.env}' is not an environment of this config`, allowed: `one of ${known}` }]);
  }
  const written = request.config.environments[index].cluster?.kubernetesVersion;
  const current = written ?? DEFAULT_KUBERNETES_VERSION;
  const minors = RELEASE_TRAINS.map((t) => t.kubernetesVersion);
  const from = releaseTrain(current);
  const to = releaseTrain(request.to);
  const problems: { where: string; what: string; allowed: string }[] = [];
  const path = `environments[${index}].cluster.kubernetesVersion`;
  if (!from) problems.push({ where: path, what: `Kubernetes ${current} has no release train`, allowed: `one of ${minors.join(', ')}` });
  if (!to) problems.push({ where: '--to', what: `Kubernetes ${request.to} has no release train`, allowed: `one of ${minors.join(', ')}` });
  if (from && to) {
    const next = RELEASE_TRAINS[RELEASE_TRAINS.indexOf(from) + 1];
    if (to === from) {
      problems.push({ where: '--to', what: `${request.env} already runs Kubernetes ${current}`, allowed: next ? `the next minor, ${next.kubernetesVersion}` : 'nothing newer has a release train yet' });
    } else if (versionBelow(to.kubernetesVersion, from.kubernetesVersion)) {
      problems.push({ where: '--to', what: `${request.to} is older than ${current}: EKS cannot downgrade a cluster`, allowed: next ? `the next minor, ${next.kubernetesVersion}` : `stay on ${current}` });
    } else if (to !== next) {
      const skipped = RELEASE_TRAINS.slice(RELEASE_TRAINS.indexOf(from) + 1, RELEASE_TRAINS.indexOf(to)).map((t) => t.kubernetesVersion);
      problems.push({
        where: '--to',
        what: `${current} -> ${request.to} skips ${skipped.join(', ')}: EKS upgrades one minor at a time`,
        allowed: `--to ${next.kubernetesVersion} first, then one plan per minor up to ${request.to}`,
      });
    }
  }
  if (problems.length > 0 || !from || !to) throw new UpgradeRefused(problems);

  const environment = resolvePlatform(request.config).environments.find((e) => e.name === request.env)!;
  const cluster = environment.cluster;
  const steps: UpgradeStep[] = [
    {
      title: `control plane: update ${cluster.name} from ${from.kubernetesVersion} to ${to.kubernetesVersion}`,
      items: [`EKS updates one minor per cluster update; ${to.kubernetesVersion} has standard support until ${to.endOfStandardSupport}`],
    },
    {
      title: `EKS managed add-ons: move to the builds for ${to.kubernetesVersion}`,
      items: EKS_MANAGED_ADDONS.map((name) => {
        const a = from.eksAddons[name] ?? `EKS default for ${from.kubernetesVersion}`;
        const b = to.eksAddons[name] ?? `EKS default for ${to.kubernetesVersion}`;
        return a === b ? `${name}: ${b} (unchanged)` : `${name}: ${a} -> ${b}`;
      }),
    },
    {
      title: `node groups: update each to ${to.kubernetesVersion}, one at a time`,
      items: cluster.nodeGroups.map(
        (g) => `${environment.naming.nodeGroupName(g.name)}: aws eks update-nodegroup-version --cluster-name ${cluster.name} ` +
          `--nodegroup-name ${environment.naming.nodeGroupName(g.name)} --kubernetes-version ${to.kubernetesVersion}`,
      ),
    },
    { title: 'charts that must move', items: chartMoves(from, to) },
    { title: 'CRD migrations', items: crdMigrations(from, to) },
  ];
  return { env: request.env, from, to, steps, change: { path, from: written, to: to.kubernetesVersion } };
}

function chartMoves(from: ReleaseTrain, to: ReleaseTrain): string[] {
  const names = [...new Set([...Object.keys(from.charts), ...Object.keys(to.charts)])].sort();
  const moves = names.flatMap((name) => {
    const [a, b] = [from.charts[name], to.charts[name]];
    if (a?.version === b?.version && a?.repoUrl === b?.repoUrl) return [];
    return [`${name}: ${a ? a.version : 'not installed'} -> ${b ? `${b.version} (${b.repoUrl})` : 'removed'}`];
  });
  return moves.length > 0 ? moves : [`none: the ${to.kubernetesVersion} train pins the same ${names.length} charts`];
}

function crdMigrations(from: ReleaseTrain, to: ReleaseTrain): string[] {
  const groups = [...new Set([...Object.keys(from.crdApiVersions), ...Object.keys(to.crdApiVersions)])].sort();
  const moves = groups.flatMap((group) => {
    const [a, b] = [from.crdApiVersions[group], to.crdApiVersions[group]];
    return a === b ? [] : [`${group}: ${a ?? 'none'} -> ${b ?? 'none'} (re-render and apply the manifests of this group)`];
  });
  const kept = groups.map((g) => `${g}/${to.crdApiVersions[g]}`).join(', ');
  return moves.length > 0 ? moves : [`none: both trains render ${kept}`];
}

/** The plan as printed: numbered steps, then the one config edit. */
export function formatPlan(plan: UpgradePlan, configPath: string): string[] {
  const lines = [`upgrade plan for ${plan.env}: Kubernetes ${plan.from.kubernetesVersion} -> ${plan.to.kubernetesVersion}`];
  plan.steps.forEach((step, i) => {
    lines.push('', `${i + 1}. ${step.title}`, ...step.items.map((item) => `   - ${item}`));
  });
  const before = plan.change.from === undefined ? `(unset, default ${DEFAULT_KUBERNETES_VERSION})` : `'${plan.change.from}'`;
  lines.push(
    '',
    `config change (${configPath}), nothing else:`,
    `  ${plan.change.path}: ${before} -> '${plan.change.to}'`,
    '',
    'then: paved deploy --env ' + plan.env + ' (applies the control plane and add-on versions in stack order)',
  );
  return lines;
}
