import type { Profile } from '@paved/shared-config';

/**
 * Makes sync waves between child Applications gate: without this health check ArgoCD treats an Application as healthy
 * as soon as it exists (see ../shared/notes/gitops.md).
 */
const APPLICATION_HEALTH_LUA = [
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
}

/** Values of the argo-cd chart: HA in production, hardened defaults, the Application health check, the bridge. */
export function argoCdValues(props: ArgoCdValuesProps): Record<string, unknown> {
  const ha = props.profile === 'production';
  return {
    'global': { domain: props.domain },
    'configs': {
      cm: {
        'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
        'admin.enabled': !ha,
        'exec.enabled': false,
      },
      params: { 'server.insecure': false },
    },
    'controller': { replicas: 1 },
    'server': { replicas: ha ? 2 : 1, ingress: { enabled: false } },
    'repoServer': { replicas: ha ? 2 : 1 },
    'applicationSet': { replicas: ha ? 2 : 1 },
    'redis-ha': { enabled: ha },
    'dex': { enabled: false },
    'extraObjects': [props.clusterSecret],
  };
}
