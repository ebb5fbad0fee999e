/**
 * Every AWS region, by partition.
 *
 * Source: `botocore/data/partitions.json` and `endpoints.json` of botocore 1.43.11 (the partition data the AWS SDKs
 * share), cross-checked against the "AWS Region billing codes" page of the AWS documentation
 * (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html). Recorded 2026-12-03.
 * Pseudo-regions (`aws-global`, `aws-cn-global`, ...) are left out: nothing can be deployed there.
 *
 * A new region needs a line here; a typo such as `eu-west-9` or `xx-word-1` is rejected instead of reaching Terraform.
 */
export const AWS_REGIONS_BY_PARTITION = {
  'aws': [
    'af-south-1',
    'ap-east-1', 'ap-east-2',
    'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
    'ap-south-1', 'ap-south-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
    'ca-central-1', 'ca-west-1',
    'eu-central-1', 'eu-central-2',
    'eu-north-1',
    'eu-south-1', 'eu-south-2',
    'eu-west-1', 'eu-west-2', 'eu-west-3',
    'il-central-1',
    'me-central-1', 'me-south-1',
    'mx-central-1',
    'sa-east-1',
    'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  'aws-iso': ['us-iso-east-1', 'us-iso-west-1'],
  'aws-iso-b': ['us-isob-east-1', 'us-isob-west-1'],
  'aws-iso-e': ['eu-isoe-west-1'],
  'aws-iso-f': ['us-isof-east-1', 'us-isof-south-1'],
  'aws-eusc': ['eusc-de-east-1'],
} as const;

export type AwsPartition = keyof typeof AWS_REGIONS_BY_PARTITION;

/**
 * Partitions Paved can deploy to. The stacks write ARNs and service principals of the commercial partition
 * (`arn:aws:`), so a region of another partition would synthesize policies that AWS rejects there.
 */
export const SUPPORTED_PARTITIONS: readonly AwsPartition[] = ['aws'];

/** The partition of a region, or undefined when it is not an AWS region. */
export function partitionOf(region: string): AwsPartition | undefined {
  for (const [partition, regions] of Object.entries(AWS_REGIONS_BY_PARTITION)) {
    if ((regions as readonly string[]).includes(region)) return partition as AwsPartition;
  }
  return undefined;
}

/** Regions Paved deploys to. */
export const SUPPORTED_REGIONS: readonly string[] = SUPPORTED_PARTITIONS.flatMap((p) => AWS_REGIONS_BY_PARTITION[p]);
