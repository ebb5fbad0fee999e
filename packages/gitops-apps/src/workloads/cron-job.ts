import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import type { WorkloadProps } from './deployment';
import { runOf, serviceJobSpec } from './job';

/** The CronJob of a `cron` service: UTC schedule, no overlapping runs by default, a few finished runs kept. */
export function serviceCronJob(scope: Construct, props: WorkloadProps): k8s.KubeCronJob {
  const run = runOf(props.service);
  if (!run.schedule) throw new Error(`cron service ${props.service.name} has no schedule`);
  return new k8s.KubeCronJob(scope, 'CronJob', {
    metadata: props.metadata,
    spec: {
      schedule: run.schedule,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: run.concurrencyPolicy,
      successfulJobsHistoryLimit: run.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: run.failedJobsHistoryLimit,
      // A run missed by more than ten minutes (a controller outage) is skipped rather than started late.
      startingDeadlineSeconds: 600,
      // Finished runs also go after a day (the history limits keep the last few for their logs until then).
      jobTemplate: { metadata: { labels: props.podLabels }, spec: serviceJobSpec(props, run, { ttlSecondsAfterFinished: 86400 }) },
    },
  });
}
