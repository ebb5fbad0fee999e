import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ADDON_CATALOG, BRIDGE_ANNOTATIONS, bridgeAnnotationRef } from '@paved/shared-config';
import { type AddonSpec, resources } from './addon';
import { emit } from '../emit';
import { ALERTMANAGER_SLACK_KEY, ALERTMANAGER_SLACK_SECRET, CLUSTER_SECRET_STORE, MONITORING_NAMESPACE } from '../platform/names';

/** metrics-server chart (keys checked at metrics-server-helm-chart-3.12.2): replicas, podDisruptionBudget, resources. */
export const metricsServer: AddonSpec = {
  name: 'metrics-server',
  values: ({ production }) => ({
    replicas: production ? 2 : 1,
    podDisruptionBudget: { enabled: production, minAvailable: 1 },
    resources: resources('50m', '64Mi', '128Mi'),
  }),
};

/** The platform-wide alert rules every environment gets: ingress 5xx ratio and replica shortages. */
function platformRules(labels: Record<string, string>): IPrometheusRule {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'paved-platform', namespace: MONITORING_NAMESPACE, labels: { ...labels, release: 'kube-prometheus-stack' } },
    spec: {
      groups: [
        {
          name: 'paved.platform',
          rules: [
            {
              alert: 'IngressHighErrorRatio',
              expr: [
                'sum by (ingress, exported_namespace) (rate(nginx_ingress_controller_requests{status=~"5.."}[5m]))',
                '/ sum by (ingress, exported_namespace) (rate(nginx_ingress_controller_requests[5m])) >= 0.05',
              ].join(' '),
              for: '5m',
              labels: { severity: 'critical' },
              annotations: { summary: '{{ $labels.exported_namespace }}/{{ $labels.ingress }}: 5xx responses are at least 5% of requests' },
            },
            {
              alert: 'DeploymentReplicasShort',
              expr: 'kube_deployment_status_replicas_available < kube_deployment_spec_replicas',
              for: '15m',
              labels: { severity: 'warning' },
              annotations: { summary: '{{ $labels.namespace }}/{{ $labels.deployment }} has fewer available replicas than desired' },
            },
          ],
        },
      ],
    },
  };
}

/**
 * kube-prometheus-stack chart (keys checked at kube-prometheus-stack-67.9.0; `alertmanager.config` is Alertmanager's own
 * snake_case configuration): Alertmanager routes to Slack with the webhook URL read from a Secret file (never in
 * Git); rules of every namespace are picked up; Prometheus retention per profile.
 */
export const kubePrometheusStack: AddonSpec = {
  name: 'kube-prometheus-stack',
  values: ({ platform, production }) => {
    const slack = platform.alerting.slack;
    return {
      alertmanager: {
        alertmanagerSpec: {
          replicas: production ? 2 : 1,
          secrets: slack ? [ALERTMANAGER_SLACK_SECRET] : [],
        },
        config: {
          route: {
            receiver: slack ? 'slack' : 'null',
            group_by: ['alertname', 'namespace'],
            routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }],
          },
          receivers: [
            { name: 'null' },
            ...(slack
              ? [{
                name: 'slack',
                slack_configs: [{
                  channel: slack.channel,
                  api_url_file: `/etc/alertmanager/secrets/${ALERTMANAGER_SLACK_SECRET}/${ALERTMANAGER_SLACK_KEY}`,
                  send_resolved: true,
                }],
              }]
              : []),
          ],
        },
      },
      prometheus: {
        prometheusSpec: {
          replicas: production ? 2 : 1,
          retention: production ? '15d' : '5d',
          // Rules and monitors of every namespace, not only those labelled for this release.
          ruleSelectorNilUsesHelmValues: false,
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
        },
      },
      grafana: { enabled: true, defaultDashboardsTimezone: 'utc' },
    };
  },
  configuration: {
    wave: 'observability',
    options: { skipDryRunOnMissingResource: true },
    render(scope, { platform, env, labels }) {
      emit(scope, platformRules(labels));
      const slack = platform.alerting.slack;
      if (!slack) return;
      const secret: IExternalSecret = {
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: { name: ALERTMANAGER_SLACK_SECRET, namespace: MONITORING_NAMESPACE, labels: { ...labels } },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: CLUSTER_SECRET_STORE },
          target: { name: ALERTMANAGER_SLACK_SECRET, creationPolicy: 'Owner' },
          data: [{ secretKey: ALERTMANAGER_SLACK_KEY, remoteRef: { key: env.naming.secretName(slack.webhookSecret) } }],
        },
      };
      emit(scope, secret);
    },
  },
};

/**
 * loki chart (keys checked at grafana/loki helm-loki-6.24.0; `loki.limits_config` is passed to Loki as is): single binary
 * on S3 through Pod Identity, the bucket from the GitOps bridge.
 */
export const loki: AddonSpec = {
  name: 'loki',
  bridged: true,
  values: ({ env, addon, production }) => ({
    deploymentMode: 'SingleBinary',
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: 1 },
      schemaConfig: {
        configs: [{ from: '2024-04-01', store: 'tsdb', object_store: 's3', schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }],
      },
      storage: {
        type: 's3',
        bucketNames: { chunks: bridgeAnnotationRef(BRIDGE_ANNOTATIONS.lokiBucket), ruler: bridgeAnnotationRef(BRIDGE_ANNOTATIONS.lokiBucket) },
        s3: { region: env.region },
      },
      limits_config: { retention_period: `${env.logs.retentionDays * 24}h` },
      compactor: { retention_enabled: true, delete_request_store: 's3' },
    },
    serviceAccount: { create: true, name: addon.awsServiceAccount! },
    singleBinary: { replicas: 1, resources: resources(production ? '500m' : '100m', production ? '1Gi' : '256Mi', production ? '2Gi' : '512Mi') },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    minio: { enabled: false },
  }),
};

/** promtail chart (keys checked at promtail-6.16.6): ships every container's logs to Loki. */
export const promtail: AddonSpec = {
  name: 'promtail',
  values: ({ env }) => ({
    config: {
      clients: [{ url: `http://loki-gateway.${ADDON_CATALOG.loki.namespace}.svc.cluster.local/loki/api/v1/push`, external_labels: { cluster: env.cluster.name } }],
    },
    resources: resources('50m', '64Mi', '256Mi'),
  }),
};

/** velero chart (keys checked at velero-8.3.0): AWS plugin, backups to the environment's bucket (from the GitOps bridge), a nightly schedule. */
export const velero: AddonSpec = {
  name: 'velero',
  bridged: true,
  values: ({ env, addon }) => ({
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: 'velero/velero-plugin-for-aws:v1.11.1',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
      },
    ],
    configuration: {
      backupStorageLocation: [
        { name: 'default', provider: 'aws', bucket: bridgeAnnotationRef(BRIDGE_ANNOTATIONS.veleroBucket), config: { region: env.region } },
      ],
      volumeSnapshotLocation: [{ name: 'default', provider: 'aws', config: { region: env.region } }],
    },
    credentials: { useSecret: false },
    serviceAccount: { server: { create: true, name: addon.awsServiceAccount! } },
    schedules: {
      nightly: {
        disabled: false,
        schedule: env.backups.veleroSchedule,
        useOwnerReferencesInBackup: false,
        template: { ttl: `${env.backups.veleroTtlHours}h`, includedNamespaces: ['*'], snapshotVolumes: true },
      },
    },
    resources: resources('100m', '128Mi', '512Mi'),
  }),
};
