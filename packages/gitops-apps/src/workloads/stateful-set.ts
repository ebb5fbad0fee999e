import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import type { WorkloadProps } from './deployment';
import { podAnnotations, servicePodSpec } from './pod-spec';

/**
 * The StatefulSet of a `stateful` service: one PersistentVolumeClaim per volume and replica (on the encrypted gp3
 * StorageClass by default), kept when the StatefulSet is deleted or scaled down (`Retain`/`Retain`: a volume is only
 * ever deleted by hand), pods replaced one at a time, addressed through the headless Service of the same name.
 */
export function serviceStatefulSet(scope: Construct, props: WorkloadProps): k8s.KubeStatefulSet {
  const svc = props.service;
  return new k8s.KubeStatefulSet(scope, 'StatefulSet', {
    metadata: props.metadata,
    spec: {
      serviceName: svc.name,
      replicas: svc.scaling.kind === 'fixed' ? svc.scaling.replicas : undefined,
      revisionHistoryLimit: 5,
      selector: { matchLabels: props.selector },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate' },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels: props.podLabels, annotations: podAnnotations(svc) },
        // StatefulSet pods carry no pod-template-hash: the spread counts every pod of the set.
        spec: servicePodSpec({ ...props, spreadSelector: props.selector }),
      },
      volumeClaimTemplates: svc.volumes.map((v) => ({
        metadata: { name: v.name, labels: { ...props.selector } },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: v.storageClass,
          resources: { requests: { storage: k8s.Quantity.fromString(v.size) } },
        },
      })),
    },
  });
}
