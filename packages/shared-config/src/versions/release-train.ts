import { ADDON_CATALOG, ARGOCD_CHART, type HelmChartRef } from '../addons/catalog';

/** The EKS managed add-ons every Paved cluster runs (platform-infra's cluster stack creates one `aws_eks_addon` each). */
export const EKS_MANAGED_ADDONS = ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver'] as const;
export type EksManagedAddon = (typeof EKS_MANAGED_ADDONS)[number];

/** Where a date or version was read, and on which day. */
export interface SourceRef {
  readonly url: string;
  /** `YYYY-MM-DD`: the day Paved read it. */
  readonly checked: string;
}

/**
 * One Kubernetes minor on EKS and everything that goes with it: its support window, the EKS add-on builds made for
 * it, the Helm charts Paved installs on it and the API versions of the custom resources Paved renders for it.
 */
export interface ReleaseTrain {
  /** `1.NN`. */
  readonly kubernetesVersion: string;
  /** When EKS released it (`YYYY-MM-DD`). */
  readonly released: string;
  /** Last day of EKS standard support ($0.10 per cluster-hour). */
  readonly endOfStandardSupport: string;
  /** Last day of EKS extended support ($0.60 per cluster-hour); EKS upgrades the cluster itself after it. */
  readonly endOfExtendedSupport: string;
  readonly source: SourceRef;
  /**
   * `addon_version` per EKS managed add-on: the newest build EKS lists for this minor. Each pin has a
   * `// renovate: eksAddonsFilter=...` comment above it: Renovate's aws-eks-addon datasource looks new builds up by it. `undefined` leaves the choice to
   * EKS (its default build for the minor) where no build list for the minor was published when Paved checked.
   */
  readonly eksAddons: Readonly<Record<EksManagedAddon, string | undefined>>;
  readonly eksAddonsSource: SourceRef;
  /** Chart name (as in the catalog) -> chart pin. */
  readonly charts: Readonly<Record<string, HelmChartRef>>;
  /** Custom-resource group -> the API version Paved renders (`external-secrets.io` -> `v1`). */
  readonly crdApiVersions: Readonly<Record<string, string>>;
}

const EOL_DATE = { url: 'https://endoflife.date/amazon-eks', checked: '2026-12-03' } as const;
/** The 14 + 12 month policy itself. */
export const EKS_VERSION_POLICY: SourceRef = { url: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html', checked: '2026-12-03' } as const;
/**
 * 1.36: the AWS announcement, as recorded by endoflife.date (products/amazon-eks.md at a70eca3, 2026-08-22: released
 * 2026-06-02, standard support to 2027-08-02, extended to 2028-08-02, the dates of the EKS release calendar).
 */
const EKS_136_RELEASE = { url: 'https://aws.amazon.com/about-aws/whats-new/2026/06/amazon-eks-distro-kubernetes-version-1-36/', checked: '2026-12-03' } as const;
/** CoreDNS and kube-proxy tables of the EKS user guide ("latest version of the Amazon EKS add-on type"). */
const ADDON_TABLES = {
  url: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html (and managing-coredns.html)',
  checked: '2026-12-03',
} as const;

/**
 * Charts every train installs. They are shared today: each pinned chart supports Kubernetes 1.32 to 1.36. A train
 * that needs another chart version overrides its entry, and `paved upgrade plan` lists it as a chart that must move.
 */
const CATALOG_CHARTS: Readonly<Record<string, HelmChartRef>> = Object.fromEntries([
  ...Object.values(ADDON_CATALOG).map((a) => [a.name, { chart: a.chart, repoUrl: a.repoUrl, version: a.version }] as const),
  ['argo-cd', ARGOCD_CHART] as const,
]);

/** API versions of the custom resources Paved renders (one served version per group; see retired-components.ts). */
const CRD_API_VERSIONS = {
  'external-secrets.io': 'v1',
  'gateway.networking.k8s.io': 'v1',
  'argoproj.io': 'v1alpha1',
  'cert-manager.io': 'v1',
  'monitoring.coreos.com': 'v1',
} as const;

/**
 * EKS Kubernetes minors on 2026-12-03, oldest first. EKS gives a minor 14 months of standard support and 12 more of
 * extended support (EKS_VERSION_POLICY). 1.32, 1.33 and 1.34 are past standard support on that day (1.34 since 2026-12-02).
 * Dates of 1.32-1.35: endoflife.date/amazon-eks and the AWS Health notices it mirrors; 1.36 reached EKS on 2026-06-02
 * and ends standard support 2027-08-02 (EKS_136_RELEASE; the same dates were checked again on 2026-12-03).
 * Add-on builds: CoreDNS and kube-proxy from the user guide's tables. The VPC CNI, Pod Identity agent and EBS CSI
 * driver are pinned only where a build was read for that minor (the source is named above the pin); elsewhere EKS
 * picks its default build. The user guide's VPC CNI table (v1.20.4-eksbuild.1 for 1.28-1.34, late 2025) is older than
 * the builds clusters created in 2026 already run, and pinning it would ask EKS to downgrade them, so it is not used.
 */
export const RELEASE_TRAINS: readonly ReleaseTrain[] = [
  {
    kubernetesVersion: '1.32',
    released: '2025-01-25',
    endOfStandardSupport: '2026-03-23',
    endOfExtendedSupport: '2027-03-23',
    source: EOL_DATE,
    eksAddons: {
      'vpc-cni': undefined,
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.32","addonName":"coredns"}
      'coredns': 'v1.11.4-eksbuild.33',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.32","addonName":"kube-proxy"}
      'kube-proxy': 'v1.32.13-eksbuild.5',
      'eks-pod-identity-agent': undefined,
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSource: ADDON_TABLES,
    charts: CATALOG_CHARTS,
    crdApiVersions: CRD_API_VERSIONS,
  },
  {
    kubernetesVersion: '1.33',
    released: '2025-05-28',
    endOfStandardSupport: '2026-07-29',
    endOfExtendedSupport: '2027-07-29',
    source: EOL_DATE,
    eksAddons: {
      // Read 2026-12-03: ministryofjustice/cloud-platform-infrastructure#4678 (2026-07-08), the newest build listed for 1.33.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.33","addonName":"vpc-cni"}
      'vpc-cni': 'v1.22.3-eksbuild.1',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.33","addonName":"coredns"}
      'coredns': 'v1.13.2-eksbuild.4',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.33","addonName":"kube-proxy"}
      'kube-proxy': 'v1.33.10-eksbuild.2',
      'eks-pod-identity-agent': undefined,
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSource: ADDON_TABLES,
    charts: CATALOG_CHARTS,
    crdApiVersions: CRD_API_VERSIONS,
  },
  {
    kubernetesVersion: '1.34',
    released: '2025-10-06',
    endOfStandardSupport: '2026-12-02',
    endOfExtendedSupport: '2027-12-02',
    source: EOL_DATE,
    eksAddons: {
      'vpc-cni': undefined,
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.34","addonName":"coredns"}
      'coredns': 'v1.13.2-eksbuild.7',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.34","addonName":"kube-proxy"}
      'kube-proxy': 'v1.34.6-eksbuild.2',
      'eks-pod-identity-agent': undefined,
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSource: ADDON_TABLES,
    charts: CATALOG_CHARTS,
    crdApiVersions: CRD_API_VERSIONS,
  },
  {
    kubernetesVersion: '1.35',
    released: '2026-01-28',
    endOfStandardSupport: '2027-03-27',
    endOfExtendedSupport: '2028-03-27',
    source: EOL_DATE,
    eksAddons: {
      'vpc-cni': undefined,
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.35","addonName":"coredns"}
      'coredns': 'v1.14.2-eksbuild.4',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.35","addonName":"kube-proxy"}
      'kube-proxy': 'v1.35.3-eksbuild.2',
      'eks-pod-identity-agent': undefined,
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSource: ADDON_TABLES,
    charts: CATALOG_CHARTS,
    crdApiVersions: CRD_API_VERSIONS,
  },
  {
    kubernetesVersion: '1.36',
    released: '2026-06-02',
    endOfStandardSupport: '2027-08-02',
    endOfExtendedSupport: '2028-08-02',
    source: EKS_136_RELEASE,
    eksAddons: {
      'vpc-cni': undefined,
      'coredns': undefined,
      'kube-proxy': undefined,
      'eks-pod-identity-agent': undefined,
      // Read 2026-12-03: mitodl/ol-infrastructure#5959 (2026-09-21), the build EKS marks `defaultVersion` for 1.36.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"aws-ebs-csi-driver"}
      'aws-ebs-csi-driver': 'v1.66.0-eksbuild.1',
    },
    eksAddonsSource: ADDON_TABLES,
    charts: CATALOG_CHARTS,
    crdApiVersions: CRD_API_VERSIONS,
  },
];

/**
 * EKS control-plane price per cluster-hour, US East (N. Virginia): standard support, and extended support (which
 * replaces it, 6x). https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/,
 * unchanged on https://aws.amazon.com/eks/pricing/ (checked 2026-12-03).
 */
export const EKS_CONTROL_PLANE_PRICE = {
  standardPerHour: 0.1,
  extendedPerHour: 0.6,
  source: { url: 'https://aws.amazon.com/eks/pricing/', checked: '2026-12-03' },
} as const;

/** The train of a `1.NN` minor, if Paved has one. */
export function releaseTrain(kubernetesVersion: string): ReleaseTrain | undefined {
  return RELEASE_TRAINS.find((t) => t.kubernetesVersion === kubernetesVersion);
}

export type SupportPhase = 'standard' | 'extended' | 'ended';

/** Where a train stands on `today` (`YYYY-MM-DD`): the end dates are the last days of each phase. */
export function supportPhase(train: ReleaseTrain, today: string): SupportPhase {
  if (today <= train.endOfStandardSupport) return 'standard';
  if (today <= train.endOfExtendedSupport) return 'extended';
  return 'ended';
}

/** The newest train in standard support on `today`. */
export function newestStandardTrain(today: string): ReleaseTrain {
  const standard = RELEASE_TRAINS.filter((t) => supportPhase(t, today) === 'standard');
  return standard[standard.length - 1] ?? RELEASE_TRAINS[RELEASE_TRAINS.length - 1];
}
