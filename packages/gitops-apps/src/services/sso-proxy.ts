import type { ResolvedEnvironment, ResolvedService, ResolvedSso } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { dnsEgress } from './data-store-network';
import { EXTERNAL_SECRETS_API_VERSION, type ExternalSecretV1, namespaceSecretStore } from '../addons/security';
import { emit } from '../emit';
import { LABELS, selectorLabels } from '../labels';
import { SECRET_STORE } from '../platform/names';

/**
 * oauth2-proxy, the image of the catalog's `oauth2-proxy` chart at its pinned version (chart 10.7.0 = v7.15.3): the
 * proxy in front of each `ingress.auth: 'sso'` service is the same program as the add-on.
 */
export const SSO_PROXY_IMAGE = 'quay.io/oauth2-proxy/oauth2-proxy:v7.15.3';
/** Port the proxy listens on (oauth2-proxy's default `--http-address`). */
export const SSO_PROXY_PORT = 4180;
/** oauth2-proxy's health endpoint (`--ping-path`), what the ALB and the probes ask. */
export const SSO_PROXY_HEALTH_PATH = '/ping';
/** UID of the distroless oauth2-proxy image's `nonroot` user. */
const SSO_PROXY_UID = 65532;
/** Keys of the Kubernetes Secret the proxy reads, filled from the platform's `sso.clientSecret` in Secrets Manager. */
export const SSO_SECRET_KEYS = ['client-secret', 'cookie-secret'] as const;
/** Every private range and the instance metadata service: the proxy reaches the identity provider on the internet only. */
const NOT_INTERNET = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'];

/** Name of a service's proxy (Deployment, Service, Secret, PDB): `<service>-sso`. */
export function ssoProxyName(service: string): string {
  return `${service}-sso`;
}

/**
 * The oauth2-proxy flags for a provider: who may sign in (e-mail domains; GitHub organization and teams; OIDC
 * groups), where to send signed-in requests, and the callback under the service's own host and path.
 */
export function oauth2ProxyArgs(sso: ResolvedSso, options: { readonly upstream: string; readonly host: string; readonly path: string }): string[] {
  const prefix = `${options.path === '/' ? '' : options.path.replace(/\/+$/, '')}/oauth2`;
  const args = [
    `--provider=${sso.provider}`,
    ...(sso.provider === 'oidc' && sso.issuerUrl ? [`--oidc-issuer-url=${sso.issuerUrl}`] : []),
    `--http-address=0.0.0.0:${SSO_PROXY_PORT}`,
    `--upstream=${options.upstream}`,
    `--redirect-url=https://${options.host}${prefix}/callback`,
    `--proxy-prefix=${prefix}`,
    // Behind the ALB: trust its X-Forwarded-* headers; cookies only over HTTPS, never sent cross-site.
    '--reverse-proxy=true',
    '--cookie-secure=true',
    '--cookie-samesite=lax',
    '--skip-provider-button=true',
    '--silence-ping-logging=true',
    ...(sso.allowedDomains.length > 0 ? sso.allowedDomains.map((d) => `--email-domain=${d}`) : ['--email-domain=*']),
  ];
  if (sso.provider === 'github' && sso.allowedGroups.length > 0) {
    // `org` or `org/team`: oauth2-proxy checks one organization and, optionally, teams in it (validation: one org).
    args.push(`--github-org=${sso.allowedGroups[0].split('/')[0]}`);
    const teams = sso.allowedGroups.filter((g) => g.includes('/')).map((g) => g.split('/')[1]);
    if (teams.length > 0) args.push(`--github-team=${teams.join(',')}`);
  } else if (sso.provider === 'oidc') {
    for (const group of sso.allowedGroups) args.push(`--allowed-group=${group}`);
  }
  return args;
}

export interface SsoProxyProps {
  readonly env: ResolvedEnvironment;
  readonly service: ResolvedService;
  readonly sso: ResolvedSso;
  /** Labels of the service's objects (the proxy's own name labels replace the service's). */
  readonly labels: Readonly<Record<string, string>>;
  /** Sources the ALB connects from (the VPC). */
  readonly internalSourceRanges: readonly string[];
  /** Port of the service's ClusterIP Service, the proxy's upstream. */
  readonly servicePort: number;
}

/**
 * oauth2-proxy in front of one service, in the service's namespace: the ALB sends the service's host to the proxy,
 * which signs people in with the platform's provider and passes signed-in requests to the service. The ALB cannot
 * delegate authentication to a proxy (no external auth on ALBs), and its native OIDC action can neither check
 * e-mail domains or groups nor sign in with GitHub (not OIDC): hence a proxy per service, restricted like a service.
 * Renders the proxy's Deployment, Service, PodDisruptionBudget, ExternalSecret (client and cookie secrets from Secrets
 * Manager), and the NetworkPolicies: ALB to proxy, proxy to the service's pods and the provider; service pods accept
 * the proxy, and the ALB no more.
 */
export function ssoProxy(scope: Construct, props: SsoProxyProps): void {
  const { env, service: svc, sso } = props;
  const ingress = svc.ingress!;
  const ns = svc.name;
  const name = ssoProxyName(svc.name);
  const selector = selectorLabels(name);
  const labels = { ...props.labels, ...selector, [LABELS.component]: 'sso-proxy' };
  const metadata = (n: string) => ({ name: n, namespace: ns, labels: { ...labels } });
  const production = env.profile === 'production';

  // The namespace's SecretStore, unless the service's own secrets already brought it.
  const store = namespaceSecretStore(env, ns, props.labels);
  if (!scope.node.tryFindChild(`${store.kind}-${ns}-${store.metadata?.name}`)) emit(scope, store);
  const secret: ExternalSecretV1 = {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: metadata(name),
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: SECRET_STORE },
      target: { name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      data: SSO_SECRET_KEYS.map((key) => ({ secretKey: key, remoteRef: { key: env.naming.secretName(sso.clientSecret), property: key } })),
    },
  };
  emit(scope, secret);

  const probe = (periodSeconds: number): k8s.Probe => ({
    httpGet: { path: SSO_PROXY_HEALTH_PATH, port: k8s.IntOrString.fromString('http') },
    periodSeconds,
    failureThreshold: 3,
    timeoutSeconds: 2,
  });
  new k8s.KubeDeployment(scope, 'SsoProxy', {
    metadata: metadata(name),
    spec: {
      replicas: production ? 2 : 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0), maxSurge: k8s.IntOrString.fromNumber(1) } },
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: SSO_PROXY_UID, runAsGroup: SSO_PROXY_UID, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [{
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: production ? 'DoNotSchedule' : 'ScheduleAnyway',
            labelSelector: { matchLabels: selector },
            matchLabelKeys: ['pod-template-hash'],
          }],
          containers: [{
            name: 'oauth2-proxy',
            image: SSO_PROXY_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            args: oauth2ProxyArgs(sso, { upstream: `http://${svc.name}.${ns}.svc.cluster.local:${props.servicePort}/`, host: ingress.host, path: ingress.path }),
            env: [
              { name: 'OAUTH2_PROXY_CLIENT_ID', value: sso.clientId },
              { name: 'OAUTH2_PROXY_CLIENT_SECRET', valueFrom: { secretKeyRef: { name, key: 'client-secret' } } },
              { name: 'OAUTH2_PROXY_COOKIE_SECRET', valueFrom: { secretKeyRef: { name, key: 'cookie-secret' } } },
            ],
            ports: [{ name: 'http', containerPort: SSO_PROXY_PORT, protocol: 'TCP' }],
            resources: {
              requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
              limits: { memory: k8s.Quantity.fromString('64Mi') },
            },
            livenessProbe: probe(10),
            readinessProbe: probe(5),
            securityContext: {
              allowPrivilegeEscalation: false,
              privileged: false,
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' },
            },
          }],
        },
      },
    },
  });
  new k8s.KubeService(scope, 'SsoProxyService', {
    metadata: metadata(name),
    spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: props.servicePort, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' }] },
  });
  new k8s.KubePodDisruptionBudget(scope, 'SsoProxyDisruptionBudget', {
    metadata: metadata(name),
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });

  const servicePods = selectorLabels(svc.name);
  const servicePort = svc.httpPort?.port ?? svc.port;
  const toService: k8s.NetworkPolicyPort[] = servicePort !== undefined ? [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(servicePort) }] : [];
  new k8s.KubeNetworkPolicy(scope, 'SsoProxyPolicy', {
    metadata: metadata(name),
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      // The ALB sends to pod IPs (IP targets) from its nodes in the VPC's subnets.
      ingress: [{ from: props.internalSourceRanges.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromString('http') }] }],
      egress: [
        dnsEgress(),
        { to: [{ podSelector: { matchLabels: servicePods } }], ports: toService },
        // The identity provider's endpoints (token, user info, keys), on the internet.
        { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [...NOT_INTERNET] } }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(443) }] },
      ],
    },
  });
  new k8s.KubeNetworkPolicy(scope, 'FromSsoProxy', {
    metadata: { name: 'from-sso-proxy', namespace: ns, labels: { ...props.labels } },
    spec: {
      podSelector: { matchLabels: servicePods },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: selector } }], ports: toService }],
    },
  });
}
