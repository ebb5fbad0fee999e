import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { podAnnotations, servicePodSpec, type PodSpecProps } from './pod-spec';

export interface WorkloadProps extends Omit<PodSpecProps, 'spreadSelector' | 'rolloutLabel' | 'restartPolicy'> {
  readonly metadata: k8s.ObjectMeta;
  /** Labels of the pods (the selector's and the common ones). */
  readonly podLabels: Record<string, string>;
  readonly selector: Record<string, string>;
}

/**
 * The Deployment of a `web` or `worker` service: rolling updates that never take a ready pod away before its
 * replacement is ready, spread across zones and nodes. With an autoscaler it leaves `replicas` to the HPA.
 */
export function serviceDeployment(scope: Construct, props: WorkloadProps): k8s.KubeDeployment {
  const svc = props.service;
  return new k8s.KubeDeployment(scope, 'Deployment', {
    metadata: props.metadata,
    spec: {
      // With an HPA, the Deployment leaves replicas alone so that syncs never fight the autoscaler.
      replicas: svc.scaling.kind === 'fixed' ? svc.scaling.replicas : undefined,
      revisionHistoryLimit: 5,
      selector: { matchLabels: props.selector },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0), maxSurge: k8s.IntOrString.fromString('25%') },
      },
      template: {
        metadata: { labels: props.podLabels, annotations: podAnnotations(svc) },
        spec: servicePodSpec({ ...props, spreadSelector: props.selector, rolloutLabel: 'pod-template-hash' }),
      },
    },
  });
}
