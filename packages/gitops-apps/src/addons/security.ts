import type { IClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import { type ResolvedEnvironment, secretsReaderRoleArn } from '@paved/shared-config';
import { type AddonSpec, type ResourceValues, resources } from './addon';
import { EXTERNAL_SECRETS_API_VERSION, type SecretStoreV1 } from './external-secrets-v1';
import { emit } from '../emit';
import { CLUSTER_ISSUER, CLUSTER_ISSUER_STAGING, INGRESS_CLASS, SECRET_STORE } from '../platform/names';
import type { Manifest } from '../yaml';

export { EXTERNAL_SECRETS_API_VERSION, type ClusterSecretStoreV1, type ExternalSecretV1, type SecretStoreV1 } from './external-secrets-v1';

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
 * external-secrets chart, keys checked in external-secrets/external-secrets at tag helm-chart-2.9.0 (the catalog pin),
 * deploy/charts/external-secrets/values.yaml: installCRDs, processClusterStore, serviceAccount.name, replicaCount, resources.
 * Every store and ExternalSecret Paved renders is `external-secrets.io/v1` (EXTERNAL_SECRETS_API_VERSION).
 */
export interface ExternalSecretsValues {
  readonly installCRDs: boolean;
  /** Off: the controller ignores ClusterSecretStores, which would serve every namespace. */
  readonly processClusterStore: boolean;
  readonly serviceAccount: { readonly name: string };
  readonly replicaCount: number;
  readonly resources: ResourceValues;
}

export const externalSecrets: AddonSpec<ExternalSecretsValues> = {
  name: 'external-secrets',
  values: ({ addon }) => ({
    installCRDs: true,
    processClusterStore: false,
    serviceAccount: { name: addon.awsServiceAccount! },
    // One controller: more would need leader election, and a sync loop tolerates a restart.
    replicaCount: 1,
    resources: resources('50m', '128Mi', '256Mi'),
  }),
  configuration: {
    wave: 'issuersAndStores',
    render(scope, { env, labels }) {
      // No ClusterSecretStore: each namespace that reads secrets renders its own SecretStore (namespaceSecretStore).
      // The admission policy keeps it that way whoever applies the object (ArgoCD or a person with cluster access).
      emit(scope, secretStoreScopePolicy(env, labels));
      emit(scope, {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: SECRET_STORE_SCOPE_POLICY, labels: { ...labels } },
        spec: { policyName: SECRET_STORE_SCOPE_POLICY, validationActions: ['Deny'] },
      });
    },
  },
};

/** The ValidatingAdmissionPolicy that binds every secret store to its namespace's reader role. */
export const SECRET_STORE_SCOPE_POLICY = 'paved-secret-store-scope';

/**
 * The SecretStore of one namespace: AWS Secrets Manager through the namespace's reader role, which the External Secrets
 * controller assumes with its own Pod Identity credentials (no `auth` block). With Pod Identity, ESO cannot act as the
 * namespace's service account, so the role is the namespace boundary: it reads only the secrets of this namespace.
 */
export function namespaceSecretStore(env: ResolvedEnvironment, namespace: string, labels: Readonly<Record<string, string>>): SecretStoreV1 {
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'SecretStore',
    metadata: { name: SECRET_STORE, namespace, labels: { ...labels } },
    spec: {
      provider: { aws: { service: 'SecretsManager', region: env.region, role: secretsReaderRoleArn(env, namespace) } },
    },
  };
}

/**
 * Denies ClusterSecretStores (they would serve every namespace), and SecretStores that use another provider, their own
 * credentials (`auth`), or any role but the reader role of their own namespace. Kubernetes 1.30+ (GA API).
 */
function secretStoreScopePolicy(env: ResolvedEnvironment, labels: Readonly<Record<string, string>>): Manifest {
  const rolePrefix = secretsReaderRoleArn(env, '');
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: SECRET_STORE_SCOPE_POLICY, labels: { ...labels } },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          { apiGroups: ['external-secrets.io'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['secretstores', 'clustersecretstores'] },
        ],
      },
      validations: [
        {
          expression: "request.kind.kind != 'ClusterSecretStore'",
          message: "ClusterSecretStores are not allowed: use the SecretStore of the ExternalSecret's own namespace",
        },
        {
          expression: [
            "request.kind.kind != 'SecretStore' || (has(object.spec.provider.aws) && !has(object.spec.provider.aws.auth)",
            `&& has(object.spec.provider.aws.role) && object.spec.provider.aws.role == '${rolePrefix}' + request.namespace)`,
          ].join(' '),
          message: `a SecretStore must read AWS Secrets Manager through its namespace's reader role ${rolePrefix}<namespace>, without auth`,
        },
      ],
    },
  } as unknown as Manifest;
}
