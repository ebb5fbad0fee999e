import type { ArgoCdBootstrap, Profile, ResolvedSso } from '@paved/shared-config';
import { Fn, Token } from 'cdktf';
import { argoCdSsoValues } from './argocd-sso';

const TPL_OPEN = '{{';
const TPL_OPEN_ESCAPED = '{{`{{`}}';

/**
 * Makes sync waves between child Applications gate: without this health check ArgoCD treats an Application as healthy
 * as soon as it exists (see ../shared/notes/gitops.md).
 */
export const APPLICATION_HEALTH_LUA = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil then',
  '  if obj.status.health ~= nil then',
  '    hs.status = obj.status.health.status',
  '    if obj.status.health.message ~= nil then',
  '      hs.message = obj.status.health.message',
  '    end',
  '  end',
  'end',
  'return hs',
].join('\n');

export interface ArgoCdValuesProps {
  readonly profile: Profile;
  /** The hostname ArgoCD's UI would be served on (ingress stays off until SSO is configured). */
  readonly domain: string;
  /** The GitOps-bridge cluster Secret, rendered by the chart through `extraObjects`. */
  readonly clusterSecret: Record<string, unknown>;
  /** The root Application and its AppProject, rendered through `extraObjects` so that ArgoCD starts syncing. */
  readonly bootstrap: ArgoCdBootstrap;
  /**
   * The platform's single sign-on provider (argocd-sso.ts); its client secret must reach Argo CD's namespace through
   * External Secrets, so pass it only when the environment runs External Secrets.
   * @default - no SSO: the values are those of a platform without `sso`
   */
  readonly sso?: ResolvedSso;
  /**
   * Whether the environment's ALB serves the API server at `domain` (with `sso`: gitops-apps sso-platform-ingress.ts,
   * `ssoPlatformHosts`): the ALB terminates TLS and sends plain HTTP to the server, which must then not redirect it to
   * HTTPS (`server.insecure`, as Argo CD's ingress docs describe for a proxy that terminates TLS).
   * @default false
   */
  readonly servedByAlb?: boolean;
}

/**
 * The chart renders each of `extraObjects` with `tpl (toYaml .)`: a `{{` in any string would run as a Go template at
 * install (a repository URL with `{{ lookup ... }}` could copy any Secret of the cluster into an annotation). Each `{{`
 * is written as the action {{`{{`}}, which prints it back; a raw string (backquotes) needs no quote that YAML might
 * escape. A Terraform reference gets the same treatment at apply time (`replace(<reference>, "{{", ...)`): cross-stack
 * values are AWS identifiers today, but the escaping should not depend on what an output happens to hold.
 */
export function escapeHelmTemplate<T>(value: T): T {
  if (typeof value === 'string') {
    return (Token.isUnresolved(value) ? Fn.replace(value, TPL_OPEN, TPL_OPEN_ESCAPED) : value.split(TPL_OPEN).join(TPL_OPEN_ESCAPED)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => escapeHelmTemplate(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeHelmTemplate(k), escapeHelmTemplate(v)])) as T;
  }
  return value;
}

/**
 * Values of the argo-cd chart (keys checked at argo-cd-10.1.1, Argo CD 3.4; `configs.cm` and `configs.params` are
 * ConfigMap data passed as is): HA in production, hardened defaults, the Application health check, the bridge.
 */
export function argoCdValues(props: ArgoCdValuesProps): Record<string, unknown> {
  const ha = props.profile === 'production';
  const sso = props.sso ? argoCdSsoValues(props.sso, { url: `https://${props.domain}` }) : undefined;
  return {
    'global': { domain: props.domain },
    'configs': {
      cm: {
        'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
        'admin.enabled': !ha,
        'exec.enabled': false,
        // Argo CD 3's default, written out: resources are tracked by the argocd.argoproj.io/tracking-id annotation, so
        // the app.kubernetes.io/instance label stays the service's own (Paved's selectors use it).
        'application.resourceTrackingMethod': 'annotation',
        ...sso?.cm,
      },
      ...(sso ? { rbac: { ...sso.rbac } } : {}),
      params: { 'server.insecure': props.servedByAlb ?? false },
    },
    'controller': { replicas: 1 },
    'server': { replicas: ha ? 2 : 1, ingress: { enabled: false } },
    'repoServer': { replicas: ha ? 2 : 1 },
    'applicationSet': { replicas: ha ? 2 : 1 },
    'redis-ha': { enabled: ha },
    'dex': { enabled: sso?.dex ?? false },
    'extraObjects': escapeHelmTemplate([props.clusterSecret, props.bootstrap.project, props.bootstrap.root]),
  };
}
