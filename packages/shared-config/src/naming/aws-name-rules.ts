/** Length and charset limits of the AWS names Paved generates, from each service's API reference. */
export interface AwsNameRule {
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** What is allowed, in words, for error messages. */
  readonly allowed: string;
}

const lowerHyphen = (min: number, max: number, what: string): AwsNameRule => ({
  minLength: min,
  maxLength: max,
  // Starts with a letter, no double hyphen, no trailing hyphen (RDS and ElastiCache reject both).
  pattern: /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/,
  allowed: `${what}: lowercase letters, digits and single hyphens, starting with a letter, ${min}-${max} characters`,
});

export const AWS_NAME_RULES = {
  's3-bucket': {
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/,
    allowed: 'S3 bucket: lowercase letters, digits and single hyphens, 3-63 characters',
  },
  'rds-instance': lowerHyphen(1, 63, 'RDS instance identifier'),
  'rds-parameter-group': lowerHyphen(1, 255, 'RDS parameter group'),
  'rds-subnet-group': lowerHyphen(1, 255, 'RDS subnet group'),
  'elasticache-replication-group': lowerHyphen(1, 40, 'ElastiCache replication group id'),
  'elasticache-subnet-group': lowerHyphen(1, 255, 'ElastiCache subnet group'),
  'elasticache-parameter-group': lowerHyphen(1, 255, 'ElastiCache parameter group'),
  'msk-cluster': {
    minLength: 1,
    maxLength: 64,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*$/,
    allowed: 'MSK cluster: letters, digits and hyphens, starting with a letter, 1-64 characters',
  },
  'eks-cluster': {
    minLength: 1,
    maxLength: 100,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    allowed: 'EKS cluster: letters, digits, hyphens and underscores, 1-100 characters',
  },
  'eks-nodegroup': {
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    allowed: 'EKS node group: letters, digits, hyphens and underscores, 1-63 characters',
  },
  'iam-role': {
    minLength: 1,
    maxLength: 64,
    pattern: /^[\w+=,.@-]+$/,
    allowed: 'IAM role: letters, digits and +=,.@_- , 1-64 characters',
  },
  'iam-policy': {
    minLength: 1,
    maxLength: 128,
    pattern: /^[\w+=,.@-]+$/,
    allowed: 'IAM policy: letters, digits and +=,.@_- , 1-128 characters',
  },
  'ecr-repository': {
    minLength: 2,
    maxLength: 256,
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    allowed: 'ECR repository: lowercase letters and digits separated by . _ - or /, 2-256 characters',
  },
  'kms-alias': {
    minLength: 7,
    maxLength: 256,
    pattern: /^alias\/[a-zA-Z0-9/_-]+$/,
    allowed: 'KMS alias: alias/ followed by letters, digits and /_- , up to 256 characters',
  },
  'log-group': {
    minLength: 1,
    maxLength: 512,
    pattern: /^[\w.#/-]+$/,
    allowed: 'CloudWatch log group: letters, digits and ._-/# , 1-512 characters',
  },
  'secret': {
    minLength: 1,
    maxLength: 512,
    pattern: /^[\w/+=.@-]+$/,
    allowed: 'Secrets Manager secret: letters, digits and /_+=.@- , 1-512 characters',
  },
  'backup-vault': {
    minLength: 2,
    maxLength: 50,
    pattern: /^[a-zA-Z0-9_-]+$/,
    allowed: 'AWS Backup vault: letters, digits, hyphens and underscores, 2-50 characters',
  },
  'backup-plan': {
    minLength: 1,
    maxLength: 50,
    pattern: /^[a-zA-Z0-9_.-]+$/,
    allowed: 'AWS Backup plan: letters, digits and ._- , 1-50 characters',
  },
  'security-group': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    allowed: 'security group: 1-255 ASCII characters',
  },
  /** Names shown in the console (VPC, subnets, NAT gateways) through the `Name` tag. */
  'name-tag': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[\w .:/=+@-]+$/,
    allowed: 'Name tag: letters, digits, spaces and _.:/=+-@ , 1-255 characters',
  },
} as const satisfies Record<string, AwsNameRule>;

export type AwsNameKind = keyof typeof AWS_NAME_RULES;
