import { partitionOf, SUPPORTED_PARTITIONS, SUPPORTED_REGIONS } from './aws-regions';
import { show } from './problem';
import { closest } from './schema';
import { array, boolean, type Check, integer, object, oneOf, optional, record, required, string } from './schema';
import { INGRESS_AUTH, ssoSchema, trafficFields } from './traffic-schema';
import { workloadFields } from './workload-schema';
import { ADDON_NAMES, RETIRED_ADDONS } from '../addons/catalog';
import { SUPPORTED_KAFKA_VERSIONS } from '../versions/supported-versions';

/** Field patterns, each with the words used when a value does not match. */
export const PATTERNS = {
  organization: {
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))+$/,
    maxLength: 12,
    allowed: 'lowercase letters, digits and single hyphens, starting with a letter, 2-12 characters',
  },
  environmentName: {
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    maxLength: 16,
    allowed: 'a DNS label: lowercase letters, digits and single hyphens, starting with a letter, at most 16 characters',
  },
  serviceName: {
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    maxLength: 30,
    allowed: 'a DNS label: lowercase letters, digits and single hyphens, starting with a letter, at most 30 characters',
  },
  domain: {
    pattern: /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    allowed: 'a lowercase DNS name such as acme.io',
  },
  account: { pattern: /^\d{12}$/, allowed: 'a 12-digit AWS account id' },
  region: { pattern: /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/, allowed: 'an AWS region such as eu-west-1' },
  cidr: { pattern: /^\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}$/, allowed: 'an IPv4 CIDR such as 10.0.0.0/16' },
  wafAclArn: {
    pattern: /^arn:aws(?:-[a-z]+)*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/,
    allowed: 'a regional WAFv2 web ACL ARN such as arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/<id>',
  },
  roleArn: {
    pattern: /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    allowed: 'an IAM role ARN such as arn:aws:iam::123456789012:role/Admin',
  },
  identityCenterInstanceArn: {
    pattern: /^arn:aws(?:-[a-z]+)*:sso:::instance\/(?:sso)?ins-[a-zA-Z0-9-.]{16}$/,
    allowed: 'an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1234567890abcdef',
  },
  identityStoreId: { pattern: /^[\w-]{1,47}$/, allowed: 'an IAM Identity Center group id such as 38414300-1041-708a-01af-5422d6091e34' },
  iamRoleName: { pattern: /^[\w+=,.@-]{1,64}$/, allowed: 'an IAM role name (letters, digits and +=,.@_-, at most 64 characters, no path)' },
  repoUrl: {
    pattern: /^(?:https:\/\/|ssh:\/\/|git@)[^\s]+$/,
    allowed: 'a Git URL starting with https://, ssh:// or git@',
  },
  githubRepository: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/,
    allowed: "one exact GitHub repository 'owner/name', no '*' or '?': list each repository that needs access",
  },
  gitRef: { pattern: /^(?!\/)(?!.*\.\.)[\w./-]+(?<!\/)$/, allowed: 'a Git branch name such as gitops' },
  // No `.` or `..` segment: the folder stays inside the repository (a `..` would write next to it).
  relativePath: {
    pattern: /^(?!(?:[^/]*\/)*\.\.?(?:\/|$))[\w.-]+(?:\/[\w.-]+)*$/,
    allowed: "a folder path inside the repository such as environments: no leading '/', no '.' or '..' segments",
  },
  instanceType: { pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, allowed: 'an EC2 instance type such as m6i.large' },
  dbInstanceClass: { pattern: /^db\.[a-z0-9-]+\.[a-z0-9]+$/, allowed: 'an RDS instance class such as db.t4g.micro' },
  cacheNodeType: { pattern: /^cache\.[a-z0-9-]+\.[a-z0-9]+$/, allowed: 'an ElastiCache node type such as cache.t4g.micro' },
  postgresVersion: { pattern: /^\d{2}(?:\.\d{1,2})?$/, allowed: 'a PostgreSQL version such as 16.6' },
  redisVersion: { pattern: /^\d\.\d$/, allowed: 'a Redis version such as 7.1' },
  mskInstanceType: { pattern: /^kafka\.[a-z0-9-]+\.[a-z0-9]+$/, allowed: 'an MSK broker type such as kafka.m7g.large' },
  // Kafka's own limit (249) and charset; `.` and `..` alone are refused by Kafka (the `kafka-topics` rule says so).
  kafkaTopic: { pattern: /^[a-zA-Z0-9._-]{1,249}$/, allowed: 'a Kafka topic name: letters, digits, ., _ and -, at most 249 characters' },
  kubernetesVersion: { pattern: /^1\.\d{2}$/, allowed: 'a Kubernetes minor version such as 1.34' },
  imageRepository: {
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    allowed: 'an image repository without tag, such as ghcr.io/acme/api',
  },
  imageTag: {
    pattern: /^(?:sha256:[a-f0-9]{64}|(?!latest$)[\w][\w.-]{0,127})$/,
    allowed: "a pinned tag such as 1.4.2 (never 'latest') or a digest sha256:<64 hex>",
  },
  cpu: { pattern: /^(?:[1-9]\d*m|\d+(?:\.\d+)?)$/, allowed: 'a CPU quantity such as 250m or 1' },
  memory: { pattern: /^[1-9]\d*(?:Mi|Gi)$/, allowed: 'a memory quantity such as 256Mi or 1Gi' },
  envVarName: { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'letters, digits and underscores, not starting with a digit' },
  httpPath: { pattern: /^\/[\w./~-]*$/, allowed: 'an absolute HTTP path such as /health' },
  host: {
    pattern: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
    allowed: 'a DNS label such as api, or a full host name inside the root domain',
  },
  secretName: { pattern: /^[\w+=.@-]+(?:\/[\w+=.@-]+)*$/, allowed: 'a Secrets Manager name such as api/jwt' },
  cron: {
    pattern: /^[\d*/,-]+(?:\s+[\d*/,-]+){4}$/,
    allowed: "a 5-field cron expression such as '0 3 * * *'",
  },
  chartVersion: {
    pattern: /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/,
    allowed: 'an exact chart version such as 1.16.3 (no ranges)',
  },
  labelValue: {
    pattern: /^(?:[A-Za-z0-9](?:[\w.-]{0,61}[A-Za-z0-9])?)?$/,
    allowed: 'a Kubernetes label value: up to 63 letters, digits and ._-',
  },
  labelKey: { pattern: /^(?:[a-z0-9.-]{1,253}\/)?[A-Za-z0-9](?:[\w.-]{0,61}[A-Za-z0-9])?$/, allowed: 'a Kubernetes label key' },
  date: { pattern: /^\d{4}-\d{2}-\d{2}$/, allowed: 'a date YYYY-MM-DD' },
  ruleId: { pattern: /^PAVED-[A-Z0-9]+(?:-[A-Z0-9]+)+$/, allowed: 'a Paved rule id such as PAVED-AWS-RDS-001' },
  teamName: { pattern: /^[\w .-]{1,63}$/, allowed: 'a team name of up to 63 letters, digits, spaces and ._-' },
  slackChannel: { pattern: /^#[\w.-]{1,80}$/, allowed: 'a Slack channel such as #alerts' },
  resourceAddress: { pattern: /^\S+$/, allowed: "a Terraform address, a manifest path, or '*'" },
  awsResourceName: {
    pattern: /^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    allowed: 'lowercase letters, digits and single hyphens, starting with a letter (the last part of <org>-<env>-<service>-<name>)',
  },
} as const;

const s = (p: { pattern: RegExp; allowed: string; maxLength?: number }) => string(p);

const AWS_RESOURCE_TYPES = ['bucket', 'queue', 'topic', 'table'];

/** A usage figure of `paved cost`: a finite number, zero or more (fractions allowed: 0.5 million requests). */
const monthlyAmount: Check = (value, path, out) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    out.error(path, `${show(value)} is not a number of zero or more`, 'a non-negative number such as 25 or 0.5');
  }
};

/** A region from the AWS region list, in a partition Paved deploys to: a well-formed typo is not a region. */
const awsRegion: Check = (value, path, out) => {
  if (typeof value !== 'string' || !PATTERNS.region.pattern.test(value)) {
    s(PATTERNS.region)(value, path, out);
    return;
  }
  const partition = partitionOf(value);
  if (partition === undefined) {
    const hint = closest(value, SUPPORTED_REGIONS);
    out.error(path, `${show(value)} is not an AWS region`, `${hint ? `did you mean '${hint}'? ` : ''}one of ${SUPPORTED_REGIONS.join(', ')}`);
  } else if (!SUPPORTED_PARTITIONS.includes(partition)) {
    out.error(
      path,
      `${show(value)} is a region of the ${partition} partition, which Paved does not deploy to (its stacks write arn:aws: ARNs)`,
      `a region of the ${SUPPORTED_PARTITIONS.join(', ')} partition such as eu-west-1`,
    );
  }
};

/** A folder inside the repository; an absolute path or a `..` segment is named as such. */
const repositoryPath: Check = (value, path, out) => {
  if (typeof value === 'string' && (value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value))) {
    out.error(path, `${show(value)} is an absolute path`, PATTERNS.relativePath.allowed);
  } else if (typeof value === 'string' && value.split(/[\\/]/).some((segment) => segment === '..')) {
    out.error(path, `${show(value)} climbs out of the repository with '..'`, PATTERNS.relativePath.allowed);
  } else {
    s(PATTERNS.relativePath)(value, path, out);
  }
};
const stringMap = (value: Check): Check =>
  record({ key: (key, path, out) => void s(PATTERNS.envVarName)(key, path, out), value });

const addonSetting = object({
  enabled: optional(boolean),
  version: optional(s(PATTERNS.chartVersion)),
});

const addonSettings: Check = record({
  key: (key, path, out) => {
    const retired = Object.hasOwn(RETIRED_ADDONS, key) ? RETIRED_ADDONS[key] : undefined;
    if (retired) {
      out.error(path, retired.reason, retired.instead);
    } else if (!(ADDON_NAMES as readonly string[]).includes(key)) {
      const hint = closest(key, ADDON_NAMES);
      out.error(path, `'${key}' is not a known add-on`, `${hint ? `did you mean '${hint}'? ` : ''}known add-ons: ${ADDON_NAMES.join(', ')}`);
    }
  },
  value: addonSetting,
});

const cidrList = array(s(PATTERNS.cidr), { min: 1 });

const network = object({
  vpcCidr: optional(s(PATTERNS.cidr)),
  azCount: optional(integer({ min: 2, max: 4, unit: 'availability zones' })),
  natGateways: optional(oneOf(['single', 'per-az'])),
  subnets: optional(
    object({ public: required(cidrList), private: required(cidrList), data: required(cidrList) }),
  ),
  existingVpc: optional(
    object({
      vpcId: required(s({ pattern: /^vpc-[0-9a-f]{8,17}$/, allowed: 'a VPC id such as vpc-0123456789abcdef0' })),
      publicSubnetIds: required(array(s({ pattern: /^subnet-[0-9a-f]{8,17}$/, allowed: 'a subnet id' }), { min: 2 })),
      privateSubnetIds: required(array(s({ pattern: /^subnet-[0-9a-f]{8,17}$/, allowed: 'a subnet id' }), { min: 2 })),
      dataSubnetIds: optional(array(s({ pattern: /^subnet-[0-9a-f]{8,17}$/, allowed: 'a subnet id' }), { min: 2 })),
    }),
  ),
  flowLogRetentionDays: optional(integer({ min: 1, max: 3653, unit: 'days' })),
});

const nodeGroup = object({
  name: required(s({ ...PATTERNS.serviceName })),
  instanceTypes: required(array(s(PATTERNS.instanceType), { min: 1, max: 20 })),
  minSize: required(integer({ min: 0, max: 450 })),
  maxSize: required(integer({ min: 1, max: 450 })),
  desiredSize: optional(integer({ min: 0, max: 450 })),
  capacityType: optional(oneOf(['on-demand', 'spot'])),
  diskSizeGiB: optional(integer({ min: 20, max: 16384, unit: 'GiB' })),
  labels: optional(record({ key: (k, p, o) => s(PATTERNS.labelKey)(k, p, o), value: s(PATTERNS.labelValue) })),
});

const cluster = object({
  compute: optional(oneOf(['managed-node-groups', 'auto-mode'])),
  kubernetesVersion: optional(s(PATTERNS.kubernetesVersion)),
  nodeGroups: optional(array(nodeGroup, { min: 1 })),
  endpointPublicAccess: optional(boolean),
  publicAccessCidrs: optional(array(s(PATTERNS.cidr))),
  logRetentionDays: optional(integer({ min: 1, max: 3653, unit: 'days' })),
});

const data = object({
  postgres: optional(
    object({
      enabled: optional(boolean),
      engineVersion: optional(s(PATTERNS.postgresVersion)),
      instanceClass: optional(s(PATTERNS.dbInstanceClass)),
      allocatedStorageGiB: optional(integer({ min: 20, max: 65536, unit: 'GiB' })),
      maxAllocatedStorageGiB: optional(integer({ min: 20, max: 65536, unit: 'GiB' })),
      multiAz: optional(boolean),
      backupRetentionDays: optional(integer({ min: 1, max: 35, unit: 'days' })),
      deletionProtection: optional(boolean),
      databaseName: optional(s({ pattern: /^[a-z][a-z0-9_]{0,62}$/, allowed: 'a database name: lowercase letters, digits and _' })),
    }),
  ),
  redis: optional(
    object({
      enabled: optional(boolean),
      engineVersion: optional(s(PATTERNS.redisVersion)),
      nodeType: optional(s(PATTERNS.cacheNodeType)),
      replicas: optional(integer({ min: 0, max: 5, unit: 'replicas' })),
      automaticFailover: optional(boolean),
      snapshotRetentionDays: optional(integer({ min: 0, max: 35, unit: 'days' })),
    }),
  ),
  kafka: optional(
    object({
      mode: required(oneOf(['serverless', 'provisioned'])),
      brokers: optional(integer({ min: 1, max: 30, unit: 'brokers' })),
      instanceType: optional(s(PATTERNS.mskInstanceType)),
      version: optional(oneOf(SUPPORTED_KAFKA_VERSIONS)),
      storageGiB: optional(integer({ min: 1, max: 16384, unit: 'GiB' })),
    }),
  ),
});

const environment = object({
  name: required(s(PATTERNS.environmentName)),
  profile: required(oneOf(['development', 'production'])),
  account: required(s(PATTERNS.account)),
  region: required(awsRegion),
  domain: optional(s(PATTERNS.domain)),
  network: optional(network),
  cluster: optional(cluster),
  data: optional(data),
  registry: optional(
    object({
      imagesToKeep: optional(integer({ min: 1, max: 1000, unit: 'images' })),
      untaggedExpiryDays: optional(integer({ min: 1, max: 365, unit: 'days' })),
    }),
  ),
  backups: optional(
    object({
      retentionDays: optional(integer({ min: 1, max: 36500, unit: 'days' })),
      veleroSchedule: optional(s(PATTERNS.cron)),
      veleroTtlHours: optional(integer({ min: 1, max: 87600, unit: 'hours' })),
    }),
  ),
  logs: optional(object({ retentionDays: optional(integer({ min: 1, max: 3653, unit: 'days' })) })),
  addons: optional(addonSettings),
  ingress: optional(
    object({
      api: optional(oneOf(['ingress', 'gateway'])),
      wafAclArn: optional(s(PATTERNS.wafAclArn)),
    }),
  ),
  // Stages (docs/stages.md): the `stage-*` rules check them against the host.
  runsOn: optional(s(PATTERNS.environmentName)),
  shared: optional(boolean),
  quota: optional(
    object({
      cpu: optional(s(PATTERNS.cpu)),
      memory: optional(s(PATTERNS.memory)),
      pods: optional(integer({ min: 1, max: 10000, unit: 'pods' })),
    }),
  ),
  deployers: optional(array(s(PATTERNS.roleArn), { max: 20 })),
});

const autoscaling = object({
  minReplicas: required(integer({ min: 1, max: 1000 })),
  maxReplicas: required(integer({ min: 1, max: 1000 })),
  targetCpuUtilization: optional(integer({ min: 10, max: 100, unit: 'percent' })),
});

const resources = object({ cpu: optional(s(PATTERNS.cpu)), memory: optional(s(PATTERNS.memory)) });

const service = object({
  name: required(s(PATTERNS.serviceName)),
  team: optional(s(PATTERNS.teamName)),
  runtime: optional(oneOf(['node', 'python', 'static-site'])),
  // Required unless `chart` is set: the `service-chart-or-image` rule says which one is missing.
  image: optional(object({ repository: optional(s(PATTERNS.imageRepository)), tag: required(s(PATTERNS.imageTag)) })),
  ...trafficFields(PATTERNS),
  ...workloadFields(PATTERNS),
  health: optional(object({ liveness: optional(s(PATTERNS.httpPath)), readiness: optional(s(PATTERNS.httpPath)) })),
  replicas: optional(integer({ min: 1, max: 1000 })),
  autoscaling: optional(autoscaling),
  resources: optional(resources),
  env: optional(stringMap(string({ allowed: 'a string value' }))),
  secrets: optional(
    stringMap(object({ secret: required(s(PATTERNS.secretName)), key: optional(s({ pattern: /^[\w.-]+$/, allowed: 'a JSON key' })) })),
  ),
  ingress: optional(
    object({
      host: required(s(PATTERNS.host)),
      path: optional(s(PATTERNS.httpPath)),
      visibility: optional(oneOf(['public', 'internal'])),
      auth: INGRESS_AUTH,
    }),
  ),
  dependsOn: optional(array(oneOf(['postgres', 'redis', 'kafka']))),
  kafka: optional(object({ topics: required(array(s(PATTERNS.kafkaTopic), { min: 1 })) })),
  ci: optional(
    object({
      repository: required(s(PATTERNS.githubRepository)),
      branch: optional(s(PATTERNS.gitRef)),
      // checked against environment names by the `service-ci-environments` rule
      promoteTo: optional(array(s(PATTERNS.environmentName))),
    }),
  ),
  // needs `ci.repository` and short enough names: the `service-aws-resources` rule; each resource's type, name length
  // and usage fields: the `service-aws-resource-declarations` rule
  awsResources: optional(object({
    types: required(array(oneOf(AWS_RESOURCE_TYPES), { min: 1 })),
    resources: optional(array(object({
      type: required(oneOf(AWS_RESOURCE_TYPES)),
      name: required(s(PATTERNS.awsResourceName)),
      usage: optional(object({
        storageGb: optional(monthlyAmount),
        requestsPerMonthMillions: optional(monthlyAmount),
        publishesPerMonthMillions: optional(monthlyAmount),
        readRequestUnitsPerMonthMillions: optional(monthlyAmount),
        writeRequestUnitsPerMonthMillions: optional(monthlyAmount),
      })),
    }))),
  })),
  environments: optional(
    record({
      key: () => undefined, // checked against environment names by the `service-environment-names` rule
      value: object({
        enabled: optional(boolean),
        imageTag: optional(s(PATTERNS.imageTag)),
        replicas: optional(integer({ min: 1, max: 1000 })),
        autoscaling: optional(autoscaling),
        resources: optional(resources),
        env: optional(stringMap(string({ allowed: 'a string value' }))),
        ingressHost: optional(s(PATTERNS.host)),
      }),
    }),
  ),
});

/** `ci.githubRepositories` was a list with wildcards that let every repository of the organization deploy. */
const removedGithubRepositories: Check = (_value, path, out) =>
  out.error(
    path,
    'was removed: a repository list (with wildcards) let every listed repository deploy',
    "write ci.platformRepository: 'owner/platform' and, per service, services[].ci: { repository: 'owner/name' }",
  );

/** The structure of a PlatformConfig. Semantic rules (ranges that depend on each other, uniqueness) run after it. */
export const PLATFORM_SCHEMA: Check = object({
  organization: required(s(PATTERNS.organization)),
  domain: required(s(PATTERNS.domain)),
  environments: required(array(environment, { min: 1, max: 20 })),
  services: optional(array(service)),
  management: optional(
    object({
      account: required(s(PATTERNS.account)),
      region: required(awsRegion),
      deployRoleName: optional(s(PATTERNS.iamRoleName)),
    }),
  ),
  dns: optional(
    object({ existingZoneId: optional(s({ pattern: /^Z[A-Z0-9]{1,31}$/, allowed: 'a Route53 hosted zone id such as Z0123456789ABC' })) }),
  ),
  gitops: required(
    object({
      repoUrl: required(s(PATTERNS.repoUrl)),
      branch: optional(s(PATTERNS.gitRef)),
      path: optional(repositoryPath),
      credentialsSecret: optional(s(PATTERNS.secretName)),
      argocd: optional(oneOf(['self-managed', 'eks-capability'])),
      identityCenter: optional(
        object({
          instanceArn: required(s(PATTERNS.identityCenterInstanceArn)),
          region: optional(awsRegion),
          adminGroupIds: optional(array(s(PATTERNS.identityStoreId))),
          viewerGroupIds: optional(array(s(PATTERNS.identityStoreId))),
        }),
      ),
    }),
  ),
  ci: optional(
    object({
      platformRepository: optional(s(PATTERNS.githubRepository)),
      managementEnvironment: optional(s(PATTERNS.environmentName)),
      githubRepositories: optional(removedGithubRepositories),
    }),
  ),
  alerting: optional(
    object({
      slack: optional(object({ channel: required(s(PATTERNS.slackChannel)), webhookSecret: optional(s(PATTERNS.secretName)) })),
    }),
  ),
  access: optional(
    object({
      roles: optional(
        array(
          object({
            roleArn: required(s(PATTERNS.roleArn)),
            access: required(oneOf(['admin', 'edit', 'view'])),
            environments: optional(array(s(PATTERNS.environmentName), { min: 1 })),
          }),
        ),
      ),
      deployerClusterAdmin: optional(boolean),
      managementDeployerRoleArn: optional(s(PATTERNS.roleArn)),
    }),
  ),
  addons: optional(addonSettings),
  sso: optional(ssoSchema(PATTERNS)),
  waivers: optional(
    array(
      object({
        rule: required(s(PATTERNS.ruleId)),
        resource: required(s(PATTERNS.resourceAddress)),
        reason: required(s({ pattern: /\S.{9,}/, allowed: 'a reason of at least 10 characters' })),
        expires: required(s(PATTERNS.date)),
      }),
    ),
  ),
});
