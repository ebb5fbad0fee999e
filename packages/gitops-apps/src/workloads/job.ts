import type { ResolvedService } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import type { WorkloadProps } from './deployment';
import { podAnnotations, servicePodSpec } from './pod-spec';

/** The Job spec of a `job` or `cron` service (or a migration): no restarts in place, retries and a deadline. */
export function serviceJobSpec(
  props: WorkloadProps,
  run: { readonly activeDeadlineSeconds: number; readonly backoffLimit: number },
  options: { readonly command?: readonly string[]; readonly ttlSecondsAfterFinished?: number } = {},
): k8s.JobSpec {
  const command = options.command;
  return {
    backoffLimit: run.backoffLimit,
    activeDeadlineSeconds: run.activeDeadlineSeconds,
    ttlSecondsAfterFinished: options.ttlSecondsAfterFinished,
    template: {
      metadata: { labels: props.podLabels, annotations: podAnnotations(props.service) },
      spec: servicePodSpec({ ...props, restartPolicy: 'Never', command, mainOnly: command !== undefined }),
    },
  };
}

/** The run settings of a `job` or `cron` service (resolution sets them for these kinds). */
export function runOf(svc: ResolvedService): NonNullable<ResolvedService['run']> {
  if (!svc.run) throw new Error(`service ${svc.name} of kind ${svc.kind} has no run settings`);
  return svc.run;
}

/** The Job of a `job` service: runs once per version Argo CD applies. */
export function serviceJob(scope: Construct, props: WorkloadProps): k8s.KubeJob {
  return new k8s.KubeJob(scope, 'Job', {
    metadata: {
      ...props.metadata,
      // A Job's pod template is immutable: `Replace=true` alone is a PUT that fails on it, so Argo CD deletes and
      // recreates the Job (`Force=true`, Argo CD sync-options docs) when a new version changes it, which re-runs it.
      annotations: { ...props.metadata.annotations, 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' },
    },
    spec: serviceJobSpec(props, runOf(props.service)),
  });
}
