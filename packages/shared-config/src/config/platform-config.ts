import type { AddonSettings } from './addon-config';
import type { EnvironmentConfig } from './environment-config';
import type { ServiceConfig } from './service-config';
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
   * Account and region that hold the Terraform state bucket, the root hosted zone and the container registries.
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
   * Continuous integration that deploys the platform and pushes images (GitHub Actions through OIDC).
   * @default - repositories `<organization>/*` on GitHub
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
}

export interface CiConfig {
  /**
   * GitHub repositories (`owner/name`, `*` allowed for the name) whose workflows may assume the CI roles.
   * @default ['<organization>/*']
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
