import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ADDON_ADMIN_SECRETS, ADDON_CATALOG, BRIDGE_ANNOTATIONS, LOKI_CLIENT_NAMESPACES, bridgeAnnotationRef, grafanaUsesSso } from '@paved/shared-config';
import { type AddonSpec, resources } from './addon';
import { emit } from '../emit';
import { grafanaSsoSecret, grafanaSsoValues } from './grafana-sso';
import { LOKI_CLIENT_SECRET, LOKI_GATEWAY_HTPASSWD_SECRET, LOKI_GATEWAY_URL, LOKI_TENANT, lokiClientSecret, lokiGatewayHtpasswd, lokiNetworkPolicy } from './loki-auth';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1, namespaceSecretStore } from './security';
import { ebsCsiProvisioner } from '../platform/ebs-provisioner';
import { ALERTMANAGER_SLACK_KEY, ALERTMANAGER_SLACK_SECRET, GRAFANA_ADMIN_SECRET, MONITORING_NAMESPACE, SECRET_STORE } from '../platform/names';

export { LOKI_TENANT } from './loki-auth';

/**
 * StorageClass of the platform's volumes (Prometheus, Grafana): EBS gp3 through the EKS aws-ebs-csi-driver add-on,
 * encrypted, bound where the pod lands (volumes are zonal). Rendered with kube-prometheus-stack's configuration.
 */
export const PLATFORM_STORAGE_CLASS = 'gp3';

/** metrics-server chart (keys checked at metrics-server-helm-chart-3.13.1): replicas, podDisruptionBudget, resources. */
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
              // The ALB's own counters are in CloudWatch: the ratio comes from the request histogram of Paved services.
              alert: 'IngressHighErrorRatio',
              expr: [
                'sum by (namespace, service) (rate(http_request_duration_seconds_count{status_code=~"5.."}[5m]))',
                '/ sum by (namespace, service) (rate(http_request_duration_seconds_count[5m])) >= 0.05',
              ].join(' '),
              for: '5m',
              labels: { severity: 'critical' },
              annotations: { summary: '{{ $labels.namespace }}/{{ $labels.service }}: 5xx responses are at least 5% of requests' },
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
 * kube-prometheus-stack chart (keys checked at kube-prometheus-stack-88.5.3, its grafana subchart at grafana-community
 * grafana-12.11.1; `alertmanager.config` is Alertmanager's own snake_case configuration): Alertmanager routes to Slack with
 * the webhook URL read from a Secret file (never in Git); rules of every namespace are picked up; Prometheus retention
 * per profile; Prometheus and Grafana keep their data on gp3 volumes; Grafana has Prometheus (the chart's default data
 * source) and Loki (through the gateway, with its basic-auth user) provisioned.
 */
export const kubePrometheusStack: AddonSpec = {
  name: 'kube-prometheus-stack',
  values: ({ platform, env, production, has }) => {
    const slack = platform.alerting.slack;
    // Grafana signs people in with the platform's single sign-on provider when the config names one (the client secret
    // comes through External Secrets, like the admin password).
    const sso = platform.sso && has('external-secrets') ? grafanaSsoValues(platform.sso, env) : undefined;
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
          storageSpec: {
            volumeClaimTemplate: {
              spec: {
                storageClassName: PLATFORM_STORAGE_CLASS,
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: production ? '100Gi' : '20Gi' } },
              },
            },
          },
        },
      },
      // Never the chart's default admin password: the grafana subchart reads user and password from a Secret that
      // External Secrets fills from `<org>/<env>/grafana/admin` (keys as the chart's admin.userKey/passwordKey).
      grafana: {
        enabled: true,
        defaultDashboardsTimezone: 'utc',
        admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: 'admin-user', passwordKey: 'admin-password' },
        // Dashboards, users and annotations survive a restart (one replica: the volume is ReadWriteOnce).
        persistence: { enabled: true, type: 'pvc', storageClassName: PLATFORM_STORAGE_CLASS, accessModes: ['ReadWriteOnce'], size: '10Gi' },
        // The Loki gateway user, from the Secret External Secrets fills in monitoring; the data source names the
        // variables, which Grafana expands when it provisions data sources (the password never reaches Git).
        envValueFrom: {
          ...(has('loki')
            ? Object.fromEntries(['username', 'password'].map((key) => [`LOKI_${key.toUpperCase()}`, { secretKeyRef: { name: LOKI_CLIENT_SECRET, key } }]))
            : {}),
          ...sso?.env,
        },
        ...(sso ? { 'grafana.ini': sso.ini } : {}),
        // Loki requires a tenant: the data source sends the environment's, as Alloy writes it.
        additionalDataSources: has('loki')
          ? [{
            name: 'Loki',
            type: 'loki',
            access: 'proxy',
            url: LOKI_GATEWAY_URL,
            basicAuth: true,
            basicAuthUser: '$LOKI_USERNAME',
            jsonData: { httpHeaderName1: 'X-Scope-OrgID' },
            secureJsonData: { basicAuthPassword: '$LOKI_PASSWORD', httpHeaderValue1: LOKI_TENANT(env.name) },
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
      emit(scope, {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: PLATFORM_STORAGE_CLASS, labels: { ...labels } },
        provisioner: ebsCsiProvisioner(env),
        parameters: { type: 'gp3', encrypted: 'true' },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
      } as any);
      const externalSecret = (name: string, data: NonNullable<ExternalSecretV1['spec']>['data']): ExternalSecretV1 => ({
        apiVersion: EXTERNAL_SECRETS_API_VERSION,
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
      if (has('loki')) emit(scope, lokiClientSecret(env, LOKI_CLIENT_NAMESPACES['kube-prometheus-stack'], labels));
      if (grafanaUsesSso(platform.sso)) emit(scope, grafanaSsoSecret(env, platform.sso, labels));
      const slack = platform.alerting.slack;
      if (!slack) return;
      const webhook = env.naming.secretName(slack.webhookSecret);
      emit(scope, externalSecret(ALERTMANAGER_SLACK_SECRET, [{ secretKey: ALERTMANAGER_SLACK_KEY, remoteRef: { key: webhook } }]));
    },
  },
};

/**
 * loki chart (keys checked in grafana-community/helm-charts at tag loki-18.11.0, charts/loki/values.yaml;
 * `loki.limits_config` is passed to Loki as is): single binary on S3 through Pod Identity, the bucket from the GitOps
 * bridge. The gateway asks for basic auth (htpasswd from Secrets Manager through External Secrets), and a
 * NetworkPolicy admits only Loki's own namespace, Alloy and monitoring.
 */
export const loki: AddonSpec = {
  name: 'loki',
  bridged: true,
  values: ({ env, addon, production }) => ({
    deploymentMode: 'SingleBinary',
    loki: {
      // Multi-tenant mode: every push and query must name a tenant (X-Scope-OrgID); Alloy writes as the environment.
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
    gateway: { basicAuth: { enabled: true, existingSecret: LOKI_GATEWAY_HTPASSWD_SECRET } },
    // The canary (and the chart test that reads it) would log in with a password from values, that is from Git: off.
    lokiCanary: { enabled: false },
    test: { enabled: false },
  }),
  configuration: {
    wave: 'observability',
    options: { skipDryRunOnMissingResource: true },
    render(scope, { env, labels, has }) {
      emit(scope, lokiNetworkPolicy(labels));
      // Without External Secrets nothing fills the htpasswd Secret: the gateway does not start (fails closed).
      if (!has('external-secrets')) return;
      emit(scope, namespaceSecretStore(env, ADDON_CATALOG.loki.namespace, labels));
      emit(scope, lokiGatewayHtpasswd(env, labels));
    },
  },
};

/**
 * velero chart (keys checked in vmware-tanzu/helm-charts at tag velero-12.1.0, Velero 1.18.1): AWS plugin, backups to the
 * environment's bucket (from the GitOps bridge), a nightly schedule. Volumes are backed up as EBS snapshots (the AWS
 * plugin's volume snapshotter), not by file-system backup, so the Restic removal (Kopia only since Velero 1.17) does not
 * apply. Plugin v1.14.2 (velero-io/velero-plugin-for-aws tag v1.14.2, 2026-06-16) is the line built for Velero 1.18.
 */
export const velero: AddonSpec = {
  name: 'velero',
  bridged: true,
  values: ({ env, addon }) => ({
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: 'velero/velero-plugin-for-aws:v1.14.2',
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
