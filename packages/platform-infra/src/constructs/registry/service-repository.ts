import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

/**
 * Tags the service CI writes (`@paved/service-blueprint`, `ServiceWorkflow`): every main commit is pushed once, as
 * `build-<git sha>`, to the first environment's repository; promoting it to an environment writes the same digest as
 * `release-<git sha>` into that environment's repository before the GitOps change pins the digest there.
 */
export const BUILD_TAG_PATTERN = 'build-*';
export const RELEASE_TAG_PATTERN = 'release-*';

/**
 * Count of the rule that shields release images. ECR rules can only expire, so "keep" is a rule whose count is never
 * reached: one release per promotion would take decades to get there (the default quota is 100,000 images per
 * repository).
 */
export const RELEASES_SHIELDED = 10_000;

export interface ServiceRepositoryProps {
  readonly repositoryName: string;
  readonly kmsKeyArn: string;
  /**
   * Newest build images (`build-*`) kept, promoted or not; older builds expire unless they were promoted (they then
   * also carry a `release-*` tag, which no rule expires).
   */
  readonly buildsToKeep: number;
  /** Days before untagged images (interrupted pushes, replaced manifests) expire. */
  readonly untaggedExpiryDays: number;
  /**
   * Accounts whose nodes pull from this repository (the environment's account when it is not the registry's).
   * @default - none
   */
  readonly pullAccounts?: readonly string[];
}

/**
 * The lifecycle rules, lowest priority number first (ECR evaluates them in that order and keeps them sorted).
 *
 * Why no deployed image can expire: an environment's manifests pin a digest that was promoted into the environment's
 * repository, where the promotion tagged it `release-<sha>` first. Rule 2 selects every image with a `release-*` tag
 * and, by ECR's evaluation rules, an image that matches the tag filter of a rule cannot be expired by a rule of lower
 * priority, so rule 3 never expires a released image even in the first environment's repository, where a released
 * image also carries its `build-*` tag. Rule 2 itself expires nothing before 10,000 newer releases exist. Rule 1 sees
 * only untagged images, and images with any other tag (such as the plain `<sha>` tags earlier Paved CI pushed, which
 * environments may still pin) match no rule at all. No rule selects `tagStatus: any`.
 */
export function lifecycleRules(props: Pick<ServiceRepositoryProps, 'buildsToKeep' | 'untaggedExpiryDays'>): object[] {
  return [
    {
      rulePriority: 1,
      description: `Expire untagged images after ${props.untaggedExpiryDays} day(s)`,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: props.untaggedExpiryDays },
      action: { type: 'expire' },
    },
    {
      rulePriority: 2,
      description: 'Shield released images (release-*) from the rules below',
      selection: { tagStatus: 'tagged', tagPatternList: [RELEASE_TAG_PATTERN], countType: 'imageCountMoreThan', countNumber: RELEASES_SHIELDED },
      action: { type: 'expire' },
    },
    {
      rulePriority: 3,
      description: `Keep the ${props.buildsToKeep} newest builds (build-*); older unreleased builds expire`,
      selection: { tagStatus: 'tagged', tagPatternList: [BUILD_TAG_PATTERN], countType: 'imageCountMoreThan', countNumber: props.buildsToKeep },
      action: { type: 'expire' },
    },
  ];
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
    new EcrLifecyclePolicy(this, 'lifecycle', { repository: this.repository.name, policy: JSON.stringify({ rules: lifecycleRules(props) }) });
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
