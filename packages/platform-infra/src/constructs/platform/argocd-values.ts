import type { ArgoCdBootstrap, Profile } from '@paved/shared-config';
import { Fn, Token } from 'cdktf';

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
      },
      params: { 'server.insecure': false },
    },
    'controller': { replicas: 1 },
    'server': { replicas: ha ? 2 : 1, ingress: { enabled: false } },
    'repoServer': { replicas: ha ? 2 : 1 },
    'applicationSet': { replicas: ha ? 2 : 1 },
    'redis-ha': { enabled: ha },
    'dex': { enabled: false },
    'extraObjects': escapeHelmTemplate([props.clusterSecret, props.bootstrap.project, props.bootstrap.root]),
  };
}
