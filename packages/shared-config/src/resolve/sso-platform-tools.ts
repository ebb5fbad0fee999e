import type { ResolvedSso } from './resolve-traffic';
import type { ResolvedEnvironment, ResolvedPlatform } from './resolved-platform';
import { usesArgoCdCapability } from '../bridge/argocd-capability';

/**
 * Kubernetes Secret in Argo CD's namespace that External Secrets fills with the SSO client secret (gitops-apps) and that
 * argocd-cm names as `$argocd-sso:client-secret` (platform-infra): Argo CD resolves `$<secret>:<key>` in `oidc.config`
 * and `dex.config` from Secrets labelled `app.kubernetes.io/part-of: argocd`.
 */
export const ARGOCD_SSO_SECRET = 'argocd-sso';
/** The key of that Secret (and the property of the platform's SSO secret in Secrets Manager) holding the client secret. */
export const SSO_CLIENT_SECRET_KEY = 'client-secret';

/**
 * Authorization, token and user-info endpoints of an OIDC issuer, for Grafana's generic OAuth (it has no discovery and
 * the config names only the issuer): derived for Keycloak's layout (`…/realms/<realm>`); undefined for any other
 * issuer, which then gets no Grafana sign-in rather than guessed endpoints.
 */
export function keycloakEndpoints(issuerUrl: string): { readonly authUrl: string; readonly tokenUrl: string; readonly apiUrl: string } | undefined {
  const issuer = issuerUrl.replace(/\/+$/, '');
  if (!/\/realms\/[^/]+$/.test(issuer)) return undefined;
  const base = `${issuer}/protocol/openid-connect`;
  return { authUrl: `${base}/auth`, tokenUrl: `${base}/token`, apiUrl: `${base}/userinfo` };
}

/** Whether Grafana signs people in with the platform's provider (every Google and GitHub one; Keycloak-layout OIDC). */
export function grafanaUsesSso(sso: ResolvedSso | undefined): sso is ResolvedSso {
  if (!sso) return false;
  return sso.provider !== 'oidc' || (sso.issuerUrl !== undefined && keycloakEndpoints(sso.issuerUrl) !== undefined);
}

/**
 * The hosts at which the environment's ALB serves Grafana and the self-managed Argo CD when they sign people in with
 * the platform's provider (`grafana.<env domain>`, `argocd.<env domain>`: the `root_url` and `url` registered with it).
 * A tool gets a host only where its sign-in is configured (External Secrets brings the client secret) and the AWS Load
 * Balancer Controller (or EKS Auto Mode's) serves Ingresses; Argo CD only when self-managed (the EKS capability has its
 * own URL). Empty without `sso`. Read by gitops-apps (the routes) and platform-infra (Argo CD's `server.insecure`).
 */
export function ssoPlatformHosts(
  platform: Pick<ResolvedPlatform, 'sso' | 'gitops'>,
  env: Pick<ResolvedEnvironment, 'domain' | 'addons'>,
): { readonly grafana?: string; readonly argocd?: string } {
  const has = (name: string) => env.addons.some((a) => a.name === name);
  if (!platform.sso || !has('external-secrets') || !has('aws-load-balancer-controller')) return {};
  return {
    ...(grafanaUsesSso(platform.sso) && has('kube-prometheus-stack') ? { grafana: `grafana.${env.domain}` } : {}),
    ...(!usesArgoCdCapability(platform) ? { argocd: `argocd.${env.domain}` } : {}),
  };
}

/** Host labels a service may not take while `sso` is set: Grafana's and Argo CD's (`ssoPlatformHosts`). */
export const SSO_PLATFORM_HOST_LABELS = ['grafana', 'argocd'] as const;
