import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

export interface ServiceRepositoryProps {
  readonly repositoryName: string;
  readonly kmsKeyArn: string;
  /** Tagged images kept: 1 keeps only the newest; production keeps the newest plus some for rollback. */
  readonly imagesToKeep: number;
  readonly untaggedExpiryDays: number;
  /**
   * Accounts whose nodes pull from this repository (the environment's account when it is not the registry's).
   * @default - none
   */
  readonly pullAccounts?: readonly string[];
}

/** An ECR repository with immutable tags, scan on push, KMS encryption and a lifecycle policy. */
export class ServiceRepository extends Construct {
  readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props: ServiceRepositoryProps) {
    super(scope, id);
    this.repository = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.kmsKeyArn }],
    });
    const rules = [
      {
        rulePriority: 1,
        description: 'Expire untagged images',
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: props.untaggedExpiryDays },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: `Keep the ${props.imagesToKeep} newest images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.imagesToKeep },
        action: { type: 'expire' },
      },
    ];
    new EcrLifecyclePolicy(this, 'lifecycle', { repository: this.repository.name, policy: JSON.stringify({ rules }) });
    if (props.pullAccounts?.length) {
      const pull = policyDocument([
        {
          sid: 'PullFromEnvironmentAccounts',
          actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
          principals: [{ type: 'AWS', identifiers: props.pullAccounts.map((a) => `arn:aws:iam::${a}:root`) }],
        },
      ]);
      new EcrRepositoryPolicy(this, 'policy', { repository: this.repository.name, policy: pull.json });
    }
  }
}
