import type { WaiverConfig } from '@paved/shared-config';
import type { CheckReport, CheckSummary, Finding } from '../src/engine/run-checks';
import { toSarif } from '../src/report/sarif-report';
import { formatTextReport } from '../src/report/text-report';
import { checkov, DEV_WARNING, kubeLinter, PROD_ONLY, type Rule } from '../src/rule';
import { manifestRule, terraformRule } from '../src/rules/define';

/** The text and SARIF reports of a hand-made check report, written out in full. */

const W: WaiverConfig = { rule: 'PAVED-AWS-A-001', resource: 'p:aws_x.w', reason: 'migration', expires: '2026-12-31' };

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'PAVED-AWS-A-001',
  title: 'A title',
  severity: 'error',
  address: 'p:aws_x.a',
  file: 'terraform/stacks/p/cdk.tf.json',
  line: 7,
  environment: 'prod',
  profile: 'production',
  problem: 'is bad',
  fix: 'set a',
  mirrors: ['CKV_AWS_1', 'kl x'],
  ...over,
});

const SUMMARY: CheckSummary = {
  rules: 3,
  awsRules: 2,
  kubernetesRules: 1,
  stacks: 4,
  resources: 5,
  documents: 6,
  manifestFiles: 7,
  evaluations: 8,
  errors: 1,
  warnings: 1,
  waived: 1,
};

function report(over: Partial<CheckReport> = {}): CheckReport {
  return {
    summary: SUMMARY,
    findings: [
      finding({}),
      finding({ ruleId: 'PAVED-K8S-B-001', severity: 'warning', address: 'gitops/dev/a.yaml#Deployment/s/x', file: 'gitops/dev/a.yaml', line: undefined, mirrors: [], problem: 'meh', fix: 'fix b' }),
      finding({ address: 'p:aws_x.w', waiver: W }),
    ],
    waivers: [{ waiver: W, state: 'applied', addresses: ['p:aws_x.w'] }],
    problems: [{ file: 'gitops/dev/bad.yaml', line: 2, message: 'not valid YAML: oops' }],
    ok: false,
    today: '2026-12-03',
    ...over,
  };
}

describe('formatTextReport', () => {
  test('problems, unwaived findings, waivers, then the counts', () => {
    expect(formatTextReport(report())).toEqual([
      'error: gitops/dev/bad.yaml:2: not valid YAML: oops',
      'error: PAVED-AWS-A-001 [CKV_AWS_1, kl x]: p:aws_x.a: is bad (fix: set a) at terraform/stacks/p/cdk.tf.json:7',
      'warning: PAVED-K8S-B-001: gitops/dev/a.yaml#Deployment/s/x: meh (fix: fix b) at gitops/dev/a.yaml',
      'waived: PAVED-AWS-A-001 on p:aws_x.w (reason: migration; expires 2026-12-31): 1 finding: p:aws_x.w',
      'paved check: 3 rules (2 AWS, 1 Kubernetes/ArgoCD) over 5 resources in 4 stacks and 6 manifests in 7 files (8 evaluations): ' +
        '1 error, 1 warning, 1 waived by 1 waiver',
    ]);
  });

  test('every waiver state has its line; plurals follow the counts', () => {
    const waivers: CheckReport['waivers'] = [
      { waiver: W, state: 'applied', addresses: ['p:a', 'p:b'] },
      { waiver: { ...W, resource: 'p:gone' }, state: 'unused', addresses: [] },
      { waiver: { ...W, expires: '2026-01-01' }, state: 'expired', addresses: ['p:a', 'p:b'] },
      { waiver: { ...W, resource: '*', expires: '2026-01-01' }, state: 'expired', addresses: [] },
      { waiver: { ...W, rule: 'PAVED-AWS-NOPE-001' }, state: 'unknown-rule', addresses: [] },
    ];
    const summary = { ...SUMMARY, errors: 2, warnings: 0, waived: 0 };
    expect(formatTextReport(report({ findings: [], problems: [], waivers, summary }))).toEqual([
      'waived: PAVED-AWS-A-001 on p:aws_x.w (reason: migration; expires 2026-12-31): 2 findings: p:a, p:b',
      'warning: waiver PAVED-AWS-A-001 on p:gone (reason: migration; expires 2026-12-31) matches no finding (remove it, or fix the rule id or resource)',
      'error: waiver PAVED-AWS-A-001 on p:aws_x.w (reason: migration; expires 2026-01-01) expired on 2026-01-01 (fix the findings on p:a, p:b or extend the waiver with a new reason)',
      'error: waiver PAVED-AWS-A-001 on * (reason: migration; expires 2026-01-01) expired on 2026-01-01 (fix the finding or extend the waiver with a new reason)',
      'error: waiver PAVED-AWS-NOPE-001 on p:aws_x.w (reason: migration; expires 2026-12-31) names no rule of paved check (rule ids look like PAVED-AWS-RDS-001)',
      'paved check: 3 rules (2 AWS, 1 Kubernetes/ArgoCD) over 5 resources in 4 stacks and 6 manifests in 7 files (8 evaluations): ' +
        '2 errors, 0 warnings, 0 waived by 5 waivers',
    ]);
  });

  test('no waivers and nothing found', () => {
    const summary = { ...SUMMARY, errors: 0, warnings: 2, waived: 0 };
    expect(formatTextReport(report({ findings: [], problems: [], waivers: [], summary })).at(-1)).toMatch(/: 0 errors, 2 warnings, 0 waived by 0 waivers$/);
  });
});

describe('toSarif', () => {
  const rules: Rule[] = [
    terraformRule({
      id: 'PAVED-AWS-A-001',
      title: 'A title',
      severity: DEV_WARNING,
      mirrors: [checkov('CKV_AWS_1'), kubeLinter('x')],
      fix: 'set a',
      rationale: 'A matters',
      resourceTypes: ['aws_x'],
      check: () => undefined,
    }),
    terraformRule({ id: 'PAVED-AWS-UNUSED-001', title: 'U', severity: DEV_WARNING, mirrors: [], fix: 'u', rationale: 'u', resourceTypes: ['aws_u'], check: () => undefined }),
    manifestRule({ id: 'PAVED-K8S-B-001', title: 'B title', severity: PROD_ONLY, mirrors: [], fix: 'fix b', rationale: 'B matters', kinds: ['Deployment'], check: () => undefined }),
    manifestRule({
      id: 'PAVED-K8S-C-001',
      title: 'C',
      severity: { production: 'off', development: 'warning' },
      mirrors: [],
      fix: 'c',
      rationale: 'c',
      kinds: ['Pod'],
      check: () => undefined,
    }),
  ];

  test('one descriptor per rule with findings, one result per finding, waived ones suppressed', () => {
    const findings = [...report().findings, finding({ ruleId: 'PAVED-K8S-C-001', severity: 'warning', address: 'c', file: 'gitops/dev/c.yaml', line: 0, mirrors: [], problem: 'c', fix: 'c' })];
    const sarif = toSarif(report({ findings }), rules, '1.2.3');
    expect(sarif).toEqual({
      version: '2.1.0',
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      runs: [
        {
          tool: {
            driver: {
              name: 'paved check',
              informationUri: 'https://github.com/paved',
              version: '1.2.3',
              rules: [
                {
                  id: 'PAVED-AWS-A-001',
                  name: 'PAVEDAWSA001',
                  shortDescription: { text: 'A title' },
                  fullDescription: { text: 'A matters' },
                  help: { text: 'Fix: set a\nMirrors: CKV_AWS_1, kl x' },
                  helpUri: 'https://www.checkov.io/5.Policy%20Index/terraform.html',
                  defaultConfiguration: { level: 'error' },
                  properties: { tags: ['security', 'CKV_AWS_1', 'kl x'] },
                },
                {
                  id: 'PAVED-K8S-B-001',
                  name: 'PAVEDK8SB001',
                  shortDescription: { text: 'B title' },
                  fullDescription: { text: 'B matters' },
                  help: { text: 'Fix: fix b' },
                  defaultConfiguration: { level: 'error' },
                  properties: { tags: ['security'] },
                },
                {
                  id: 'PAVED-K8S-C-001',
                  name: 'PAVEDK8SC001',
                  shortDescription: { text: 'C' },
                  fullDescription: { text: 'c' },
                  help: { text: 'Fix: c' },
                  defaultConfiguration: { level: 'warning' },
                  properties: { tags: ['security'] },
                },
              ],
            },
          },
          originalUriBaseIds: { OUTPUT: { description: { text: 'The paved synth output directory' } } },
          results: [
            {
              ruleId: 'PAVED-AWS-A-001',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'p:aws_x.a: is bad. Fix: set a' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'terraform/stacks/p/cdk.tf.json', uriBaseId: 'OUTPUT' }, region: { startLine: 7 } },
                  logicalLocations: [{ fullyQualifiedName: 'p:aws_x.a' }],
                },
              ],
              partialFingerprints: { pavedAddress: 'PAVED-AWS-A-001:p:aws_x.a' },
            },
            {
              ruleId: 'PAVED-K8S-B-001',
              ruleIndex: 1,
              level: 'warning',
              message: { text: 'gitops/dev/a.yaml#Deployment/s/x: meh. Fix: fix b' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'gitops/dev/a.yaml', uriBaseId: 'OUTPUT' } },
                  logicalLocations: [{ fullyQualifiedName: 'gitops/dev/a.yaml#Deployment/s/x' }],
                },
              ],
              partialFingerprints: { pavedAddress: 'PAVED-K8S-B-001:gitops/dev/a.yaml#Deployment/s/x' },
            },
            {
              ruleId: 'PAVED-AWS-A-001',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'p:aws_x.w: is bad. Fix: set a' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'terraform/stacks/p/cdk.tf.json', uriBaseId: 'OUTPUT' }, region: { startLine: 7 } },
                  logicalLocations: [{ fullyQualifiedName: 'p:aws_x.w' }],
                },
              ],
              partialFingerprints: { pavedAddress: 'PAVED-AWS-A-001:p:aws_x.w' },
              suppressions: [{ kind: 'external', justification: 'migration (expires 2026-12-31)' }],
            },
            {
              ruleId: 'PAVED-K8S-C-001',
              ruleIndex: 2,
              level: 'warning',
              message: { text: 'c: c. Fix: c' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'gitops/dev/c.yaml', uriBaseId: 'OUTPUT' } },
                  logicalLocations: [{ fullyQualifiedName: 'c' }],
                },
              ],
              partialFingerprints: { pavedAddress: 'PAVED-K8S-C-001:c' },
            },
          ],
        },
      ],
    });
    // Optional keys are absent, not undefined: SARIF consumers treat a present key as set.
    const run = sarif.runs[0];
    expect(Object.keys(run.tool.driver.rules![1])).not.toContain('helpUri');
    expect(Object.keys(run.results![0])).not.toContain('suppressions');
    expect(Object.keys(run.results![1].locations![0].physicalLocation!)).not.toContain('region');
  });

  test('no findings: no rules and no results', () => {
    const sarif = toSarif(report({ findings: [] }), rules, '0.0.0');
    expect(sarif.runs[0].tool.driver.rules).toEqual([]);
    expect(sarif.runs[0].results).toEqual([]);
  });
});
