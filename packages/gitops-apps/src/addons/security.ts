import type { IClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import type { IClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ClusterSecretStore';
import { type AddonSpec, type ResourceValues, resources } from './addon';
import { emit } from '../emit';
import { CLUSTER_ISSUER, CLUSTER_ISSUER_STAGING, CLUSTER_SECRET_STORE, INGRESS_CLASS } from '../platform/names';

const ACME_SERVERS = {
  [CLUSTER_ISSUER]: 'https://acme-v02.api.letsencrypt.org/directory',
  [CLUSTER_ISSUER_STAGING]: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

/**
 * cert-manager chart, keys checked in cert-manager/cert-manager at tag v1.16.3 (the catalog pin), deploy/charts/cert-manager/values.yaml
 * and values.schema.json (which rejects unknown keys): crds.{enabled,keep}, replicaCount, podDisruptionBudget.enabled,
 * serviceAccount.name (documented as a commented `+docs:property`), resources.
 */
export interface CertManagerValues {
  readonly crds: { readonly enabled: boolean; readonly keep: boolean };
  readonly replicaCount: number;
  readonly podDisruptionBudget: { readonly enabled: boolean };
  readonly serviceAccount: { readonly name: string };
  readonly resources: ResourceValues;
}

export const certManager: AddonSpec<CertManagerValues> = {
  name: 'cert-manager',
  values: ({ addon, production }) => ({
    // CRDs are installed by the chart and kept when it is uninstalled (deleting them would delete every certificate).
    crds: { enabled: true, keep: true },
    replicaCount: production ? 2 : 1,
    podDisruptionBudget: { enabled: production },
    serviceAccount: { name: addon.awsServiceAccount! },
    resources: resources('50m', '128Mi', '256Mi'),
  }),
  configuration: {
    wave: 'issuersAndStores',
    render(scope, { env, labels }) {
      // Let's Encrypt through DNS01 on Route53: the environment's zone, with the Pod Identity credentials of
      // cert-manager's service account (ClusterIssuers use ambient credentials by default).
      for (const name of [CLUSTER_ISSUER, CLUSTER_ISSUER_STAGING] as const) {
        const issuer: IClusterIssuer = {
          apiVersion: 'cert-manager.io/v1',
          kind: 'ClusterIssuer',
          metadata: { name, labels: { ...labels } },
          spec: {
            acme: {
              server: ACME_SERVERS[name],
              privateKeySecretRef: { name: `${name}-account-key` },
              solvers: [
                {
                  selector: { dnsZones: [env.domain] },
                  dns01: { route53: { region: env.region } },
                },
                {
                  // Hosts outside the environment's zone (full names under the root domain) prove control over HTTP.
                  http01: { ingress: { class: INGRESS_CLASS } },
                },
              ],
            },
          },
        };
        emit(scope, issuer);
      }
    },
  },
};

/**
 * external-secrets chart, keys checked in external-secrets/external-secrets at tag helm-chart-0.12.1 (the catalog pin),
 * deploy/charts/external-secrets/values.yaml: installCRDs, serviceAccount.name, replicaCount, resources.
 *
 * Releases before 0.17 serve `external-secrets.io/v1beta1`, the version the CommonJS validators
 * (`@kubernetes-models/external-secrets` 0.5) know; moving past 0.16 means emitting `v1`.
 */
export interface ExternalSecretsValues {
  readonly installCRDs: boolean;
  readonly serviceAccount: { readonly name: string };
  readonly replicaCount: number;
  readonly resources: ResourceValues;
}

export const externalSecrets: AddonSpec<ExternalSecretsValues> = {
  name: 'external-secrets',
  values: ({ addon }) => ({
    installCRDs: true,
    serviceAccount: { name: addon.awsServiceAccount! },
    // One controller: more would need leader election, and a sync loop tolerates a restart.
    replicaCount: 1,
    resources: resources('50m', '128Mi', '256Mi'),
  }),
  configuration: {
    wave: 'issuersAndStores',
    render(scope, { env, labels }) {
      const store: IClusterSecretStore = {
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ClusterSecretStore',
        metadata: { name: CLUSTER_SECRET_STORE, labels: { ...labels } },
        spec: {
          // No auth block: the controller's Pod Identity role, which platform-infra scopes to `<org>/<env>/*` secrets.
          provider: { aws: { service: 'SecretsManager', region: env.region } },
        },
      };
      emit(scope, store);
    },
  },
};
