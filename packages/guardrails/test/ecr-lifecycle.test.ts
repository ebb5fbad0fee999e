import { ALL_RULES, runChecks, type CheckInput } from '../src';

/**
 * PAVED-AWS-ECR-004 over hand-made `shared` stacks: one repository and its lifecycle policy. A policy passes when every
 * rule that selects tagged images names them with a tagPatternList (the Paved policy: build-* expires beyond a count,
 * release-* is shielded); it fails when a rule could expire the image an environment runs.
 */
const RULE = 'PAVED-AWS-ECR-004';
const ADDRESS = 'shared:aws_ecr_repository.repo';

const UNTAGGED = {
  rulePriority: 1,
  description: 'Expire untagged images after 1 day(s)',
  selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
  action: { type: 'expire' },
};
const RELEASES = {
  rulePriority: 2,
  description: 'Shield released images (release-*) from the rules below',
  selection: { tagStatus: 'tagged', tagPatternList: ['release-*'], countType: 'imageCountMoreThan', countNumber: 10000 },
  action: { type: 'expire' },
};
const BUILDS = {
  rulePriority: 3,
  description: 'Keep the 4 newest builds (build-*); older unreleased builds expire',
  selection: { tagStatus: 'tagged', tagPatternList: ['build-*'], countType: 'imageCountMoreThan', countNumber: 4 },
  action: { type: 'expire' },
};

function input(policy: unknown | undefined): CheckInput {
  const resource: Record<string, unknown> = {
    aws_ecr_repository: {
      repo: {
        name: 'northwind-prod-api',
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
        encryption_configuration: [{ encryption_type: 'KMS', kms_key: 'arn:aws:kms:eu-west-1:345678901234:key/k' }],
      },
    },
  };
  if (policy !== undefined) {
    resource.aws_ecr_lifecycle_policy = {
      lifecycle: { repository: '${aws_ecr_repository.repo.name}', policy: typeof policy === 'string' ? policy : JSON.stringify(policy) },
    };
  }
  return {
    environments: [{ name: 'prod', profile: 'production' }],
    stacks: [{ name: 'shared', file: 'terraform/stacks/shared/cdk.tf.json', json: { resource } }],
    documents: [],
  };
}

function findings(policy: unknown | undefined): string[] {
  const report = runChecks(input(policy), { rules: ALL_RULES.filter((r) => r.id === RULE), today: '2026-12-03' });
  return report.findings.filter((f) => f.ruleId === RULE && f.address === ADDRESS).map((f) => f.problem);
}

describe(`${RULE}: ECR lifecycle policies cannot expire a deployed image`, () => {
  test('passes the Paved policy: untagged images, build-* beyond a count, release-* shielded', () => {
    expect(findings({ rules: [UNTAGGED, RELEASES, BUILDS] })).toEqual([]);
  });

  test('fails without a lifecycle policy', () => {
    expect(findings(undefined)).toEqual(['no aws_ecr_lifecycle_policy refers to this repository']);
  });

  test('fails the count rule over every image that Paved shipped before (tagStatus any)', () => {
    const any = {
      rulePriority: 2,
      description: 'Keep the 4 newest images',
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 4 },
      action: { type: 'expire' },
    };
    expect(findings({ rules: [UNTAGGED, any] })).toEqual([
      'rule 2 (Keep the 4 newest images) selects every image (tagStatus any): it can expire an image an environment runs',
    ]);
  });

  test.each<[string, Record<string, unknown>]>([
    ['a tagPrefixList only', { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 4 }],
    ['a pattern of wildcards only', { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 30 }],
    ['an empty tagPatternList', { tagStatus: 'tagged', tagPatternList: [], countType: 'imageCountMoreThan', countNumber: 4 }],
  ])('fails a rule over tagged images with %s', (_name, selection) => {
    const rule = { rulePriority: 4, selection, action: { type: 'expire' } };
    expect(findings({ rules: [UNTAGGED, RELEASES, BUILDS, rule] })).toEqual([
      'rule 4 selects tagged images without a tagPatternList: it can expire an image an environment runs',
    ]);
  });

  test('archiving (transition) counts too: an archived image cannot be pulled', () => {
    const archive = {
      rulePriority: 4,
      selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 90 },
      action: { type: 'transition', targetStorageClass: 'archive' },
    };
    expect(findings({ rules: [UNTAGGED, archive] })).toHaveLength(1);
  });

  test('a policy that cannot be read statically fails rather than passing unseen', () => {
    expect(findings('${file("lifecycle.json")}')).toEqual(['the lifecycle policy cannot be read statically ("${file(\\"lifecycle.json\\")}")']);
    expect(findings('{ not json')).toEqual(['the lifecycle policy is not valid JSON']);
  });

  test('is an error in production', () => {
    const report = runChecks(input({ rules: [UNTAGGED, { ...BUILDS, selection: { ...BUILDS.selection, tagPatternList: undefined } }] }), {
      rules: ALL_RULES,
      today: '2026-12-03',
    });
    expect(report.findings.filter((f) => f.ruleId === RULE).map((f) => f.severity)).toEqual(['error']);
    expect(report.ok).toBe(false);
  });
});
