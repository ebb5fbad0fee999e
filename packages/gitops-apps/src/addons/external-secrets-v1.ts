import type { IClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ClusterSecretStore';
import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import type { ISecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/SecretStore';

/**
 * External Secrets API version Paved renders. Since release 0.17 (May 2025) the controller serves only
 * `external-secrets.io/v1` (https://github.com/external-secrets/external-secrets/releases/tag/v0.17.0); v1 kept the
 * v1beta1 fields Paved uses, so the v1beta1 TypeScript shapes of `@kubernetes-models/external-secrets` 0.5 (the newest
 * CommonJS release; 2.x is ESM-only for Node 22) describe them, with the apiVersion replaced.
 */
export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1';
type V1<T> = Omit<T, 'apiVersion'> & { apiVersion: typeof EXTERNAL_SECRETS_API_VERSION };
/** An `external-secrets.io/v1` ExternalSecret. */
export type ExternalSecretV1 = V1<IExternalSecret>;
/** An `external-secrets.io/v1` SecretStore. */
export type SecretStoreV1 = V1<ISecretStore>;
/** An `external-secrets.io/v1` ClusterSecretStore (Paved renders none; its admission policy denies them). */
export type ClusterSecretStoreV1 = V1<IClusterSecretStore>;
