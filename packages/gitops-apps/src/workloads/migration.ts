import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import type { WorkloadProps } from './deployment';
import { serviceJobSpec } from './job';

/** Argo CD annotations of a service's migration Job. */
export const MIGRATION_HOOK_ANNOTATIONS: Readonly<Record<string, string>> = {
  // A Sync-phase hook in the wave before the workload: Argo CD applies the namespace, ServiceAccount and
  // ExternalSecrets first (wave -2, healthy once their Secrets exist), runs the migration (wave -1), and applies the
  // Deployment (wave 0) only when it succeeded. A PreSync hook would run before the ServiceAccount and Secrets of a
  // first install exist, and fail.
  'argocd.argoproj.io/hook': 'Sync',
  'argocd.argoproj.io/sync-wave': '-1',
  // The previous run's Job (and its logs) stays until the next sync replaces it.
  'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
};

/** Sync wave of what the migration needs before it runs: namespace, ServiceAccount, SecretStore, ExternalSecrets. */
export const MIGRATION_PREREQUISITE_WAVE = { 'argocd.argoproj.io/sync-wave': '-2' } as const;

/** Instance label of the migration pods: not the service's, so its Service and PDB never select them. */
export function migrationInstance(service: string): string {
  return `${service}-migrate`;
}

/**
 * The migration Job of a service with `migrate`: the service's image, environment, secrets and ServiceAccount (its
 * Pod Identity reaches the database) with the migration command, no retries (a failed migration fails the sync and
 * the rollout stops; retrying is a new sync, see docs/runbooks).
 */
export function migrationJob(scope: Construct, props: WorkloadProps): k8s.KubeJob | undefined {
  const migrate = props.service.migrate;
  if (!migrate) return undefined;
  return new k8s.KubeJob(scope, 'Migration', {
    metadata: { ...props.metadata, annotations: { ...MIGRATION_HOOK_ANNOTATIONS } },
    spec: serviceJobSpec(props, { activeDeadlineSeconds: migrate.activeDeadlineSeconds, backoffLimit: 0 }, { command: migrate.command }),
  });
}
