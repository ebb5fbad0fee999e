import type { WaiverConfig } from '@paved/shared-config';
import type { CheckInput } from '../src/engine/check-input';
import { runChecks, type Finding } from '../src/engine/run-checks';
import type { ManifestDocument } from '../src/model/manifests';
import type { TerraformStackInput } from '../src/model/terraform';
import { ALWAYS, checkov, DEV_WARNING, kubeLinter, type Level, PROD_ONLY, type Rule, type RuleContext, type SeverityByProfile, type Violations } from '../src/rule';
import { manifestRule, terraformRule } from '../src/rules/define';

/**
 * The check engine with hand-made rules (not the real rule set): which rules run for which profile, what a finding
 * holds, how findings are ordered and counted, and how waivers apply. Written for mutation testing: each assertion
 * pins one decision of `runChecks`.
 */

const TODAY = '2026-12-03';

/** A Terraform rule over `aws_thing` whose verdict is the resource's `problems` attribute. */
function tfRule(id: string, severity: SeverityByProfile = ALWAYS, seen?: RuleContext[]): Rule {
  return terraformRule({
    id,
    title: `${id} title`,
    severity,
    mirrors: [checkov('CKV_AWS_1'), kubeLinter('latest-tag')],
    fix: `${id} fix`,
    rationale: `${id} rationale`,
    resourceTypes: ['aws_thing', 'aws_other_thing'],
    check: (resource, context) => {
      seen?.push(context);
      return resource.attrs.problems as Violations;
    },
  });
}

/** A manifest rule over Deployments whose verdict is the document's `problems` field. */
function k8sRule(id: string, severity: SeverityByProfile = ALWAYS, seen?: RuleContext[]): Rule {
  return manifestRule({
    id,
    title: `${id} title`,
    severity,
    mirrors: [],
    fix: `${id} fix`,
    rationale: `${id} rationale`,
    kinds: ['Deployment'],
    check: (document, context) => {
      seen?.push(context);
      return document.object.problems as Violations;
    },
  });
}

function stack(
  name: string,
  environment: string | undefined,
  things: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): TerraformStackInput {
  return { name, environment, file: `terraform/stacks/${name}/cdk.tf.json`, json: { resource: { aws_thing: things }, ...extra } };
}

function doc(environment: string, name: string, problems?: Violations, file = `gitops/${environment}/apps.yaml`, kind = 'Deployment'): ManifestDocument {
  return {
    environment,
    file,
    line: 3,
    apiVersion: 'apps/v1',
    kind,
    name,
    namespace: 'svc',
    address: `${file}#${kind}/svc/${name}`,
    object: { apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'svc' }, problems },
  };
}

const ENVIRONMENTS = [
  { name: 'prod', profile: 'production' as const },
  { name: 'dev', profile: 'development' as const },
];

function check(input: Partial<CheckInput>, rules: readonly Rule[], waivers?: WaiverConfig[], today = TODAY) {
  return runChecks({ environments: ENVIRONMENTS, stacks: [], documents: [], ...input }, { rules, waivers, today });
}

const waiver = (rule: string, resource: string, expires = TODAY, reason = 'accepted'): WaiverConfig => ({ rule, resource, reason, expires });

describe('profiles and enabled rules', () => {
  test('each subject is checked with the profile of its environment; unknown or missing environments are production', () => {
    const seen: RuleContext[] = [];
    const stacks = [
      stack('a', 'prod', { x: {} }),
      stack('b', 'dev', { x: {} }),
      stack('c', undefined, { x: {} }),
      stack('d', 'qa', { x: {} }),
    ];
    check({ stacks, documents: [doc('dev', 'w'), doc('staging', 'v')] }, [tfRule('PAVED-AWS-T-001', ALWAYS, seen), k8sRule('PAVED-K8S-T-001', ALWAYS, seen)]);
    expect(seen.map((c) => [c.environment, c.profile])).toEqual([
      ['prod', 'production'],
      ['dev', 'development'],
      [undefined, 'production'],
      ['qa', 'production'],
      ['dev', 'development'],
      ['staging', 'production'],
    ]);
    expect(seen[0].terraform.stacks).toHaveLength(4);
    expect(seen[0].manifests.documents).toHaveLength(2);
  });

  test('a rule runs only when it is on for a profile that is present (stacks or documents)', () => {
    const rules = [
      tfRule('PAVED-AWS-P-001', PROD_ONLY),
      tfRule('PAVED-AWS-D-001', { production: 'off', development: 'warning' }),
      k8sRule('PAVED-K8S-P-001', PROD_ONLY),
      k8sRule('PAVED-ARGO-O-001', { production: 'off', development: 'off' }),
    ];
    const devOnly = check({ stacks: [stack('b', 'dev', { x: { problems: 'p' } })] }, rules);
    expect(devOnly.summary).toMatchObject({ rules: 1, awsRules: 1, kubernetesRules: 0, evaluations: 1 });
    expect(devOnly.findings.map((f) => [f.ruleId, f.severity])).toEqual([['PAVED-AWS-D-001', 'warning']]);

    const devDocument = check({ documents: [doc('dev', 'w', 'p')] }, rules);
    expect(devDocument.summary).toMatchObject({ rules: 1, awsRules: 1, kubernetesRules: 0, evaluations: 0 });

    const prodDocument = check({ documents: [doc('prod', 'w', 'p')] }, rules);
    expect(prodDocument.summary).toMatchObject({ rules: 2, awsRules: 1, kubernetesRules: 1, evaluations: 1 });
    expect(prodDocument.findings.map((f) => [f.ruleId, f.severity])).toEqual([['PAVED-K8S-P-001', 'error']]);

    const nothing = check({}, rules);
    expect(nothing.summary).toMatchObject({ rules: 0, awsRules: 0, kubernetesRules: 0, evaluations: 0 });
  });

  test('a rule off for one profile skips that profile subjects while still checking the other', () => {
    const rules = [tfRule('PAVED-AWS-P-001', PROD_ONLY), k8sRule('PAVED-K8S-P-001', PROD_ONLY)];
    const report = check(
      { stacks: [stack('a', 'prod', { x: { problems: 'p' } }), stack('b', 'dev', { x: { problems: 'p' } })], documents: [doc('prod', 'w', 'p'), doc('dev', 'w', 'p')] },
      rules,
    );
    expect(report.summary.evaluations).toBe(2);
    expect(report.findings.map((f) => f.address)).toEqual(['a:aws_thing.x', 'gitops/prod/apps.yaml#Deployment/svc/w']);
  });

  test('the severity of a finding is the level of its profile', () => {
    const report = check(
      { stacks: [stack('a', 'prod', { x: { problems: 'p' } }), stack('b', 'dev', { x: { problems: 'p' } })], documents: [doc('dev', 'w', 'p')] },
      [tfRule('PAVED-AWS-W-001', DEV_WARNING), k8sRule('PAVED-K8S-W-001', DEV_WARNING)],
    );
    expect(report.findings.map((f) => [f.address, f.severity])).toEqual([
      ['a:aws_thing.x', 'error'],
      ['b:aws_thing.x', 'warning'],
      ['gitops/dev/apps.yaml#Deployment/svc/w', 'warning'],
    ]);
  });
});

describe('subjects and findings', () => {
  test('only managed resources of the rule types and documents of the rule kinds are evaluated', () => {
    const tf = stack('a', 'prod', { x: { problems: 'p' } }, {
      data: { aws_thing: { d: { problems: 'data' } } },
    });
    const extra: TerraformStackInput = { ...tf, json: { ...tf.json, resource: { aws_thing: { x: { problems: 'p' } }, aws_unrelated: { u: { problems: 'u' } }, aws_other_thing: { o: {} } } } };
    const report = check({ stacks: [extra], documents: [doc('prod', 'w', 'p'), doc('prod', 's', 'p', undefined, 'Service')] }, [tfRule('PAVED-AWS-T-001'), k8sRule('PAVED-K8S-T-001')]);
    expect(report.summary).toMatchObject({ evaluations: 3, resources: 3, stacks: 1, documents: 2 });
    expect(report.findings.map((f) => f.address)).toEqual(['a:aws_thing.x', 'gitops/prod/apps.yaml#Deployment/svc/w']);
  });

  test('a finding holds the rule, the subject and one problem', () => {
    const tf: TerraformStackInput = {
      name: 'prod-data',
      environment: 'prod',
      file: 'terraform/stacks/prod-data/cdk.tf.json',
      json: { resource: { aws_thing: { db: { problems: 'unencrypted' } } } },
      text: '{\n  "resource": {\n    "aws_thing": {\n      "db": {\n        "problems": "unencrypted"\n      }\n    }\n  }\n}\n',
    };
    const report = check({ stacks: [tf], documents: [doc('dev', 'w', ['one'])] }, [tfRule('PAVED-AWS-T-001'), k8sRule('PAVED-K8S-T-001', DEV_WARNING)]);
    expect(report.findings).toEqual<Finding[]>([
      {
        ruleId: 'PAVED-AWS-T-001',
        title: 'PAVED-AWS-T-001 title',
        severity: 'error',
        address: 'prod-data:aws_thing.db',
        file: 'terraform/stacks/prod-data/cdk.tf.json',
        line: 4,
        environment: 'prod',
        profile: 'production',
        problem: 'unencrypted',
        fix: 'PAVED-AWS-T-001 fix',
        mirrors: ['CKV_AWS_1', 'kl latest-tag'],
      },
      {
        ruleId: 'PAVED-K8S-T-001',
        title: 'PAVED-K8S-T-001 title',
        severity: 'warning',
        address: 'gitops/dev/apps.yaml#Deployment/svc/w',
        file: 'gitops/dev/apps.yaml',
        line: 3,
        environment: 'dev',
        profile: 'development',
        problem: 'one',
        fix: 'PAVED-K8S-T-001 fix',
        mirrors: [],
      },
    ]);
    expect(report.findings[0]).not.toHaveProperty('waiver');
  });

  test.each<[string, Violations, string[]]>([
    ['undefined', undefined, []],
    ['an empty string', '', []],
    ['an empty list', [], []],
    ['a string', 'one', ['one']],
    ['a list', ['one', 'two'], ['one', 'two']],
  ])('a verdict of %s gives one finding per problem', (_, problems, expected) => {
    const report = check({ stacks: [stack('a', 'prod', { x: { problems } })], documents: [doc('prod', 'w', problems)] }, [tfRule('PAVED-AWS-T-001'), k8sRule('PAVED-K8S-T-001')]);
    expect(report.summary.evaluations).toBe(2);
    expect(report.findings.filter((f) => f.ruleId === 'PAVED-AWS-T-001').map((f) => f.problem)).toEqual(expected);
    expect(report.findings.filter((f) => f.ruleId === 'PAVED-K8S-T-001').map((f) => f.problem)).toEqual(expected);
  });

  test('findings are sorted by severity, then rule id, address and problem', () => {
    const rules = [tfRule('PAVED-AWS-B-001', DEV_WARNING), tfRule('PAVED-AWS-A-001', DEV_WARNING)];
    const report = check({ stacks: [stack('dev', 'dev', { z: { problems: ['q', 'p'] }, y: { problems: 'p' } }), stack('prod', 'prod', { z: { problems: 'p' } })] }, rules);
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.address} ${f.problem}`)).toEqual([
      'error PAVED-AWS-A-001 prod:aws_thing.z p',
      'error PAVED-AWS-B-001 prod:aws_thing.z p',
      'warning PAVED-AWS-A-001 dev:aws_thing.y p',
      'warning PAVED-AWS-A-001 dev:aws_thing.z p',
      'warning PAVED-AWS-A-001 dev:aws_thing.z q',
      'warning PAVED-AWS-B-001 dev:aws_thing.y p',
      'warning PAVED-AWS-B-001 dev:aws_thing.z p',
      'warning PAVED-AWS-B-001 dev:aws_thing.z q',
    ]);
  });
});

describe('waivers in a run', () => {
  const RULE = 'PAVED-AWS-T-001';
  const input = { stacks: [stack('s', 'prod', { b: { problems: ['one', 'two'] }, a: { problems: 'one' }, c: {} })] };

  test('the first matching waiver that has not expired waives the finding; matched addresses are listed once, sorted', () => {
    const expired = waiver(RULE, 's:*', '2026-12-02', 'old');
    const first = waiver(RULE, 's:aws_thing.*', TODAY, 'first');
    const second = waiver(RULE, '*', TODAY, 'second');
    const report = check(input, [tfRule(RULE)], [expired, first, second]);
    expect(report.findings.map((f) => [f.address, f.waiver?.reason])).toEqual([
      ['s:aws_thing.a', 'first'],
      ['s:aws_thing.b', 'first'],
      ['s:aws_thing.b', 'first'],
    ]);
    expect(report.waivers).toEqual([
      { waiver: expired, state: 'expired', addresses: ['s:aws_thing.a', 's:aws_thing.b'] },
      { waiver: first, state: 'applied', addresses: ['s:aws_thing.a', 's:aws_thing.b'] },
      { waiver: second, state: 'applied', addresses: ['s:aws_thing.a', 's:aws_thing.b'] },
    ]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, waived: 3 });
    expect(report.ok).toBe(false); // the expired waiver
  });

  test('a waiver for one address waives only that finding; the rest still fail', () => {
    const report = check(input, [tfRule(RULE)], [waiver(RULE, 's:aws_thing.a')]);
    expect(report.findings.map((f) => [f.address, f.waiver === undefined])).toEqual([
      ['s:aws_thing.a', false],
      ['s:aws_thing.b', true],
      ['s:aws_thing.b', true],
    ]);
    expect(report.summary).toMatchObject({ errors: 2, warnings: 0, waived: 1 });
    expect(report.waivers[0]).toMatchObject({ state: 'applied', addresses: ['s:aws_thing.a'] });
    expect(report.ok).toBe(false);
  });

  test('waiver states: an unknown rule beats expiry, expiry beats use, a rule that is off is still known', () => {
    const offRule = tfRule('PAVED-AWS-OFF-001', { production: 'off', development: 'off' });
    const unknownAndExpired = waiver('PAVED-AWS-NOPE-001', '*', '2020-01-01');
    const unusedOff = waiver('PAVED-AWS-OFF-001', '*');
    const expiredUnused = waiver(RULE, 'nothing', '2020-01-01');
    const report = check(input, [tfRule(RULE), offRule], [unknownAndExpired, unusedOff, expiredUnused]);
    expect(report.waivers.map((w) => [w.state, w.addresses])).toEqual([
      ['unknown-rule', []],
      ['unused', []],
      ['expired', []],
    ]);
  });

  test('a run with every finding waived by valid waivers passes', () => {
    const report = check(input, [tfRule(RULE)], [waiver(RULE, '*', '2099-01-01')]);
    expect(report.ok).toBe(true);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, waived: 3 });
  });

  test('no waivers given: none reported', () => {
    const report = check(input, [tfRule(RULE)]);
    expect(report.waivers).toEqual([]);
    expect(report.summary.waived).toBe(0);
  });
});

describe('summary and verdict', () => {
  test('counts: stacks, managed resources, documents, manifest files, errors, warnings', () => {
    const tf = stack('a', 'dev', { x: { problems: ['w1', 'w2'] } }, { data: { aws_thing: { d: {} } } });
    const documents = [doc('prod', 'w', 'e', 'gitops/prod/a.yaml'), doc('prod', 'v', undefined, 'gitops/prod/a.yaml'), doc('prod', 'u', undefined, 'gitops/prod/b.yaml')];
    const report = check({ stacks: [tf, stack('b', 'prod', {})], documents }, [tfRule('PAVED-AWS-W-001', DEV_WARNING), k8sRule('PAVED-K8S-W-001')]);
    expect(report.summary).toEqual({
      rules: 2,
      awsRules: 1,
      kubernetesRules: 1,
      stacks: 2,
      resources: 1,
      documents: 3,
      manifestFiles: 2,
      evaluations: 4,
      errors: 1,
      warnings: 2,
      waived: 0,
    });
    expect(report.ok).toBe(false);
    expect(report.today).toBe(TODAY);
  });

  test('the manifest file count given by the reader wins, even zero', () => {
    expect(check({ documents: [doc('prod', 'w')], manifestFiles: 0 }, []).summary.manifestFiles).toBe(0);
    expect(check({ documents: [doc('prod', 'w')], manifestFiles: 5 }, []).summary.manifestFiles).toBe(5);
  });

  test('warnings alone and unused waivers do not fail the check', () => {
    const report = check({ stacks: [stack('b', 'dev', { x: { problems: 'w' } })] }, [tfRule('PAVED-AWS-W-001', DEV_WARNING)], [waiver('PAVED-AWS-W-001', 'elsewhere')]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(report.waivers[0].state).toBe('unused');
    expect(report.ok).toBe(true);
  });

  test('unreadable files fail the check and are listed by file, then line', () => {
    const problems = [
      { file: 'gitops/b.yaml', line: 1, message: 'x' },
      { file: 'gitops/a.yaml', line: 9, message: 'y' },
      { file: 'gitops/a.yaml', line: 2, message: 'z' },
      { file: 'gitops/a.yaml', line: 10, message: 'w' },
    ];
    const report = check({ problems }, []);
    expect(report.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['gitops/a.yaml:2', 'gitops/a.yaml:9', 'gitops/a.yaml:10', 'gitops/b.yaml:1']);
    expect(report.ok).toBe(false);
    expect(check({}, []).problems).toEqual([]);
    expect(check({}, []).ok).toBe(true);
  });

  test('an expired waiver fails the check even when it matches nothing', () => {
    const report = check({}, [tfRule('PAVED-AWS-T-001')], [waiver('PAVED-AWS-T-001', '*', '2026-12-02')]);
    expect(report.ok).toBe(false);
  });

  test('a waiver for an unknown rule fails the check', () => {
    expect(check({}, [], [waiver('PAVED-AWS-NOPE-001', '*')]).ok).toBe(false);
  });
});

describe('rule declarations', () => {
  test('the declaring helpers set the target and keep every field', () => {
    const tf = tfRule('PAVED-AWS-T-001');
    const k8s = k8sRule('PAVED-K8S-T-001');
    expect(tf).toMatchObject({ target: 'terraform', id: 'PAVED-AWS-T-001', resourceTypes: ['aws_thing', 'aws_other_thing'] });
    expect(k8s).toMatchObject({ target: 'manifest', id: 'PAVED-K8S-T-001', kinds: ['Deployment'] });
  });

  test.each<[string, SeverityByProfile, Level, Level]>([
    ['ALWAYS', ALWAYS, 'error', 'error'],
    ['DEV_WARNING', DEV_WARNING, 'error', 'warning'],
    ['PROD_ONLY', PROD_ONLY, 'error', 'off'],
  ])('%s is %s in production and %s in development', (_, severity, production, development) => {
    expect(severity).toEqual({ production, development });
  });
});
