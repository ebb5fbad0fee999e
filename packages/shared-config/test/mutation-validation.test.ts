import { validatePlatform, VALIDATION_RULES } from '../src';
import { mutableConfig } from './fixtures';

// How validatePlatform combines the schema and the rules, and how it splits errors from warnings: a result that
// reports `ok` with an error in it would let `paved synth` write a broken platform. Written to kill the mutants
// Stryker found alive in validation/validate-platform.ts.

describe('validatePlatform result', () => {
  test('a valid config: no problem, ok', () => {
    expect(validatePlatform(mutableConfig())).toEqual({ problems: [], errors: [], warnings: [], ok: true });
  });

  test('warnings alone keep the config ok and are listed apart from errors', () => {
    const c = mutableConfig();
    c.environments[1].network = { ...c.environments[1].network, natGateways: 'single' };
    const result = validatePlatform(c);
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((p) => [p.rule, p.severity, p.path])).toEqual([['nat-per-az-in-production', 'warning', 'environments[1].network.natGateways']]);
    expect(result.problems).toEqual(result.warnings);
  });

  test('an error makes the config not ok; errors and warnings are reported together, in rule order', () => {
    const c = mutableConfig();
    c.environments[1].network = { ...c.environments[1].network, natGateways: 'single' };
    c.environments[0].name = 'prod';
    const result = validatePlatform(c);
    expect(result.ok).toBe(false);
    expect(result.errors.map((p) => p.rule)).toContain('environment-names-unique');
    expect(result.errors.every((p) => p.severity === 'error')).toBe(true);
    expect(result.warnings.map((p) => p.rule)).toEqual(['nat-per-az-in-production']);
    expect(result.problems).toEqual([...result.problems].sort((a, b) => ruleIndex(a.rule) - ruleIndex(b.rule)));
    expect(result.problems.length).toBe(result.errors.length + result.warnings.length);
  });

  test('a schema error other than an unknown field keeps every rule from running', () => {
    const c = mutableConfig() as unknown as Record<string, unknown>;
    c.organisation = 'typo';
    c.domain = 42;
    (c.environments as { name: string }[])[1].name = 'dev';
    const result = validatePlatform(c);
    expect(result.problems.map((p) => `${p.rule} ${p.path}`)).toEqual(['schema organisation', 'schema domain']);
  });
});

describe('the waiver clock', () => {
  const withWaiver = (expires: string) => ({
    ...mutableConfig(),
    waivers: [{ rule: 'PAVED-AWS-RDS-007', resource: '*', reason: 'accepted until the migration', expires }],
  });

  test('defaults to today: a waiver that expired long ago is an error, one that expires far ahead is not', () => {
    expect(validatePlatform(withWaiver('2000-01-01')).errors.map((p) => p.rule)).toEqual(['waiver-dates']);
    expect(validatePlatform(withWaiver('2999-12-31')).ok).toBe(true);
  });

  test('an injected today wins over the real clock', () => {
    expect(validatePlatform(withWaiver('2000-01-01'), { today: '1999-12-31' }).ok).toBe(true);
    expect(validatePlatform(withWaiver('2999-12-31'), { today: '3000-01-01' }).errors.map((p) => p.path)).toEqual(['waivers[0].expires']);
  });
});

function ruleIndex(rule: string): number {
  return rule === 'schema' ? -1 : VALIDATION_RULES.findIndex((r) => r.id === rule);
}
