/** What a pin names: a Helm chart, a container image, an API version, an EKS add-on, Kubernetes itself, a runtime. */
export type ComponentKind = 'chart' | 'image' | 'api' | 'eks-addon' | 'kubernetes' | 'runtime';

/** A component (or a range of its versions) that is retired or past end of life: nothing Paved pins may match it. */
export interface RetiredComponent {
  readonly kind: ComponentKind;
  /** Chart name, image repository, `group/version` of an API, add-on name, `kubernetes`, or runtime name. */
  readonly name: string;
  /**
   * Versions that are retired: every version below `below` (dotted numbers, a leading `v` ignored).
   * @default - every version
   */
  readonly below?: string;
  /** When support ended (`YYYY-MM-DD`, or `YYYY-MM` when the project gave a month). */
  readonly retired: string;
  /** Where that is said. */
  readonly source: string;
  /** What to use instead. */
  readonly instead: string;
}

/**
 * Retired and end-of-life components, checked 2026-12-03. A test fails when any chart, image, API version, EKS add-on,
 * Kubernetes version or blueprint runtime that Paved pins is on this list: add an entry when a project announces an end
 * of life, and the pins that need to move show up at once.
 */
export const RETIRED_COMPONENTS: readonly RetiredComponent[] = [
  {
    kind: 'chart',
    name: 'ingress-nginx',
    retired: '2026-03',
    source: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
    instead: 'the AWS Load Balancer Controller (docs/ingress-migration.md)',
  },
  {
    kind: 'image',
    name: 'registry.k8s.io/ingress-nginx/controller',
    retired: '2026-03',
    source: 'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
    instead: 'the AWS Load Balancer Controller',
  },
  {
    kind: 'chart',
    name: 'promtail',
    retired: '2026-03-02',
    source: 'https://grafana.com/docs/loki/latest/send-data/promtail/',
    instead: 'Grafana Alloy (the alloy chart)',
  },
  {
    kind: 'image',
    name: 'grafana/promtail',
    retired: '2026-03-02',
    source: 'https://grafana.com/docs/loki/latest/send-data/promtail/',
    instead: 'grafana/alloy',
  },
  {
    kind: 'chart',
    name: 'grafana-agent',
    retired: '2025-11-01',
    source: 'https://grafana.com/docs/loki/latest/setup/migrate/migrate-to-alloy/',
    instead: 'Grafana Alloy (the alloy chart)',
  },
  {
    kind: 'chart',
    name: 'grafana-agent-operator',
    retired: '2025-11-01',
    source: 'https://grafana.com/docs/loki/latest/setup/migrate/migrate-to-alloy/',
    instead: 'Grafana Alloy (the alloy chart)',
  },
  {
    kind: 'image',
    name: 'grafana/agent',
    retired: '2025-11-01',
    source: 'https://grafana.com/docs/loki/latest/setup/migrate/migrate-to-alloy/',
    instead: 'grafana/alloy',
  },
  {
    // Chart 8.0.0 is the first with Argo CD 3.0 (argoproj/argo-helm#3289, 2025-05-06). Argo CD supports its three
    // newest minors; 2.14, the last 2.x, left support when 3.2 shipped (November 2025).
    kind: 'chart',
    name: 'argo-cd',
    below: '8.0.0',
    retired: '2025-11',
    source: 'https://github.com/argoproj/argo-helm/pull/3289',
    instead: 'argo-cd chart 8.x or later (Argo CD 3.x)',
  },
  {
    kind: 'image',
    name: 'quay.io/argoproj/argocd',
    below: '3.0.0',
    retired: '2025-11',
    source: 'https://github.com/argoproj/argo-cd/blob/master/SECURITY.md',
    instead: 'Argo CD 3.x',
  },
  {
    // 0.17.0 stopped serving v1beta1: releases before it are unsupported, and their manifests do not apply on newer ones.
    kind: 'chart',
    name: 'external-secrets',
    below: '0.17.0',
    retired: '2025-05',
    source: 'https://github.com/external-secrets/external-secrets/releases/tag/v0.17.0',
    instead: 'external-secrets chart 0.17 or later, with external-secrets.io/v1 manifests',
  },
  {
    kind: 'api',
    name: 'external-secrets.io/v1beta1',
    retired: '2025-05',
    source: 'https://github.com/external-secrets/external-secrets/releases/tag/v0.17.0',
    instead: 'external-secrets.io/v1',
  },
  {
    kind: 'runtime',
    name: 'node',
    below: '22.0.0',
    retired: '2026-04-30',
    source: 'https://github.com/nodejs/Release#release-schedule',
    instead: 'Node.js 22 or 24 (LTS)',
  },
  {
    // EKS: 14 months of standard support, then 12 of extended support; 1.31's extended support ended 2026-11-26.
    kind: 'kubernetes',
    name: 'kubernetes',
    below: '1.32',
    retired: '2026-11-26',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
    instead: 'a Kubernetes version in EKS standard support',
  },
];

function parts(version: string): number[] {
  return version.replace(/^v/, '').split(/[.+-]/).map((p) => Number.parseInt(p, 10)).filter((n) => !Number.isNaN(n));
}

/** Whether dotted version `a` is lower than `b` (missing parts count as 0; a leading `v` is ignored). */
export function versionBelow(a: string, b: string): boolean {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? 0, y[i] ?? 0];
    if (p !== q) return p < q;
  }
  return false;
}

/** The retired entry a pinned component matches, if any. `version` may be omitted for unversioned pins (an API). */
export function findRetired(kind: ComponentKind, name: string, version?: string): RetiredComponent | undefined {
  return RETIRED_COMPONENTS.find((r) =>
    r.kind === kind && r.name === name && (r.below === undefined || (version !== undefined && versionBelow(version, r.below))));
}
