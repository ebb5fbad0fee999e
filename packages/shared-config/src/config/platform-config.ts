import type { AddonSettings } from './addon-config';
import type { EnvironmentConfig } from './environment-config';
import type { ServiceConfig } from './service-config';
import type { SsoConfig } from './service-traffic-config';
import type { WaiverConfig } from './waiver-config';

/**
 * The whole platform, as a platform engineer writes it in `platform.config.ts`.
 *
 * Everything Paved synthesizes (Terraform, GitOps manifests, docs) is derived from this one object. It is plain data:
 * no functions, no classes, so it can also be written as JSON.
 */
export interface PlatformConfig {
  /**
   * Short DNS-safe name of the organization; the first part of every physical name (`<org>-<env>-<component>`).
   * Lowercase letters, digits and hyphens, 2 to 12 characters, starting with a letter.
   */
  readonly organization: string;

  /** Root DNS domain the organization owns, such as `acme.io`. Every ingress host lives under it. */
  readonly domain: string;

  /** The environments, in promotion order (for example dev, staging, prod). Names are free-form DNS labels. */
  readonly environments: readonly EnvironmentConfig[];

  /** The services catalog. A service runs in every environment unless an environment override disables it. */
  readonly services?: readonly ServiceConfig[];

  /**
   * Account and region that hold the Terraform state bucket, the root hosted zone and the container registries; its
   * credentials deploy every account.
   * @default - the account and region of the environment serving the root domain, else of the first production
   * environment, else of the first environment
   */
  readonly management?: ManagementConfig;

  /**
   * The root hosted zone.
   * @default - a new public hosted zone for `domain` in the management account
   */
  readonly dns?: DnsConfig;

  /** Where ArgoCD reads the rendered manifests from. */
  readonly gitops: GitopsConfig;

  /**
   * Continuous integration that deploys the platform (GitHub Actions through OIDC). Services name their own
   * repository in `services[].ci`.
   * @default - the platform repository `<organization>/platform`
   */
  readonly ci?: CiConfig;

  /**
   * Where alerts go.
   * @default - alerts are kept in Alertmanager only (no receiver)
   */
  readonly alerting?: AlertingConfig;

  /**
   * Who may administer the clusters, through EKS access entries.
   * @default - no access entries besides the Terraform caller
   */
  readonly access?: AccessConfig;

  /**
   * The identity provider of `ingress.auth: 'sso'` (oauth2-proxy), the same in every environment.
   * @default - none: no service may use `ingress.auth: 'sso'`
   */
  readonly sso?: SsoConfig;

  /**
   * Platform add-ons switched on or off and pinned for every environment. Environments can override each entry.
   * @default - the add-ons of each environment's profile, at the versions of Paved's version table
   */
  readonly addons?: AddonSettings;

  /**
   * Waivers for guardrail findings: each names a rule, a resource, a reason and an expiry date.
   * @default - none
   */
  readonly waivers?: readonly WaiverConfig[];
}

export interface ManagementConfig {
  /** 12-digit AWS account id. */
  readonly account: string;
  /** AWS region, such as `eu-west-1`. */
  readonly region: string;
  /**
   * Name of the IAM role that Paved assumes in every other account of the platform. Paved runs with the management
   * account's credentials only: the AWS provider of every stack in another account, and the helm provider's
   * `aws eks get-token`, assume `arn:aws:iam::<account>:role/<deployRoleName>`. The role must trust the management
   * account and allow what the stacks create. The default is the role AWS Organizations creates in each account it
   * creates (an account that joined by invitation has to create it); name a narrower role of your own here.
   * @default 'OrganizationAccountAccessRole'
   */
  readonly deployRoleName?: string;
}

export interface DnsConfig {
  /**
   * Use this existing hosted zone for `domain` instead of creating one (bring your own zone).
   * @default - a new hosted zone is created
   */
  readonly existingZoneId?: string;
}

export interface GitopsConfig {
  /** Git URL ArgoCD clones, such as `https://github.com/acme/platform-gitops.git`. */
  readonly repoUrl: string;
  /**
   * Branch that holds the rendered manifests.
   * @default 'gitops'
   */
  readonly branch?: string;
  /**
   * Folder of the branch under which each environment has its own folder.
   * @default 'environments'
   */
  readonly path?: string;
  /**
   * Name of a Secrets Manager secret (in each environment's account and region) that lets ArgoCD read a private
   * repository: a JSON object with either `sshPrivateKey` (a deploy key, for `ssh://` or `git@` URLs) or
   * `githubAppID`, `githubAppInstallationID` and `githubAppPrivateKey` (a GitHub App, for `https://` URLs). Terraform
   * copies it into an ArgoCD repository Secret with write-only arguments: it never enters git or Terraform state.
   * @default - none: the repository is public
   */
  readonly credentialsSecret?: string;
  /**
   * Who runs ArgoCD. `self-managed`: Terraform installs the argo-cd Helm chart into each cluster. `eks-capability`:
   * the EKS Capability for Argo CD (AWS-managed, runs outside the cluster; see docs/gitops.md for what it lacks).
   * @default 'self-managed'
   */
  readonly argocd?: ArgoCdMode;
  /**
   * IAM Identity Center instance that signs users in to the managed Argo CD (the capability supports no other SSO).
   * Required with `argocd: 'eks-capability'`, unused otherwise.
   * @default - none
   */
  readonly identityCenter?: IdentityCenterConfig;
}

/** Who runs ArgoCD: the Helm chart Terraform installs, or the EKS Capability for Argo CD. */
export type ArgoCdMode = 'self-managed' | 'eks-capability';

export interface IdentityCenterConfig {
  /** ARN of the IAM Identity Center instance, `arn:aws:sso:::instance/ssoins-<16 hex>`. */
  readonly instanceArn: string;
  /**
   * Region of the Identity Center instance.
   * @default - the environment's region
   */
  readonly region?: string;
  /**
   * Identity Center group ids mapped to the capability's ADMIN role.
   * @default - none: map users in the EKS console
   */
  readonly adminGroupIds?: readonly string[];
  /**
   * Identity Center group ids mapped to the capability's VIEWER role.
   * @default - none
   */
  readonly viewerGroupIds?: readonly string[];
}

export interface CiConfig {
  /**
   * The one GitHub repository (`owner/name`, exact: no `*` or `?`) that may plan and deploy the platform: its pull
   * requests assume the plan roles, its jobs bound to the GitHub environment `<env>` the deploy role of that
   * environment's account.
   * @default '<organization>/platform'
   */
  readonly platformRepository?: string;
  /**
   * GitHub environment of the platform repository whose jobs deploy the platform-wide stacks (`shared`) with the
   * management account's deploy role; its protection rules decide who may.
   * @default 'management'
   */
  readonly managementEnvironment?: string;
  /**
   * Removed: a list with wildcards let every repository of the organization deploy. Use `platformRepository` and
   * `services[].ci.repository`; validation rejects this field with that advice.
   * @deprecated
   * @default - none (rejected when set)
   */
  readonly githubRepositories?: readonly string[];
}

export interface AlertingConfig {
  /** Alertmanager routes alerts to a Slack channel. @default - no Slack receiver */
  readonly slack?: SlackAlertingConfig;
}

export interface SlackAlertingConfig {
  /** Channel name, with the leading `#`. */
  readonly channel: string;
  /**
   * Name of the Secrets Manager secret (relative to the environment's secret prefix) that holds the webhook URL.
   * The URL never appears in configuration or in Git.
   * @default 'alerting/slack-webhook'
   */
  readonly webhookSecret?: string;
}

export interface AccessConfig {
  /** IAM roles (for example AWS IAM Identity Center permission-set roles) granted cluster access. */
  readonly roles?: readonly AccessRoleConfig[];
  /**
   * Give the principal Terraform runs as cluster admin on every cluster (an EKS access entry with
   * AmazonEKSClusterAdminPolicy). Clusters grant no implicit admin to their creator, and the helm provider that
   * installs ArgoCD authenticates as this principal: in an account other than the management account it is the
   * assumed deploy role (`management.deployRoleName`), in the management account it is
   * `access.managementDeployerRoleArn`. Set false only when that principal gets its access some other way: without it
   * the `<env>-platform` stack cannot install ArgoCD, and validation warns for every environment that no admin role of
   * `access.roles` covers.
   * @default true
   */
  readonly deployerClusterAdmin?: boolean;
  /**
   * ARN of the IAM role your management-account credentials are (for example the IAM Identity Center permission-set
   * role you sign in with, `arn:aws:iam::<management>:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_...`,
   * or the CI deploy role). In the management account Terraform assumes no role: it runs as these credentials, so
   * clusters there can only give the deployer cluster admin when the config names its role. Must be a role of the
   * management account.
   * @default - no deployer entry on clusters of the management account: an admin role of `access.roles` must cover
   * them (validation warns otherwise)
   */
  readonly managementDeployerRoleArn?: string;
}

export type ClusterAccessLevel = 'admin' | 'edit' | 'view';

export interface AccessRoleConfig {
  /** ARN of the IAM role, such as `arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef`. */
  readonly roleArn: string;
  /** Kubernetes access granted to the role. */
  readonly access: ClusterAccessLevel;
  /**
   * Environments where the role gets access.
   * @default - every environment
   */
  readonly environments?: readonly string[];
}
