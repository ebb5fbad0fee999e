import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ADDON_ADMIN_SECRETS, ADDON_CATALOG, BRIDGE_ANNOTATIONS, bridgeAnnotationRef } from '@paved/shared-config';
import { type AddonSpec, resources } from './addon';
import { emit } from '../emit';
import { namespaceSecretStore } from './security';
import { ALERTMANAGER_SLACK_KEY, ALERTMANAGER_SLACK_SECRET, GRAFANA_ADMIN_SECRET, MONITORING_NAMESPACE, SECRET_STORE } from '../platform/names';

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
  values: ({ platform, env, production, has }) => {
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
      // Never the chart's default admin password: the grafana subchart reads user and password from a Secret that
      // External Secrets fills from `<org>/<env>/grafana/admin` (keys as the chart's admin.userKey/passwordKey).
      grafana: {
        enabled: true,
        defaultDashboardsTimezone: 'utc',
        admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: 'admin-user', passwordKey: 'admin-password' },
        // Loki requires a tenant: the data source sends the environment's (see promtail).
        additionalDataSources: has('loki')
          ? [{
            name: 'Loki',
            type: 'loki',
            url: `http://loki-gateway.${ADDON_CATALOG.loki.namespace}.svc.cluster.local`,
            jsonData: { httpHeaderName1: 'X-Scope-OrgID' },
            secureJsonData: { httpHeaderValue1: LOKI_TENANT(env.name) },
          }]
          : [],
      },
    };
  },
  configuration: {
    wave: 'observability',
    options: { skipDryRunOnMissingResource: true },
    render(scope, { platform, env, labels, has }) {
      emit(scope, platformRules(labels));
      const externalSecret = (name: string, data: NonNullable<IExternalSecret['spec']>['data']): IExternalSecret => ({
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: { name, namespace: MONITORING_NAMESPACE, labels: { ...labels } },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
          target: { name, creationPolicy: 'Owner' },
          data,
        },
      });
      // Without External Secrets nothing fills the admin Secret, and Grafana does not start: it fails closed rather
      // than run with the chart's default password.
      if (!has('external-secrets')) return;
      emit(scope, namespaceSecretStore(env, MONITORING_NAMESPACE, labels));
      const admin = env.naming.secretName(ADDON_ADMIN_SECRETS.grafana.relativeName);
      const adminKeys = ADDON_ADMIN_SECRETS.grafana.keys.map((key) => ({ secretKey: key, remoteRef: { key: admin, property: key } }));
      emit(scope, externalSecret(GRAFANA_ADMIN_SECRET, adminKeys));
      const slack = platform.alerting.slack;
      if (!slack) return;
      const webhook = env.naming.secretName(slack.webhookSecret);
      emit(scope, externalSecret(ALERTMANAGER_SLACK_SECRET, [{ secretKey: ALERTMANAGER_SLACK_KEY, remoteRef: { key: webhook } }]));
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
      // Multi-tenant mode: every push and query must name a tenant (X-Scope-OrgID); promtail writes as the environment.
      auth_enabled: true,
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

/** Loki tenant (X-Scope-OrgID) of an environment's logs: readers (Grafana data sources) must send the same. */
export const LOKI_TENANT = (environment: string): string => environment;

/** promtail chart (keys checked at promtail-6.16.6): ships every container's logs to Loki. */
export const promtail: AddonSpec = {
  name: 'promtail',
  values: ({ env }) => ({
    config: {
      clients: [{
        url: `http://loki-gateway.${ADDON_CATALOG.loki.namespace}.svc.cluster.local/loki/api/v1/push`,
        // Loki runs with auth_enabled: the tenant of this environment's logs (sent as X-Scope-OrgID).
        tenant_id: LOKI_TENANT(env.name),
        external_labels: { cluster: env.cluster.name },
      }],
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
