import {
  ADDON_CATALOG,
  ARGOCD_CHART,
  DEFAULT_KUBERNETES_VERSION,
  EKS_CONTROL_PLANE_PRICE,
  EKS_MANAGED_ADDONS,
  findRetired,
  newestStandardTrain,
  RELEASE_TRAINS,
  supportPhase,
  SUPPORTED_KUBERNETES_VERSIONS,
  validatePlatform,
} from '../src';
import { mutableConfig } from './fixtures';

const CHECKED = '2026-12-03';

describe('release trains', () => {
  test('cover the minors EKS runs on 2026-12-03, oldest first, and nothing retired', () => {
    expect(RELEASE_TRAINS.map((t) => t.kubernetesVersion)).toEqual(['1.32', '1.33', '1.34', '1.35', '1.36']);
    expect(SUPPORTED_KUBERNETES_VERSIONS).toEqual(RELEASE_TRAINS.map((t) => t.kubernetesVersion));
    expect(RELEASE_TRAINS.filter((t) => findRetired('kubernetes', 'kubernetes', t.kubernetesVersion))).toEqual([]);
  });

  test('the default is the newest minor in standard support', () => {
    expect(DEFAULT_KUBERNETES_VERSION).toBe(newestStandardTrain(CHECKED).kubernetesVersion);
    expect(RELEASE_TRAINS.filter((t) => supportPhase(t, CHECKED) === 'standard').map((t) => t.kubernetesVersion)).toEqual(['1.35', '1.36']);
    expect(RELEASE_TRAINS.filter((t) => supportPhase(t, CHECKED) === 'extended').map((t) => t.kubernetesVersion)).toEqual(['1.32', '1.33', '1.34']);
  });

  test.each(RELEASE_TRAINS.map((t) => [t.kubernetesVersion, t] as const))('%s: 14 months standard then 12 extended, sourced', (_v, t) => {
    expect(t.released < t.endOfStandardSupport).toBe(true);
    const year = (d: string) => Number(d.slice(0, 4));
    expect(t.endOfExtendedSupport).toBe(`${year(t.endOfStandardSupport) + 1}${t.endOfStandardSupport.slice(4)}`);
    expect(t.source.url).toMatch(/^https:\/\//);
    expect(t.source.checked).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(Object.keys(t.eksAddons).sort()).toEqual([...EKS_MANAGED_ADDONS].sort());
    for (const build of Object.values(t.eksAddons)) if (build) expect(build).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    // kube-proxy follows the cluster's minor
    if (t.eksAddons['kube-proxy']) expect(t.eksAddons['kube-proxy']).toMatch(new RegExp(`^v${t.kubernetesVersion.replace('.', '\\.')}\\.`));
  });

  test('vpc-cni, coredns, kube-proxy and the Pod Identity agent are pinned on every train, each with a source', () => {
    for (const t of RELEASE_TRAINS) {
      for (const name of ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent'] as const) {
        const train = t.kubernetesVersion;
        expect({ train, name, pinned: t.eksAddons[name] !== undefined }).toEqual({ train, name, pinned: true });
      }
      expect(t.eksAddonsSources.length).toBeGreaterThan(0);
      for (const s of t.eksAddonsSources) expect(s.url).toMatch(/^https:\/\//);
    }
  });

  test('upgrading one minor never pins an older add-on build (EKS does not downgrade add-ons)', () => {
    const parse = (build: string) => /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(build)!.slice(1).map(Number);
    const older = (a: number[], b: number[]) => { for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i] > b[i]; return false; };
    for (let i = 1; i < RELEASE_TRAINS.length; i++) {
      const [from, to] = [RELEASE_TRAINS[i - 1], RELEASE_TRAINS[i]];
      for (const name of EKS_MANAGED_ADDONS) {
        const [a, b] = [from.eksAddons[name], to.eksAddons[name]];
        if (a && b) expect({ name, from: a, to: b, downgrade: older(parse(a), parse(b)) }).toEqual({ name, from: a, to: b, downgrade: false });
      }
    }
  });

  test('chart pins come from the catalog: one source of truth', () => {
    for (const t of RELEASE_TRAINS) {
      for (const a of Object.values(ADDON_CATALOG)) expect(t.charts[a.name]).toEqual({ chart: a.chart, repoUrl: a.repoUrl, version: a.version });
      expect(t.charts['argo-cd']).toEqual(ARGOCD_CHART);
      expect(t.crdApiVersions['external-secrets.io']).toBe('v1');
    }
  });

  test('the extended-support price is six times the standard one', () => {
    expect(EKS_CONTROL_PLANE_PRICE.extendedPerHour).toBe(0.6);
    expect(EKS_CONTROL_PLANE_PRICE.standardPerHour).toBe(0.1);
  });
});

describe('kubernetes-version rule and the support calendar', () => {
  const on = (version: string, today: string) => {
    const config = mutableConfig();
    config.environments[0].cluster = { kubernetesVersion: version };
    return validatePlatform(config, { today }).problems.filter((p) => p.rule === 'kubernetes-version');
  };

  test('nothing while a minor is in standard support (its last day included)', () => {
    expect(on('1.34', '2026-12-02')).toEqual([]);
    expect(on('1.35', CHECKED)).toEqual([]);
  });

  test('a warning past standard support, with the price and the end of extended support', () => {
    const [p, ...rest] = on('1.34', CHECKED);
    expect(rest).toEqual([]);
    expect(p.severity).toBe('warning');
    expect(p.path).toBe('environments[0].cluster.kubernetesVersion');
    expect(p.message).toBe(
      'Kubernetes 1.34 left EKS standard support on 2026-12-02: extended support costs $0.60 instead of $0.10 per ' +
        'cluster-hour (+$365 a month) and ends on 2027-12-02, when EKS upgrades the cluster itself',
    );
    expect(p.allowed).toBe('upgrade one minor at a time: paved upgrade plan --env dev --to 1.35');
  });

  test('an error past extended support', () => {
    const [p] = on('1.32', '2027-03-24');
    expect(p.severity).toBe('error');
    expect(p.message).toBe('Kubernetes 1.32 left EKS extended support on 2027-03-23: EKS upgrades such clusters itself');
  });

  test('an error for a minor without a train', () => {
    expect(on('1.31', CHECKED).map((p) => [p.severity, p.message])).toEqual([['error', 'Kubernetes 1.31 is not supported']]);
  });
});
