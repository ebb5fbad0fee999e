import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import {
  ADDON_CATALOG,
  addonEnabledLabel,
  addonNamespaceAnnotation,
  addonRoleArnAnnotation,
  addonServiceAccountAnnotation,
  ARGOCD_CAPABILITY_NAMESPACE,
  ARGOCD_CHART,
  argoCdBootstrap,
  argoCdDestinationServer,
  ARGOCD_NAMESPACE,
  BRIDGE_ANNOTATIONS,
  BRIDGE_LABELS,
  type ResolvedEnvironment,
  type ResolvedPlatform,
  ssoPlatformHosts,
  usesArgoCdCapability,
} from '@paved/shared-config';
import { Fn, type ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import type { ClusterStack } from './cluster-stack';
import type { NetworkRefs, ZoneRef } from './network-stack';
import { PavedStack } from './paved-stack';
import { ArgoCdCapability } from '../constructs/platform/argocd-capability';
import { ArgoCdCapabilityBootstrap } from '../constructs/platform/argocd-capability-bootstrap';
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
 * Terraform knows (role ARNs, buckets, zone, VPC), keyed by the typed contract in shared-config. With
 * `gitops.argocd: 'eks-capability'` the chart gives way to the EKS Capability for Argo CD (see ArgoCdCapability).
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
    const installed = usesArgoCdCapability(props.platform) ? this.capability(props) : this.helmRelease(props, kubernetes);
    const credentialsSecret = props.platform.gitops.credentialsSecret;
    if (credentialsSecret) {
      new GitopsRepositoryCredentials(this, 'gitops-repository', {
        secretName: credentialsSecret,
        repoUrl: props.platform.gitops.repoUrl,
        secretObjectName: `${env.naming.prefix}-gitops-repository`,
        labels: argoCdBootstrap(props.platform, env).root.metadata.labels,
        provider: new KubernetesProvider(this, 'kubernetes', kubernetes),
        dependsOn: [installed],
      });
    }
  }

  /**
   * `gitops.argocd: 'eks-capability'`: no chart. The capability, its role and cluster access, then the objects the
   * chart's `extraObjects` would have rendered, applied once the capability's CRDs exist.
   */
  private capability(props: PlatformStackProps): ITerraformDependable {
    const env = props.environment;
    const eks = props.cluster.cluster.cluster;
    const identityCenter = props.platform.gitops.identityCenter;
    if (!identityCenter) throw new Error(`${env.name}: gitops.argocd is 'eks-capability' without gitops.identityCenter (validation requires it)`);
    const argocd = new ArgoCdCapability(this, 'argocd-capability', {
      clusterName: eks.name,
      account: env.account,
      region: env.region,
      roleName: env.naming.name('iam-role', 'argocd-capability'),
      namespace: ARGOCD_CAPABILITY_NAMESPACE,
      identityCenter,
    });
    const bootstrap = argoCdBootstrap(props.platform, env);
    const namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ARGOCD_CAPABILITY_NAMESPACE, labels: { ...bootstrap.root.metadata.labels } },
    };
    return new ArgoCdCapabilityBootstrap(this, 'argocd-bootstrap', {
      clusterName: eks.name,
      region: env.region,
      deployRoleArn: this.deployRoleArn,
      objects: [namespace, this.clusterSecret(props), bootstrap.project, bootstrap.root],
      dependsOn: [argocd.capability, argocd.clusterAccess],
    }).resource;
  }

  /** `gitops.argocd: 'self-managed'`: the argo-cd chart, with the bridge and the bootstrap as `extraObjects`. */
  private helmRelease(props: PlatformStackProps, kubernetes: NonNullable<ConstructorParameters<typeof HelmProvider>[2]>['kubernetes']): Release {
    const env = props.environment;
    new HelmProvider(this, 'helm', { kubernetes });
    return new Release(this, 'argocd', {
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
            // Single sign-on needs the client secret that External Secrets brings into Argo CD's namespace (gitops-apps).
            ...(props.platform.sso && env.addons.some((a) => a.name === 'external-secrets') ? { sso: props.platform.sso } : {}),
            // The ALB serves the server at argocd.<env domain> (gitops-apps sso-platform-ingress.ts) and terminates TLS.
            ...(ssoPlatformHosts(props.platform, env).argocd ? { servedByAlb: true } : {}),
          }),
        ),
      ],
    });
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
        // The in-cluster URL self-managed; the cluster's ARN for the capability, which registers clusters by ARN.
        server: argoCdDestinationServer(platform, env),
        // The capability authenticates to clusters it knows by ARN itself: its documented cluster Secret has no config.
        ...(usesArgoCdCapability(platform) ? {} : { config: JSON.stringify({ tlsClientConfig: { insecure: false } }) }),
      },
    };
  }
}
