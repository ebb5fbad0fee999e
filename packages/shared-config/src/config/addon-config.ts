import type { AddonName } from '../addons/catalog';

/** Switch an add-on on or off, or pin its chart to another exact version. */
export interface AddonSetting {
  /** @default - as the profile decides */
  readonly enabled?: boolean;
  /** Exact chart version (no ranges). @default - Paved's version table */
  readonly version?: string;
}

/** Add-on settings keyed by add-on name. Unknown names are rejected by validation. */
export type AddonSettings = Readonly<Partial<Record<AddonName, AddonSetting>>>;

/** Kubernetes API the environment's services are exposed through, both served by the AWS Load Balancer Controller. */
export type IngressApi = 'ingress' | 'gateway';

/**
 * How services with an `ingress` are exposed: one shared ALB per environment (an IngressGroup, or one Gateway), TLS 1.2+
 * with TLS 1.3 and HTTP redirected to HTTPS, certificates from ACM.
 */
export interface IngressSettings {
  /**
   * `ingress`: Kubernetes Ingresses on the `alb` IngressClass. `gateway`: Gateway API (standard channel CRDs, a Gateway
   * per environment and an HTTPRoute per service).
   * @default 'ingress'
   */
  readonly api?: IngressApi;
  /**
   * ARN of a regional WAFv2 web ACL attached to the environment's internet-facing ALB (Ingress API only).
   * @default - no WAF (`paved check` warns in production)
   */
  readonly wafAclArn?: string;
}
