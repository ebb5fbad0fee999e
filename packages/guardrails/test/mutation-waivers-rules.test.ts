import type { WaiverConfig } from '@paved/shared-config';
import { isExpired, localDate, waiverMatches } from '../src/engine/waivers';
import { checkov, formatMirror, helpUri, kubeLinter, kubeScore, polaris, type PublicCheck, ruleDomain } from '../src/rule';

/** Waiver matching and expiry, and the small helpers of `rule.ts` that SARIF and the text report print. */

const waiver = (resource: string, rule = 'PAVED-AWS-RDS-001', expires = '2026-12-03'): WaiverConfig => ({ rule, resource, reason: 'r', expires });

describe('waiverMatches', () => {
  test.each<[string, string, boolean]>([
    ['*', 'any:thing', true],
    ['', 'any:thing', false],
    ['prod:aws_db_instance.db', 'prod:aws_db_instance.db', true],
    ['prod:aws_db_instance.db', 'prod:aws_db_instance.dbx', false],
    ['prod:aws_db_instance.db', 'xprod:aws_db_instance.db', false],
    ['prod:aws_db_*', 'prod:aws_db_instance.db', true],
    ['prod:aws_db_*', 'dev:aws_db_instance.db', false],
    ['*:aws_db_instance.db', 'dev:aws_db_instance.db', true],
    ['*:aws_db_instance.db', 'dev:aws_db_instance.db2', false],
    ['prod:*.db', 'prod:aws_db_instance.db', true],
    ['prod:*.db', 'prod:aws_db_instance_db', false],
    ['a*b*c', 'a--b--c', true],
    ['a*b*c', 'a--c', false],
    // Regular-expression characters in a pattern are literal.
    ['x(1)+$${y}|[z]\\*', 'x(1)+$${y}|[z]\\ anything', true],
    ['x(1)+*', 'x11*', false],
    ['a?b*', 'ab-', false],
    ['a^b*', 'a^b!', true],
    ['gitops/prod/*', 'gitops/prod/apps.yaml#Deployment/svc/api', true],
  ])('pattern %j against %j: %s', (resource, address, expected) => {
    expect(waiverMatches(waiver(resource), 'PAVED-AWS-RDS-001', address)).toBe(expected);
  });

  test('a waiver of another rule never matches, whatever its pattern', () => {
    expect(waiverMatches(waiver('*'), 'PAVED-AWS-RDS-002', 'a')).toBe(false);
    expect(waiverMatches(waiver('a'), 'PAVED-AWS-RDS-002', 'a')).toBe(false);
    expect(waiverMatches(waiver('a*'), 'PAVED-AWS-RDS-002', 'ab')).toBe(false);
  });
});

describe('isExpired and localDate', () => {
  test('the expiry day is the last day the waiver holds', () => {
    expect(isExpired(waiver('*', 'r', '2026-12-03'), '2026-12-02')).toBe(false);
    expect(isExpired(waiver('*', 'r', '2026-12-03'), '2026-12-03')).toBe(false);
    expect(isExpired(waiver('*', 'r', '2026-12-03'), '2026-12-04')).toBe(true);
    expect(isExpired(waiver('*', 'r', '2026-11-30'), '2027-01-01')).toBe(true);
  });

  test('localDate is the local calendar day, zero-padded', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDate(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
    expect(localDate(new Date(2027, 9, 10))).toBe('2027-10-10');
  });

  test('localDate defaults to now', () => {
    const before = localDate(new Date());
    const value = localDate();
    const after = localDate(new Date());
    expect([before, after]).toContain(value);
  });
});

describe('rule helpers', () => {
  test.each([
    ['PAVED-AWS-RDS-001', 'aws'],
    ['PAVED-ARGO-001', 'argocd'],
    ['PAVED-K8S-POD-001', 'kubernetes'],
    ['X-PAVED-AWS-001', 'kubernetes'],
    ['X-PAVED-ARGO-001', 'kubernetes'],
  ])('%s is a rule of the %s domain', (id, domain) => {
    expect(ruleDomain({ id })).toBe(domain);
  });

  test.each<[PublicCheck, string, string]>([
    [checkov('CKV_AWS_16'), 'CKV_AWS_16', 'https://www.checkov.io/5.Policy%20Index/terraform.html'],
    [kubeLinter('latest-tag'), 'kl latest-tag', 'https://docs.kubelinter.io/#/generated/checks?id=latest-tag'],
    [kubeScore('container-image-tag'), 'ks container-image-tag', 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md'],
    [polaris('runAsRootAllowed'), 'pol runAsRootAllowed', 'https://polaris.docs.fairwinds.com/checks/security/'],
  ])('%j prints as %s with help at %s', (check, printed, uri) => {
    expect(formatMirror(check)).toBe(printed);
    expect(helpUri(check)).toBe(uri);
  });

  test('the factories name their tool', () => {
    expect([checkov('a'), kubeLinter('b'), polaris('c'), kubeScore('d')]).toEqual([
      { tool: 'checkov', id: 'a' },
      { tool: 'kube-linter', id: 'b' },
      { tool: 'polaris', id: 'c' },
      { tool: 'kube-score', id: 'd' },
    ]);
  });

  test.each([
    ...['readinessProbeMissing', 'livenessProbeMissing', 'tagNotSpecified', 'pullPolicyNotAlways', 'deploymentMissingReplicas', 'missingPodDisruptionBudget',
      'pdbDisruptionsIsZero', 'topologySpreadConstraint', 'metadataAndNameMismatched', 'hpaMaxAvailability', 'hpaMinAvailability'].map((id) => [id, 'reliability']),
    ...['cpuRequestsMissing', 'cpuLimitsMissing', 'memoryRequestsMissing', 'memoryLimitsMissing'].map((id) => [id, 'efficiency']),
    ['privilegeEscalationAllowed', 'security'],
  ])('Polaris check %s is documented under %s', (id, category) => {
    expect(helpUri(polaris(id))).toBe(`https://polaris.docs.fairwinds.com/checks/${category}/`);
  });
});
