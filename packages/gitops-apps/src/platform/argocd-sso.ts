import { ARGOCD_NAMESPACE, ARGOCD_SSO_SECRET, type ResolvedEnvironment, type ResolvedPlatform, SSO_CLIENT_SECRET_KEY, usesArgoCdCapability } from '@paved/shared-config';
import { type App, Chart } from 'cdk8s';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1, namespaceSecretStore } from '../addons/security';
import type { ApplicationFactory } from '../argocd/applications';
import { emit } from '../emit';
import { GitopsLayout } from '../layout';
import type { Manifest } from '../yaml';
import type { RenderedFile } from './environment-tree';
import { SECRET_STORE } from './names';

/** Argo CD reads `$<secret>:<key>` references of argocd-cm only from Secrets carrying this label. */
const ARGOCD_PART_OF = { 'app.kubernetes.io/part-of': 'argocd' } as const;

/**
 * The client secret of the platform's SSO provider for the self-managed Argo CD: an ExternalSecret in Argo CD's
 * namespace writes `ARGOCD_SSO_SECRET` (labelled part-of argocd) from `<org>/<env>/<sso.clientSecret>`; argocd-cm names
 * it as `$argocd-sso:client-secret` (platform-infra argocd-sso.ts), so Git and Terraform hold no secret. The ExternalSecret
 * cannot be installed with the chart by Terraform: its CRD arrives later, with External Secrets, through Argo CD.
 * Nothing without `sso`, without External Secrets, or with the EKS capability (Identity Center signs users in there).
 * The namespace's SecretStore is this directory's unless the chart repositories' directory already has it (one owner
 * per object: two Applications would fight over it).
 */
export function renderArgoCdSso(
  app: App,
  apps: ApplicationFactory,
  platform: ResolvedPlatform,
  env: ResolvedEnvironment,
  labels: Readonly<Record<string, string>>,
): RenderedFile[] {
  const sso = platform.sso;
  if (!sso || usesArgoCdCapability(platform) || !env.addons.some((a) => a.name === 'external-secrets')) return [];
  const scope = new Chart(app, 'argocd-sso', { disableResourceNameHashes: true });
  if (!env.charts.some((c) => c.credentialsSecret)) emit(scope, namespaceSecretStore(env, ARGOCD_NAMESPACE, { ...labels }));
  const secret: ExternalSecretV1 = {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: { name: ARGOCD_SSO_SECRET, namespace: ARGOCD_NAMESPACE, labels: { ...labels } },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
      target: {
        name: ARGOCD_SSO_SECRET,
        creationPolicy: 'Owner',
        deletionPolicy: 'Retain',
        template: { engineVersion: 'v2', type: 'Opaque', metadata: { labels: { ...labels, ...ARGOCD_PART_OF } } },
      },
      data: [{ secretKey: SSO_CLIENT_SECRET_KEY, remoteRef: { key: env.naming.secretName(sso.clientSecret), property: SSO_CLIENT_SECRET_KEY } }],
    },
  };
  emit(scope, secret);
  const dir = apps.layout.platformDir('argocd-sso');
  return [
    { path: `${dir}/manifests.yaml`, documents: scope.toJson() as Manifest[] },
    { path: `${GitopsLayout.APPS}/platform-argocd-sso.yaml`, documents: [apps.platformDirectory('argocd-sso', dir, 'issuersAndStores') as unknown as Manifest] },
  ];
}
