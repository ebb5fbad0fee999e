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
   * `addon_version` per EKS managed add-on: the newest build read for this minor (its source is named above the pin).
   * Each pin has a `// renovate: eksAddonsFilter=...` comment right above it: Renovate's aws-eks-addon datasource looks
   * new builds up by it. `undefined` leaves the choice to EKS (its default build for the minor) where no build was read
   * for the minor; the train says why next to it. A newer minor never pins an older build than the minor before it
   * (EKS does not downgrade an add-on during `paved upgrade plan`'s steps).
   */
  readonly eksAddons: Readonly<Record<EksManagedAddon, string | undefined>>;
  /** Where the pinned builds were read (one entry per source the pins above name). */
  readonly eksAddonsSources: readonly SourceRef[];
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
 * Builds applied to real EKS 1.36 clusters when they were upgraded from 1.35 (ministryofjustice/modernisation-platform-
 * environments#18205, 2026-08-13, and #18214, 2026-08-14): kube-proxy v1.36.0-eksbuild.14, coredns v1.14.3-eksbuild.3,
 * eks-pod-identity-agent v1.4.0-eksbuild.1, vpc-cni v1.23.0-eksbuild.1. The same PRs name what those clusters ran on
 * 1.35 before: eks-pod-identity-agent v1.3.10-eksbuild.2. No user-guide table listed 1.36 when Paved checked.
 */
const EKS_136_ADDONS = {
  url: 'https://github.com/ministryofjustice/modernisation-platform-environments/pull/18205 (and /pull/18214)',
  checked: '2026-12-03',
} as const;
/**
 * The VPC CNI add-on: EKS publishes each build for every minor it supports (the user guide's table lists one build for
 * all of them, e.g. v1.20.4-eksbuild.1 for 1.28-1.34). v1.23.0-eksbuild.1 is the build the 1.36 clusters above run
 * (EKS_136_ADDONS), the newest zalando-incubator/kubernetes-on-aws#11667 found on 2026-07-15 ("latest version"), and
 * the EKS build of aws/amazon-vpc-cni-k8s tag v1.23.0 (2026-07-31). Every train pins it, so an upgrade never asks EKS
 * to downgrade the CNI.
 */
const VPC_CNI_BUILD = {
  url: 'https://github.com/zalando-incubator/kubernetes-on-aws/pull/11667',
  checked: '2026-12-03',
} as const;
/**
 * The Pod Identity agent: v1.3.10-eksbuild.1 was made the default build "in all regions" on 2025-11-24, when EKS ran
 * 1.28-1.34 (aws/containers-roadmap#2684, answer of the EKS team); 1.35 clusters ran v1.3.10-eksbuild.2 in August 2026
 * (EKS_136_ADDONS); 1.36 ones v1.4.0-eksbuild.1.
 */
const POD_IDENTITY_BUILD = {
  url: 'https://github.com/aws/containers-roadmap/issues/2684',
  checked: '2026-12-03',
} as const;

/** The EBS CSI driver: the build EKS marked `defaultVersion` for 1.36 (mitodl/ol-infrastructure#5959, 2026-09-21). */
const EBS_CSI_136 = { url: 'https://github.com/mitodl/ol-infrastructure/pull/5959', checked: '2026-12-03' } as const;

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
 * Add-on builds: CoreDNS and kube-proxy of 1.32-1.35 from the user guide's tables; 1.36's from real 1.36 upgrades
 * (EKS_136_ADDONS), as no table listed 1.36. The VPC CNI is one build for every minor (VPC_CNI_BUILD); the user guide's
 * own VPC CNI table (v1.20.4-eksbuild.1 for 1.28-1.34, late 2025) is older than the builds clusters already run, and
 * pinning it would ask EKS to downgrade them. The Pod Identity agent from POD_IDENTITY_BUILD. The EBS CSI driver is
 * pinned for 1.36 only: no build was read as listed for an older minor, so EKS picks its default build there.
 */
export const RELEASE_TRAINS: readonly ReleaseTrain[] = [
  {
    kubernetesVersion: '1.32',
    released: '2025-01-25',
    endOfStandardSupport: '2026-03-23',
    endOfExtendedSupport: '2027-03-23',
    source: EOL_DATE,
    eksAddons: {
      // VPC_CNI_BUILD.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.32","addonName":"vpc-cni"}
      'vpc-cni': 'v1.23.0-eksbuild.1',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.32","addonName":"coredns"}
      'coredns': 'v1.11.4-eksbuild.33',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.32","addonName":"kube-proxy"}
      'kube-proxy': 'v1.32.13-eksbuild.5',
      // POD_IDENTITY_BUILD: the default build of 2025-11-24.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.32","addonName":"eks-pod-identity-agent"}
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.1',
      // No EBS CSI build was read for 1.32 (the user guide keeps no table for it): EKS installs its default build.
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSources: [ADDON_TABLES, VPC_CNI_BUILD, POD_IDENTITY_BUILD],
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
      // VPC_CNI_BUILD. ministryofjustice/cloud-platform-infrastructure#4678 found v1.22.3-eksbuild.1 the newest for 1.33
      // on 2026-07-08, before v1.23.0 shipped; 1.33 takes v1.23.0 too, so that 1.32 -> 1.33 does not downgrade the CNI.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.33","addonName":"vpc-cni"}
      'vpc-cni': 'v1.23.0-eksbuild.1',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.33","addonName":"coredns"}
      'coredns': 'v1.13.2-eksbuild.4',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.33","addonName":"kube-proxy"}
      'kube-proxy': 'v1.33.10-eksbuild.2',
      // POD_IDENTITY_BUILD: the default build of 2025-11-24.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.33","addonName":"eks-pod-identity-agent"}
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.1',
      // No EBS CSI build was read for 1.33: EKS installs its default build.
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSources: [ADDON_TABLES, VPC_CNI_BUILD, POD_IDENTITY_BUILD],
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
      // VPC_CNI_BUILD.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.34","addonName":"vpc-cni"}
      'vpc-cni': 'v1.23.0-eksbuild.1',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.34","addonName":"coredns"}
      'coredns': 'v1.13.2-eksbuild.7',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.34","addonName":"kube-proxy"}
      'kube-proxy': 'v1.34.6-eksbuild.2',
      // POD_IDENTITY_BUILD: the default build of 2025-11-24 (1.34 was already out).
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.34","addonName":"eks-pod-identity-agent"}
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.1',
      // No EBS CSI build was read for 1.34: EKS installs its default build.
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSources: [ADDON_TABLES, VPC_CNI_BUILD, POD_IDENTITY_BUILD],
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
      // VPC_CNI_BUILD.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.35","addonName":"vpc-cni"}
      'vpc-cni': 'v1.23.0-eksbuild.1',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.35","addonName":"coredns"}
      'coredns': 'v1.14.2-eksbuild.4',
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.35","addonName":"kube-proxy"}
      'kube-proxy': 'v1.35.3-eksbuild.2',
      // POD_IDENTITY_BUILD: what 1.35 clusters ran in August 2026 (EKS_136_ADDONS).
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.35","addonName":"eks-pod-identity-agent"}
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.2',
      // No EBS CSI build was read as listed for 1.35 (1.36's v1.66.0 was read for 1.36 only): EKS installs its default.
      'aws-ebs-csi-driver': undefined,
    },
    eksAddonsSources: [ADDON_TABLES, VPC_CNI_BUILD, POD_IDENTITY_BUILD, EKS_136_ADDONS],
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
      // VPC_CNI_BUILD; EKS_136_ADDONS.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"vpc-cni"}
      'vpc-cni': 'v1.23.0-eksbuild.1',
      // EKS_136_ADDONS.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"coredns"}
      'coredns': 'v1.14.3-eksbuild.3',
      // EKS_136_ADDONS.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"kube-proxy"}
      'kube-proxy': 'v1.36.0-eksbuild.14',
      // EKS_136_ADDONS.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"eks-pod-identity-agent"}
      'eks-pod-identity-agent': 'v1.4.0-eksbuild.1',
      // Read 2026-12-03: mitodl/ol-infrastructure#5959 (2026-09-21), the build EKS marks `defaultVersion` for 1.36.
      // renovate: eksAddonsFilter={"kubernetesVersion":"1.36","addonName":"aws-ebs-csi-driver"}
      'aws-ebs-csi-driver': 'v1.66.0-eksbuild.1',
    },
    eksAddonsSources: [EKS_136_ADDONS, VPC_CNI_BUILD, EBS_CSI_136],
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
