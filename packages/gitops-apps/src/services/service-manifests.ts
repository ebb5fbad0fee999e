// The `k8s` L1 module of cdk8s-plus-33, imported directly: the L2 index costs 150 ms of loading and none of its
// constructs fit (no seccomp profile, no `drop: [ALL]`, no app.kubernetes.io labels; replicas plus an HPA fails).
import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import {
  CONNECTION_SECRET_KEYS,
  POSTGRES_SSL_MODE,
  RDS_CA_BUNDLE_PATH,
  databaseRole,
  redisUser,
  type ResolvedEnvironment,
  type ResolvedPlatform,
  type ResolvedService,
  type ServiceDependency,
  DEFAULT_PORT_NAME,
} from '@paved/shared-config';
import { Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { dataStoreEgress, dnsEgress, podIdentityAgentEgress } from './data-store-network';
import { RESTRICTED_NAMESPACE_LABELS } from '../addons/pod-security';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1, namespaceSecretStore } from '../addons/security';
import { emit } from '../emit';
import { LABELS, commonLabels, labelValue, selectorLabels } from '../labels';
import { serviceIngress } from './ingress';
import { servicePublicPorts } from './public-ports';
import { serviceCallPolicies } from './service-calls';
import { MONITORING_NAMESPACE, SECRET_STORE } from '../platform/names';
import {
  MIGRATION_PREREQUISITE_WAVE,
  SERVICE_PORT,
  metricsPorts,
  migrationInstance,
  migrationJob,
  serviceCronJob,
  serviceDeployment,
  serviceJob,
  servicePorts,
  serviceStatefulSet,
  type WorkloadProps,
} from '../workloads';

export { RUNTIME_UID, SERVICE_PORT } from '../workloads';
/** Path of the Prometheus metrics every Paved service serves. */
export const METRICS_PATH = '/metrics';

export interface ServiceManifestsProps {
  readonly platform: ResolvedPlatform;
  readonly env: ResolvedEnvironment;
  readonly service: ResolvedService;
  /** Add-ons of the environment that the service's manifests integrate with. */
  readonly addons: {
    readonly externalSecrets: boolean;
    readonly prometheus: boolean;
    /** The AWS Load Balancer Controller, which serves the environment's ingresses (Ingress or Gateway API). */
    readonly ingressController: boolean;
    readonly certManager: boolean;
  };
  /**
   * The namespace, which is also the service's identity on shared data stores (database role, cache user, consumer
   * group). A stage's services use `<stage>-<service>` (stages/stage-tree.ts).
   * @default - the service's name
   */
  readonly namespace?: string;
}

/**
 * Everything one service runs on in one environment, in its own namespace: Namespace (Pod Security "restricted"),
 * ServiceAccount, Deployment, Service, HPA or fixed replicas, PDB, Ingress with TLS, default-deny NetworkPolicies with
 * the allowances the service needs, ExternalSecrets, ServiceMonitor and PrometheusRule.
 */
export class ServiceManifests extends Chart {
  /** The namespace, named after the service. */
  readonly namespaceName: string;
  /** Name of every Kubernetes Secret the Deployment reads, with the keys it reads. */
  readonly secretsRead: ReadonlyMap<string, readonly string[]>;

  constructor(scope: Construct, id: string, props: ServiceManifestsProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const { platform, env, service: svc, addons } = props;
    const ns = props.namespace ?? svc.name;
    this.namespaceName = ns;
    const selector = selectorLabels(svc.name);
    const labels: Record<string, string> = {
      ...commonLabels(platform, env),
      ...selector,
      [LABELS.component]: 'service',
      ...(svc.team ? { [LABELS.team]: labelValue(svc.team) } : {}),
    };
    const meta = (name: string, extra: Record<string, string> = {}) => ({ name, namespace: ns, labels: { ...labels, ...extra } });
    // With a migration, what it needs is applied in an earlier sync wave than the migration itself (workloads/migration.ts).
    const early = svc.migrate ? { annotations: { ...MIGRATION_PREREQUISITE_WAVE } } : {};
    const earlyMeta = (name: string) => ({ ...meta(name), ...early });

    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        ...early,
        name: ns,
        labels: {
          ...labels,
          ...RESTRICTED_NAMESPACE_LABELS,
        },
      },
    });

    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: earlyMeta(svc.name),
      // Services do not talk to the Kubernetes API: no token in their pods.
      automountServiceAccountToken: false,
    });

    // Environment: plain variables, then secrets from Kubernetes Secrets that External Secrets keeps in sync.
    const secretsRead = new Map<string, string[]>();
    const fromSecret = (envVar: string, secret: string, key: string): k8s.EnvVar => {
      secretsRead.set(secret, [...(secretsRead.get(secret) ?? []), key]);
      return { name: envVar, valueFrom: { secretKeyRef: { name: secret, key } } };
    };
    const envVars: k8s.EnvVar[] = Object.entries(svc.env).map(([name, value]) => ({ name, value }));
    // Pod Identity hands out credentials but no region: the SDKs sign IAM database and cache tokens with this one.
    if (!Object.hasOwn(svc.env, 'AWS_REGION')) envVars.push({ name: 'AWS_REGION', value: env.region });
    if (addons.externalSecrets) {
      // The namespace's own SecretStore, assuming the namespace's reader role (platform-infra SecretsReaderRole).
      if (svc.secrets.length > 0 || svc.dependsOn.length > 0) {
        const store = namespaceSecretStore(env, ns, labels);
        emit(this, { ...store, metadata: { ...store.metadata, ...early } });
      }
      if (svc.secrets.length > 0) {
        const secretName = `${svc.name}-secrets`;
        emit(this, externalSecret(earlyMeta(secretName), secretName, svc.secrets.map((s) => ({
          secretKey: s.envVar,
          remoteRef: { key: s.secretName, ...(s.key ? { property: s.key } : {}) },
        }))));
        for (const s of svc.secrets) envVars.push(fromSecret(s.envVar, secretName, s.envVar));
      }
      for (const store of svc.dependsOn) {
        const secretName = `${svc.name}-${store}`;
        const connection = dataStoreEnv(env, ns)[store];
        emit(this, externalSecret(
          earlyMeta(secretName),
          secretName,
          CONNECTION_SECRET_KEYS[store].map((key) => ({
            secretKey: key,
            remoteRef: { key: env.naming.connectionSecret(store), property: key },
          })),
          connection.fromSecret,
        ));
        for (const name of Object.keys(connection.fromSecret).sort()) envVars.push(fromSecret(name, secretName, name));
        for (const [name, value] of Object.entries(connection.plain).sort(([a], [b]) => a.localeCompare(b))) envVars.push({ name, value });
      }
    }
    this.secretsRead = secretsRead;

    const version = labelValue(imageTag(svc.image));
    const podLabels = { ...labels, ...(version ? { [LABELS.version]: version } : {}) };
    const workload: WorkloadProps = { env, service: svc, envVars, metadata: meta(svc.name), podLabels, selector };
    switch (svc.kind) {
      case 'web':
      case 'worker':
        serviceDeployment(this, workload);
        break;
      case 'stateful':
        serviceStatefulSet(this, workload);
        break;
      case 'job':
        serviceJob(this, workload);
        break;
      case 'cron':
        serviceCronJob(this, workload);
        break;
    }
    const migrationLabels = { ...podLabels, [LABELS.instance]: migrationInstance(svc.name), [LABELS.component]: 'migration' };
    migrationJob(this, { ...workload, metadata: { ...meta(`${svc.name}-migrate`), labels: migrationLabels }, podLabels: migrationLabels });

    // A web service is reached through its ClusterIP Service; a stateful one's pods through its headless Service.
    if (svc.kind === 'web' || svc.kind === 'stateful') {
      new k8s.KubeService(this, 'Service', {
        metadata: meta(svc.name),
        spec: {
          type: 'ClusterIP',
          clusterIp: svc.kind === 'stateful' ? 'None' : undefined,
          selector,
          ports: servicePorts(svc),
        },
      });
    }

    const longRunning = svc.kind === 'web' || svc.kind === 'worker' || svc.kind === 'stateful';
    if (svc.scaling.kind === 'autoscaling' && longRunning) {
      new k8s.KubeHorizontalPodAutoscalerV2(this, 'Autoscaler', {
        metadata: meta(svc.name),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: svc.kind === 'stateful' ? 'StatefulSet' : 'Deployment', name: svc.name },
          minReplicas: svc.scaling.minReplicas,
          maxReplicas: svc.scaling.maxReplicas,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: svc.scaling.targetCpuUtilization } },
            },
          ],
        },
      });
    }

    // One pod at a time may go during node drains: always allows a disruption, and stays below the HPA's minimum.
    if (longRunning) {
      new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata: meta(svc.name),
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: selector },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        },
      });
    }

    if (svc.ingress && svc.kind === 'web' && addons.ingressController) {
      serviceIngress(this, {
        env, service: svc, metadata: meta(svc.name), internalSourceRanges: internalSourceRanges(env), servicePort: SERVICE_PORT,
      });
    }

    this.networkPolicies(svc, meta, selector, env, addons);
    serviceCallPolicies(this, { env, service: svc, metadata: meta });
    servicePublicPorts(this, { env, service: svc, metadata: meta, selector });

    if (addons.prometheus) {
      const httpScraped = svc.runtime !== 'static-site' && scraped(svc);
      const monitor: IServiceMonitor = {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: meta(svc.name),
        spec: {
          selector: { matchLabels: selector },
          namespaceSelector: { matchNames: [ns] },
          endpoints: [
            ...(httpScraped ? [{ port: svc.httpPort?.name ?? DEFAULT_PORT_NAME, path: METRICS_PATH, interval: '30s', scrapeTimeout: '10s' }] : []),
            ...metricsPorts(svc).map((p) => ({ port: p.name, path: METRICS_PATH, interval: '30s', scrapeTimeout: '10s' })),
          ],
        },
      };
      // A static site (nginx) serves no /metrics: its health is measured by the replica rules (and the ALB's own metrics).
      // Prometheus scrapes through a Service: the HTTP port of a web or stateful service, and every port named `metrics`
      // (a sidecar's too); workers, jobs and services with neither are not scraped.
      if (httpScraped || metricsPorts(svc).length > 0) emit(this, monitor);
      emit(this, serviceRules(svc, ns, meta(svc.name)));
    }
  }

  private networkPolicies(
    svc: ResolvedService,
    meta: (name: string) => { name: string; namespace: string; labels: Record<string, string> },
    selector: Record<string, string>,
    env: ResolvedEnvironment,
    addons: ServiceManifestsProps['addons'],
  ): void {
    const port = k8s.IntOrString.fromString(svc.httpPort?.name ?? DEFAULT_PORT_NAME);
    new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: meta('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const ingress: k8s.NetworkPolicyIngressRule[] = [];
    // Behind single sign-on the ALB reaches only the proxy (sso-proxy.ts lets the proxy in, `from-sso-proxy`).
    if (svc.ingress && svc.kind === 'web' && addons.ingressController && !svc.ingress.sso) {
      // The ALB sends to pod IPs (IP targets) from its nodes in the VPC's subnets.
      ingress.push({
        from: internalSourceRanges(env).map((cidr) => ({ ipBlock: { cidr } })),
        ports: [{ protocol: 'TCP', port }],
      });
    }
    const metrics = metricsPorts(svc);
    if (addons.prometheus && (scraped(svc) || metrics.length > 0)) {
      ingress.push({
        from: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': MONITORING_NAMESPACE } },
          podSelector: { matchLabels: { [LABELS.name]: 'prometheus' } },
        }],
        ports: [
          ...(scraped(svc) ? [{ protocol: 'TCP', port }] : []),
          ...metrics.map((p) => ({ protocol: 'TCP', port: k8s.IntOrString.fromString(p.name) })),
        ],
      });
    }
    const egress: k8s.NetworkPolicyEgressRule[] = [
      dnsEgress(),
      ...svc.dependsOn.map((store) => dataStoreEgress(env, store)),
      // Services that use a data store sign IAM tokens with their Pod Identity credentials, served by the node's agent.
      ...(svc.dependsOn.length > 0 ? [podIdentityAgentEgress()] : []),
      {
        // HTTPS to the internet (third-party APIs), never to private ranges or the instance metadata service.
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [...PRIVATE_RANGES, '169.254.0.0/16'] } }],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(443) }],
      },
    ];
    new k8s.KubeNetworkPolicy(this, 'Allow', {
      metadata: meta(svc.name),
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress,
        egress,
      },
    });
    // The migration pods (their own instance label) reach what the service reaches, and accept nothing.
    if (svc.migrate) {
      new k8s.KubeNetworkPolicy(this, 'AllowMigration', {
        metadata: { ...meta(migrationInstance(svc.name)), annotations: { ...MIGRATION_PREREQUISITE_WAVE } },
        spec: {
          podSelector: { matchLabels: { [LABELS.name]: svc.name, [LABELS.instance]: migrationInstance(svc.name) } },
          policyTypes: ['Ingress', 'Egress'],
          egress,
        },
      });
    }
  }
}

/** Whether Prometheus scrapes the service: through the HTTP port of its Service (web, or stateful with an HTTP port). */
function scraped(svc: ResolvedService): boolean {
  return (svc.kind === 'web' || svc.kind === 'stateful') && svc.httpPort !== undefined;
}

export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Sources an internal ingress accepts: the VPC, or every private range when the VPC is brought (its CIDR is unknown). */
export function internalSourceRanges(env: ResolvedEnvironment): string[] {
  return env.network.mode === 'create' ? [env.network.vpcCidr] : [...PRIVATE_RANGES];
}

/** The variables a service gets for one data store: templates over the connection secret, and plain values. */
export interface DataStoreEnv {
  /** External Secrets templates over the keys of the connection secret (`CONNECTION_SECRET_KEYS`): host and port. */
  readonly fromSecret: Readonly<Record<string, string>>;
  /** Non-secret values known at render time: user, database, TLS settings, authentication method. */
  readonly plain: Readonly<Record<string, string>>;
}

/**
 * The variables a service gets per data store. No password or token: the service logs in with IAM as its own user
 * (PostgreSQL role and database `databaseRole(service)`, ElastiCache user `redisUser(naming, service)`), signing a
 * short-lived token with its Pod Identity credentials (AWS SDK: RDS `generate_db_auth_token` / `Signer`, an
 * ElastiCache presigned `connect` request) and passing it as the password. `DATABASE_URL` and `REDIS_URL` are what the
 * service blueprint's code reads, without the password; the `PG*` variables are what PostgreSQL clients read. TLS is
 * `verify-full` against the RDS certificate authorities, which the service image carries at `RDS_CA_BUNDLE_PATH`.
 */
export function dataStoreEnv(env: ResolvedEnvironment, service: string): Readonly<Record<ServiceDependency, DataStoreEnv>> {
  const role = databaseRole(service);
  const cacheUser = redisUser(env.naming, service);
  return {
    postgres: {
      fromSecret: {
        DATABASE_URL: `postgresql://${role}@{{ .host }}:{{ .port }}/${role}?sslmode=${POSTGRES_SSL_MODE}&sslrootcert=${RDS_CA_BUNDLE_PATH}`,
        PGHOST: '{{ .host }}',
        PGPORT: '{{ .port }}',
      },
      plain: {
        DATABASE_AUTH: 'iam',
        PGDATABASE: role,
        PGUSER: role,
        PGSSLMODE: POSTGRES_SSL_MODE,
        PGSSLROOTCERT: RDS_CA_BUNDLE_PATH,
      },
    },
    redis: {
      // ElastiCache with encryption in transit: TLS (`rediss://`), the service's user, an IAM token as password.
      fromSecret: { REDIS_URL: `rediss://${cacheUser}@{{ .host }}:{{ .port }}` },
      plain: {
        REDIS_AUTH: 'iam',
        REDIS_USER: cacheUser,
        // The cache name an ElastiCache IAM token is signed for.
        REDIS_CACHE_NAME: env.redis?.replicationGroupId ?? '',
      },
    },
    kafka: {
      // MSK: SASL over TLS with an IAM signature (Pod Identity credentials); the groups the role allows are
      // `<service>` and `<service>-*`.
      fromSecret: { KAFKA_BOOTSTRAP_SERVERS: '{{ .bootstrapServers }}' },
      plain: { KAFKA_AUTH: 'iam', KAFKA_CONSUMER_GROUP: service, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' },
    },
  };
}

function externalSecret(
  metadata: IExternalSecret['metadata'],
  target: string,
  data: NonNullable<IExternalSecret['spec']>['data'],
  template?: Readonly<Record<string, string>>,
): ExternalSecretV1 {
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata,
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
      target: {
        name: target,
        creationPolicy: 'Owner',
        deletionPolicy: 'Retain',
        ...(template ? { template: { engineVersion: 'v2', type: 'Opaque', data: { ...template } } } : {}),
      },
      data,
    },
  };
}

function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1).replace(':', '-').slice(0, 20);
  return image.slice(image.lastIndexOf(':') + 1);
}

/** Alerts of one service: replicas short of the desired count, autoscaler pinned at its maximum, 5xx ratio ≥ 5 %. */
function serviceRules(
  svc: ResolvedService,
  ns: string,
  metadata: IPrometheusRule['metadata'],
): IPrometheusRule {
  const sel = `namespace="${ns}", deployment="${svc.name}"`;
  const rules: NonNullable<NonNullable<NonNullable<IPrometheusRule['spec']>['groups']>[number]['rules']> = [];
  if (svc.kind === 'job' || svc.kind === 'cron') {
    rules.push({
      alert: 'ServiceJobFailed',
      expr: `kube_job_status_failed{namespace="${ns}", job_name=~"${svc.name}.*"} > 0`,
      for: '5m',
      labels: { severity: 'warning', service: svc.name },
      annotations: {
        summary: `${svc.name}: a run failed`,
        description: '{{ $labels.namespace }}/{{ $labels.job_name }} failed.',
      },
    });
  } else if (svc.kind === 'stateful') {
    const set = `namespace="${ns}", statefulset="${svc.name}"`;
    rules.push({
      alert: 'ServiceReplicasUnavailable',
      expr: `kube_statefulset_status_replicas_ready{${set}} < kube_statefulset_replicas{${set}}`,
      for: '10m',
      labels: { severity: 'warning', service: svc.name },
      annotations: {
        summary: `${svc.name}: fewer replicas ready than desired`,
        description: '{{ $labels.namespace }}/{{ $labels.statefulset }} has had {{ $value }} ready replicas, fewer than desired, for 10 minutes.',
      },
    });
  } else {
    rules.push({
      alert: 'ServiceReplicasUnavailable',
      expr: `kube_deployment_status_replicas_available{${sel}} < kube_deployment_spec_replicas{${sel}}`,
      for: '10m',
      labels: { severity: 'warning', service: svc.name },
      annotations: {
        summary: `${svc.name}: fewer replicas available than desired`,
        description: '{{ $labels.namespace }}/{{ $labels.deployment }} has had {{ $value }} available replicas, fewer than desired, for 10 minutes.',
      },
    });
  }
  if (svc.scaling.kind === 'autoscaling' && svc.kind !== 'job' && svc.kind !== 'cron') {
    const hpa = `namespace="${ns}", horizontalpodautoscaler="${svc.name}"`;
    rules.push({
      alert: 'ServiceAutoscalerAtMaximum',
      expr: `kube_horizontalpodautoscaler_status_current_replicas{${hpa}} >= kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`,
      for: '15m',
      labels: { severity: 'warning', service: svc.name },
      annotations: {
        summary: `${svc.name}: autoscaler at its maximum`,
        description: '{{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has run at its maximum of {{ $value }} replicas for 15 minutes.',
      },
    });
  }
  // The ALB's own counters live in CloudWatch: the ratio is read from the request histogram every Paved service serves.
  if (svc.ingress && svc.kind === 'web' && svc.runtime !== 'static-site') {
    const req = `namespace="${ns}", service="${svc.name}"`;
    rules.push({
      alert: 'ServiceIngressErrorRatio',
      expr:
        `sum(rate(http_request_duration_seconds_count{${req}, status_code=~"5.."}[5m])) / ` +
        `sum(rate(http_request_duration_seconds_count{${req}}[5m])) >= 0.05`,
      for: '5m',
      labels: { severity: 'critical', service: svc.name },
      annotations: {
        summary: `${svc.name}: 5 % or more of requests fail with 5xx`,
        description: '{{ $value | humanizePercentage }} of the requests to ' + `${ns}/${svc.name}` + ' answered 5xx over 5 minutes.',
      },
    });
  }
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata,
    spec: { groups: [{ name: `${svc.name}.rules`, rules }] },
  };
}
