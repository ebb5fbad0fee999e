import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import {
  ADDON_CATALOG,
  addonEnabledLabel,
  addonNamespaceAnnotation,
  addonRoleArnAnnotation,
  addonServiceAccountAnnotation,
  ARGOCD_CHART,
  argoCdBootstrap,
  ARGOCD_NAMESPACE,
  BRIDGE_ANNOTATIONS,
  BRIDGE_LABELS,
  type ResolvedEnvironment,
  type ResolvedPlatform,
} from '@paved/shared-config';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import type { ClusterStack } from './cluster-stack';
import type { NetworkRefs, ZoneRef } from './network-stack';
import { PavedStack } from './paved-stack';
import { argoCdValues } from '../constructs/platform/argocd-values';
import { GitopsRepositoryCredentials, KubernetesProvider } from '../constructs/platform/gitops-repository-credentials';
import { helmValuesTemplate } from '../constructs/platform/helm-values';
import { escapeTemplateLiteral } from '../constructs/platform/terraform-template';

export interface PlatformStackProps {
  readonly platform: ResolvedPlatform;
  readonly environment: ResolvedEnvironment;
  readonly network: NetworkRefs;
  readonly zone: ZoneRef;
  readonly cluster: ClusterStack;
}

/**
 * `<env>-platform`: ArgoCD, installed with the helm provider (the only chart Terraform installs), and the GitOps
 * bridge: the in-cluster ArgoCD cluster Secret whose labels switch add-ons on and whose annotations carry what
 * Terraform knows (role ARNs, buckets, zone, VPC), keyed by the typed contract in shared-config.
 */
export class PlatformStack extends PavedStack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    const env = props.environment;
    super(scope, id, { platform: props.platform, account: env.account, region: env.region, tags: env.tags, environment: env.name });
    const eks = props.cluster.cluster.cluster;
    // Every string below reaches Terraform as a template: literals are escaped, references stay interpolations.
    const kubernetes = {
      host: eks.endpoint,
      clusterCaCertificate: Fn.base64decode(eks.certificateAuthority.get(0).data),
      // A fresh token at every plan and apply, from the caller's AWS credentials; nothing long-lived in state.
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', eks.name, '--region', env.region, ...(this.deployRoleArn ? ['--role-arn', this.deployRoleArn] : [])].map(escapeTemplateLiteral),
      },
    };
    new HelmProvider(this, 'helm', { kubernetes });
    const argocd = new Release(this, 'argocd', {
      name: 'argocd',
      namespace: ARGOCD_NAMESPACE,
      createNamespace: true,
      repository: ARGOCD_CHART.repoUrl,
      chart: ARGOCD_CHART.chart,
      version: ARGOCD_CHART.version,
      atomic: true,
      cleanupOnFail: true,
      timeout: 900,
      maxHistory: 10,
      // YAML text built here, not a yamlencode() expression: see helm-values.ts.
      values: [
        helmValuesTemplate(
          argoCdValues({
            profile: env.profile,
            domain: `argocd.${env.domain}`,
            clusterSecret: this.clusterSecret(props),
            bootstrap: argoCdBootstrap(props.platform, env),
          }),
        ),
      ],
    });
    const credentialsSecret = props.platform.gitops.credentialsSecret;
    if (credentialsSecret) {
      new GitopsRepositoryCredentials(this, 'gitops-repository', {
        secretName: credentialsSecret,
        repoUrl: props.platform.gitops.repoUrl,
        secretObjectName: `${env.naming.prefix}-gitops-repository`,
        labels: argoCdBootstrap(props.platform, env).root.metadata.labels,
        provider: new KubernetesProvider(this, 'kubernetes', kubernetes),
        dependsOn: [argocd],
      });
    }
  }

  private clusterSecret(props: PlatformStackProps): Record<string, unknown> {
    const { platform, environment: env, cluster } = props;
    const labels: Record<string, string> = {
      [BRIDGE_LABELS.secretType]: 'cluster',
      [BRIDGE_LABELS.environment]: env.name,
      [BRIDGE_LABELS.profile]: env.profile,
    };
    const A = BRIDGE_ANNOTATIONS;
    const annotations: Record<string, string> = {
      [A.awsRegion]: env.region,
      [A.awsAccountId]: env.account,
      [A.clusterName]: cluster.cluster.cluster.name,
      [A.vpcId]: props.network.vpcId,
      [A.environmentDomain]: env.domain,
      [A.hostedZoneId]: props.zone.zoneId,
      [A.gitopsRepoUrl]: platform.gitops.repoUrl,
      [A.gitopsRepoPath]: `${platform.gitops.path}/${env.name}`.replace(/^\/+/, ''),
      [A.gitopsRepoRevision]: platform.gitops.branch,
      [A.veleroBucket]: cluster.veleroBucket.name,
      [A.lokiBucket]: cluster.lokiBucket.name,
      [A.secretsPrefix]: env.naming.secretsPrefix(),
    };
    for (const addon of env.addons) {
      labels[addonEnabledLabel(addon.name)] = 'true';
      annotations[addonNamespaceAnnotation(addon.name)] = addon.namespace;
      const serviceAccount = ADDON_CATALOG[addon.name].awsServiceAccount;
      if (serviceAccount) {
        annotations[addonRoleArnAnnotation(addon.name)] = cluster.addonRoleArns[addon.name];
        annotations[addonServiceAccountAnnotation(addon.name)] = serviceAccount;
      }
    }
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${env.naming.prefix}-cluster`, namespace: ARGOCD_NAMESPACE, labels, annotations },
      type: 'Opaque',
      stringData: {
        name: env.cluster.name,
        server: 'https://kubernetes.default.svc',
        config: JSON.stringify({ tlsClientConfig: { insecure: false } }),
      },
    };
  }
}
