import type { WaiverConfig } from '@paved/shared-config';
import { ALL_RULES, runChecks, toSarif, formatTextReport, type CheckInput, type Severity } from '../src';

/**
 * The engine's contract, pinned with a tiny hand-made output: one unencrypted production database.
 * Each test names, in a comment, the one-line bug planted in the engine that it catches.
 */
const DB_ADDRESS = 'prod-data:aws_db_instance.db';

function input(profile: 'production' | 'development' = 'production'): CheckInput {
  const env = profile === 'production' ? 'prod' : 'dev';
  return {
    environments: [{ name: env, profile }],
    stacks: [
      {
        name: `${env}-data`,
        environment: env,
        file: `terraform/stacks/${env}-data/cdk.tf.json`,
        json: { resource: { aws_db_instance: { db: { identifier: 'db', storage_encrypted: false, deletion_protection: true } } } },
      },
    ],
    documents: [],
  };
}

const RDS_ENCRYPTION = 'PAVED-AWS-RDS-001';
const waiver = (over: Partial<WaiverConfig> = {}): WaiverConfig => ({
  rule: RDS_ENCRYPTION,
  resource: DB_ADDRESS,
  reason: 'migration in progress',
  expires: '2026-12-03',
  ...over,
});

describe('severities', () => {
  /**
   * Every rule's level per profile, written out. Planted bug caught: the unencrypted-RDS rule (or any rule) downgraded
   * to a warning in production. A new rule must be added here: its severity is a decision, not an accident.
   * e = error, w = warning, o = off; first letter production, second development.
   */
  const EXPECTED: Record<string, string> = {
    ...Object.fromEntries(
      [
        'PAVED-AWS-EKS-001', 'PAVED-AWS-EKS-003', 'PAVED-AWS-EKS-004', 'PAVED-AWS-EKS-005',
        'PAVED-AWS-EC-001', 'PAVED-AWS-EC-002', 'PAVED-AWS-EC-003', 'PAVED-AWS-EC-004', 'PAVED-AWS-EC-005', 'PAVED-AWS-EC-006',
        'PAVED-AWS-RDS-001', 'PAVED-AWS-RDS-002', 'PAVED-AWS-RDS-003', 'PAVED-AWS-RDS-004', 'PAVED-AWS-RDS-006',
        'PAVED-AWS-RDS-009', 'PAVED-AWS-RDS-010', 'PAVED-AWS-RDS-011', 'PAVED-AWS-RDS-012',
        'PAVED-AWS-S3-001', 'PAVED-AWS-S3-002', 'PAVED-AWS-S3-003', 'PAVED-AWS-S3-004', 'PAVED-AWS-S3-005', 'PAVED-AWS-S3-006',
        'PAVED-AWS-S3-007', 'PAVED-AWS-S3-008', 'PAVED-AWS-S3-009', 'PAVED-AWS-S3-010', 'PAVED-AWS-S3-011',
        'PAVED-AWS-IAM-001', 'PAVED-AWS-IAM-002', 'PAVED-AWS-IAM-003', 'PAVED-AWS-IAM-004', 'PAVED-AWS-IAM-005', 'PAVED-AWS-IAM-006', 'PAVED-AWS-IAM-007',
        'PAVED-AWS-KMS-001',
        'PAVED-AWS-VPC-001', 'PAVED-AWS-VPC-002', 'PAVED-AWS-VPC-003', 'PAVED-AWS-ECR-001', 'PAVED-AWS-ECR-003',
        'PAVED-AWS-LOG-001', 'PAVED-AWS-LOG-002', 'PAVED-AWS-SM-001', 'PAVED-AWS-BKP-001',
        'PAVED-K8S-POD-001', 'PAVED-K8S-POD-002', 'PAVED-K8S-POD-003', 'PAVED-K8S-POD-004', 'PAVED-K8S-POD-005',
        'PAVED-K8S-POD-006', 'PAVED-K8S-POD-007', 'PAVED-K8S-POD-008', 'PAVED-K8S-POD-009', 'PAVED-K8S-POD-010',
        'PAVED-K8S-RES-001', 'PAVED-K8S-RES-002', 'PAVED-K8S-RES-003', 'PAVED-K8S-PROBE-001', 'PAVED-K8S-PROBE-002',
        'PAVED-K8S-IMG-001', 'PAVED-K8S-PDB-001', 'PAVED-K8S-HPA-001',
        'PAVED-K8S-NET-001', 'PAVED-K8S-NET-002', 'PAVED-K8S-NET-003', 'PAVED-K8S-NET-004', 'PAVED-K8S-NET-005',
        'PAVED-ARGO-001', 'PAVED-ARGO-002', 'PAVED-ARGO-003', 'PAVED-ARGO-004', 'PAVED-ARGO-005',
        'PAVED-ARGO-006', 'PAVED-ARGO-007', 'PAVED-ARGO-008', 'PAVED-ARGO-009', 'PAVED-ARGO-010',
        // Issue 13 (red team)
        'PAVED-AWS-SG-001', 'PAVED-AWS-EC2-001', 'PAVED-AWS-KMS-002', 'PAVED-AWS-S3-012', 'PAVED-AWS-EKS-006',
        'PAVED-AWS-SECRET-001', 'PAVED-AWS-SECRET-002', 'PAVED-K8S-PLAIN-001', 'PAVED-K8S-ENV-001', 'PAVED-K8S-TLS-001', 'PAVED-ARGO-014', 'PAVED-K8S-ESO-001', 'PAVED-ARGO-011', 'PAVED-ARGO-012',
        'PAVED-AWS-CNI-001', 'PAVED-K8S-STORE-001', 'PAVED-ARGO-PSA-001',
        // Issue 14 (ALB ingress)
        'PAVED-K8S-ALB-001',
        // Issue 14 (add-on versions: retired components)
        'PAVED-ARGO-013',
        // Issue 14 (EKS Argo CD capability: what it does not run)
        'PAVED-ARGO-CAP-001', 'PAVED-ARGO-CAP-002', 'PAVED-ARGO-CAP-003', 'PAVED-ARGO-CAP-004',
        // Issue 16 (Amazon MSK: IAM-only auth, TLS, CMK, broker logs, private brokers, scoped Kafka grants)
        'PAVED-AWS-MSK-001', 'PAVED-AWS-MSK-002', 'PAVED-AWS-MSK-003', 'PAVED-AWS-MSK-004', 'PAVED-AWS-MSK-005', 'PAVED-AWS-MSK-006',
        // Issue 16 (third-party chart values: pinned images, https repositories)
        'PAVED-ARGO-CHART-003', 'PAVED-ARGO-CHART-005',
      ].map((id) => [id, 'ee']),
    ),
    ...Object.fromEntries(
      [
        'PAVED-AWS-EKS-002', 'PAVED-AWS-EC-007', 'PAVED-AWS-RDS-005', 'PAVED-AWS-RDS-007', 'PAVED-AWS-RDS-008',
        'PAVED-AWS-RDS-013', 'PAVED-AWS-ECR-002', 'PAVED-AWS-ECR-004', 'PAVED-K8S-POD-011', 'PAVED-K8S-AVAIL-003', 'PAVED-K8S-NS-001',
        // Issue 16 (third-party chart values: root, node-level capabilities)
        'PAVED-ARGO-CHART-001', 'PAVED-ARGO-CHART-002',
      ].map((id) => [id, 'ew']),
    ),
    ...Object.fromEntries(['PAVED-K8S-AVAIL-001', 'PAVED-K8S-AVAIL-002', 'PAVED-K8S-HPA-002'].map((id) => [id, 'eo'])),
    // Advisory: a WAF is an AWS resource Paved does not create (issue 14).
    'PAVED-K8S-ALB-002': 'wo',
    // Reported with its reason: a writable root file system the config asked for (issue 16).
    'PAVED-K8S-POD-012': 'ww',
    // Advisory: a chart's LoadBalancer or NodePort Service may be its non-HTTP public port (issue 16).
    'PAVED-ARGO-CHART-004': 'ww',
    // Internet-facing ports only where the config declares them public (issue 16, event-driven-chain).
    'PAVED-K8S-NET-006': 'ee',
    // Reported with their list: ports the config declares public (issue 16, event-driven-chain).
    'PAVED-K8S-NET-007': 'ww',
  };

  test('every rule has exactly the severity this table gives it', () => {
    const actual = Object.fromEntries(ALL_RULES.map((r) => [r.id, `${r.severity.production[0]}${r.severity.development[0]}`]));
    expect(actual).toEqual(EXPECTED);
  });

  test('no rule is off or a mere warning in production', () => {
    // Production is where a finding must stop `paved synth`; a warning there would ship the misconfiguration.
    // The one advisory rule (a WAF, which the user brings) is listed; any other warning in production fails.
    // PAVED-K8S-POD-012 reports an exception the config records with its reason (PAVED-K8S-POD-003 fails without it).
    // PAVED-ARGO-CHART-004 reports a chart Service outside the ingress, which a chain node's peer-to-peer port needs.
    // PAVED-K8S-NET-007 reports the ports the config declares public (PAVED-K8S-NET-006 fails any other).
    expect(ALL_RULES.filter((r) => r.severity.production !== 'error').map((r) => r.id).sort()).toEqual(['PAVED-ARGO-CHART-004', 'PAVED-K8S-ALB-002', 'PAVED-K8S-NET-007', 'PAVED-K8S-POD-012']);
  });

  test.each<[string, Severity]>([
    ['production', 'error'],
    ['development', 'error'],
  ])('an unencrypted database in %s is an %s that fails the check', (profile, severity) => {
    const report = runChecks(input(profile as 'production' | 'development'), { rules: ALL_RULES, today: '2026-12-03' });
    const finding = report.findings.find((f) => f.ruleId === RDS_ENCRYPTION);
    expect(finding).toMatchObject({ severity, address: `${profile === 'production' ? 'prod' : 'dev'}-data:aws_db_instance.db` });
    expect(report.ok).toBe(false);
  });
});

describe('waivers', () => {
  const run = (w: WaiverConfig, today = '2026-12-03') => runChecks(input(), { rules: ALL_RULES, waivers: [w], today });

  test('a waiver holds on its expiry day (planted bug: `<=` instead of `<` kills it a day early)', () => {
    const report = run(waiver({ expires: '2026-12-03' }), '2026-12-03');
    expect(report.waivers[0].state).toBe('applied');
    expect(report.findings.find((f) => f.ruleId === RDS_ENCRYPTION)?.waiver).toBeDefined();
  });

  test('a waiver is expired the day after and fails the check (planted bug: expiry never checked)', () => {
    const report = run(waiver({ expires: '2026-12-02' }), '2026-12-03');
    expect(report.waivers[0].state).toBe('expired');
    expect(report.findings.find((f) => f.ruleId === RDS_ENCRYPTION)?.waiver).toBeUndefined();
    expect(report.ok).toBe(false);
  });

  test('a waiver naming a rule that does not exist fails the check (planted bug: unknown-rule waivers accepted)', () => {
    const report = runChecks(input('development'), { rules: ALL_RULES.filter((r) => r.id !== RDS_ENCRYPTION), waivers: [waiver({ rule: 'PAVED-AWS-RDS-999' })], today: '2026-12-03' });
    expect(report.waivers[0].state).toBe('unknown-rule');
    expect(report.ok).toBe(false);
    expect(formatTextReport(report).join('\n')).toMatch(/PAVED-AWS-RDS-999/);
  });

  test('a waiver that matches nothing is reported as unused but does not fail (planted bug: warning not printed)', () => {
    const report = run(waiver({ resource: 'prod-data:aws_db_instance.renamed' }));
    expect(report.waivers[0].state).toBe('unused');
    const text = formatTextReport(report).join('\n');
    expect(text).toMatch(/^warning: waiver .*PAVED-AWS-RDS-001.* matches no finding/m);
  });

  test('a glob waiver matches by pattern only', () => {
    expect(run(waiver({ resource: 'prod-data:aws_db_*' })).waivers[0].state).toBe('applied');
    expect(run(waiver({ resource: 'prod-data:aws_db' })).waivers[0].state).toBe('unused');
    expect(run(waiver({ resource: 'prod-data:aws.db_instance.db' })).waivers[0].state).toBe('unused');
  });
});

describe('SARIF', () => {
  test('a waived finding is a result with an external suppression and the reason (planted bug: suppressions dropped)', () => {
    const report = runChecks(input(), { rules: ALL_RULES, waivers: [waiver()], today: '2026-12-03' });
    const sarif = toSarif(report, ALL_RULES, '0.0.0');
    const result = sarif.runs[0].results!.find((r) => r.ruleId === RDS_ENCRYPTION)!;
    expect(result.suppressions).toEqual([{ kind: 'external', justification: 'migration in progress (expires 2026-12-03)' }]);
    expect(result.level).toBe('error');
  });

  test('an unwaived finding has no suppression', () => {
    const report = runChecks(input(), { rules: ALL_RULES, today: '2026-12-03' });
    const result = toSarif(report, ALL_RULES, '0.0.0').runs[0].results!.find((r) => r.ruleId === RDS_ENCRYPTION)!;
    expect(result.suppressions).toBeUndefined();
  });
});
