import { BACKUP_TAG, SERVICE_STORAGE_CLASS, TAG_KEYS, type ResolvedEnvironment } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { ebsCsiProvisioner } from '../platform/ebs-provisioner';

/**
 * The StorageClass of service volumes (`stateful` services): EBS gp3 through the aws-ebs-csi-driver add-on (or Auto Mode's EBS controller),
 * encrypted, bound in the zone where the pod lands, expandable, and kept when the claim goes (`Retain`). The driver
 * tags every volume it creates with the `tagSpecification_<n>` parameters (aws-ebs-csi-driver docs/tagging.md,
 * v1.6.0+): the backup tag and the environment tag are exactly what the environment's AWS Backup selection matches
 * (platform-infra `EnvironmentBackup`), so the daily plan backs the volumes up.
 */
export function serviceStorageClass(scope: Construct, env: ResolvedEnvironment, labels: Record<string, string>): k8s.KubeStorageClass {
  return new k8s.KubeStorageClass(scope, 'ServiceStorageClass', {
    metadata: { name: SERVICE_STORAGE_CLASS, labels: { ...labels } },
    provisioner: ebsCsiProvisioner(env),
    parameters: {
      type: 'gp3',
      encrypted: 'true',
      tagSpecification_1: `${BACKUP_TAG.key}=${BACKUP_TAG.value}`,
      tagSpecification_2: `${TAG_KEYS.environment}=${env.name}`,
    },
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  });
}
