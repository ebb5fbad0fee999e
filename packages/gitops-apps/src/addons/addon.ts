import type { AddonName, ResolvedAddon, ResolvedEnvironment, ResolvedPlatform, SyncWaveName } from '@paved/shared-config';
import type { Construct } from 'constructs';
import type { SyncOptions } from '../argocd/applications';
import type { GitopsLayout } from '../layout';

/** What an add-on's values and configuration are derived from. */
export interface AddonContext {
  readonly platform: ResolvedPlatform;
  readonly env: ResolvedEnvironment;
  readonly addon: ResolvedAddon;
  readonly layout: GitopsLayout;
  /** Labels of everything rendered for the environment. */
  readonly labels: Readonly<Record<string, string>>;
  readonly production: boolean;
  /** Whether another add-on is enabled in the environment. */
  has(name: AddonName): boolean;
}

/** Plain manifests that go with an add-on (issuers, secret stores, rules), synced by their own Application. */
export interface AddonConfiguration {
  readonly wave: SyncWaveName;
  readonly options?: SyncOptions;
  /** Adds the manifests to `scope`; adds nothing when the environment needs none. */
  render(scope: Construct, ctx: AddonContext): void;
}

/**
 * One platform add-on: the typed Helm values of its pinned chart, and optionally configuration manifests. Value
 * interfaces list only keys that exist in the chart's own values.yaml at the pinned version (see each interface for
 * where that was checked).
 */
export interface AddonSpec<V extends object = object> {
  readonly name: AddonName;
  /**
   * Values read Terraform outputs from the GitOps bridge (`bridgeAnnotationRef`): rendered as an ApplicationSet whose
   * cluster generator selects this environment's cluster Secret.
   */
  readonly bridged?: boolean;
  readonly configuration?: AddonConfiguration;
  values(ctx: AddonContext): V;
}

/** Requests and a memory limit for an add-on container. */
export interface ResourceValues {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

export function resources(cpu: string, memory: string, memoryLimit = memory): ResourceValues {
  return { requests: { cpu, memory }, limits: { memory: memoryLimit } };
}

/** Annotations that put a LoadBalancer Service behind an NLB of the AWS Load Balancer Controller (IP targets). */
export function nlbAnnotations(scheme: 'internet-facing' | 'internal'): Record<string, string> {
  return {
    'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    'service.beta.kubernetes.io/aws-load-balancer-scheme': scheme,
    'service.beta.kubernetes.io/aws-load-balancer-attributes': 'load_balancing.cross_zone.enabled=true',
    // Client addresses reach the pods, so that source allow-lists (internal ingresses) see the real caller.
    'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'preserve_client_ip.enabled=true',
  };
}
