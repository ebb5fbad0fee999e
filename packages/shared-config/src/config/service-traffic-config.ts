/**
 * How services reach each other and how people reach them, beside the service's own workload: `calls` (which services
 * it sends requests to), `chart` (a third-party Helm chart as a catalog entry) and single sign-on.
 */

/**
 * One service this service sends requests to: its name, or its name with the port. The caller gets an egress
 * NetworkPolicy to the callee's pods on that port and the callee an ingress NetworkPolicy from the caller's pods;
 * without an edge, service-to-service traffic stays denied.
 */
export type ServiceCall = string | ServiceCallConfig;

export interface ServiceCallConfig {
  /** Name of a service that runs in every environment the caller runs in. */
  readonly service: string;
  /**
   * Port on the callee's pods: a number, or the name of one of its container ports.
   * @default - the callee's container port (`port`); required when the callee is a `chart` entry
   */
  readonly port?: number | string;
}

/**
 * A third-party Helm chart deployed as a catalog entry: one Argo CD Application in the service's namespace, in an
 * AppProject of its own that allows exactly this chart repository. No Deployment, Service or registry is rendered for
 * it: what runs is what the chart renders.
 */
export interface ServiceChartConfig {
  /** Helm repository: `https://…` (a classic chart repository) or `oci://…` (an OCI registry). */
  readonly repoUrl: string;
  /** Chart name in the repository. */
  readonly name: string;
  /** Exact chart version such as `1.4.2`: no ranges (`^1`, `~1`, `1.x`, `>=1`, `*`). */
  readonly version: string;
  /** Helm values, passed as the Application's `helm.valuesObject`. @default - the chart's defaults */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * Secrets Manager name (relative to `<org>/<env>/`) of the registry credentials of a private repository: a JSON
   * object with `username` and `password`. External Secrets turns it into an Argo CD repository Secret.
   * @default - a public repository
   */
  readonly credentialsSecret?: string;
}

/** Single sign-on providers that oauth2-proxy is configured for. */
export type SsoProvider = 'google' | 'github' | 'oidc';

/**
 * The identity provider behind `ingress.auth: 'sso'`, platform-wide (every environment signs in against the same
 * provider; each environment reads its own client secret from its Secrets Manager prefix).
 */
export interface SsoConfig {
  /** Who signs people in: Google (allowed e-mail domains), GitHub (organisation or teams) or any OIDC issuer. */
  readonly provider: SsoProvider;
  /** Issuer URL (`https://…`) of an OIDC provider; only with `provider: 'oidc'`. */
  readonly issuerUrl?: string;
  /** OAuth client id registered with the provider (not a secret). */
  readonly clientId: string;
  /**
   * Secrets Manager name (relative to `<org>/<env>/`) of a JSON object with `client-secret` (from the provider) and
   * `cookie-secret` (32 random bytes, base64: `openssl rand -base64 32 | head -c 32`).
   */
  readonly clientSecret: string;
  /**
   * E-mail domains allowed to sign in, such as `acme.io`. At least one of `allowedDomains` and `allowedGroups` is
   * required: a provider alone lets in anyone with an account there.
   * @default - no domain check (then `allowedGroups` decides)
   */
  readonly allowedDomains?: readonly string[];
  /**
   * Groups allowed to sign in: Google group e-mails, GitHub `org` or `org/team`, or values of an OIDC `groups` claim.
   * @default - no group check (then `allowedDomains` decides)
   */
  readonly allowedGroups?: readonly string[];
}
