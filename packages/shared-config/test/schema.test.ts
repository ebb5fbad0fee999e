import { formatProblem, validatePlatform } from '../src';
import { mutableConfig } from './fixtures';

const errorsOf = (value: unknown) => validatePlatform(value).errors.map((p) => `${p.path}: ${p.message} (${p.allowed})`);

describe('structural validation', () => {
  test('a config that is not an object is one problem', () => {
    expect(errorsOf(42)).toEqual(['(config): is a number, expected an object (an object)']);
  });

  test('missing required fields are each reported', () => {
    const errors = errorsOf({});
    expect(errors).toEqual([
      'organization: is missing (this field is required)',
      'domain: is missing (this field is required)',
      'environments: is missing (this field is required)',
      'gitops: is missing (this field is required)',
    ]);
  });

  test('an unknown field suggests the nearest known one', () => {
    const c = mutableConfig() as Record<string, unknown>;
    (c.environments as Record<string, unknown>[])[1].data = { postgres: { deletionProtecton: true } };
    expect(errorsOf(c)).toEqual([
      expect.stringMatching(/^environments\[1\]\.data\.postgres\.deletionProtecton: is not a known field \(did you mean 'deletionProtection'\?/),
    ]);
  });

  test('wrong types name the value and the expected type', () => {
    const c = mutableConfig() as Record<string, unknown>;
    (c.environments as Record<string, unknown>[])[0].network = { azCount: '3' };
    expect(errorsOf(c)).toEqual([
      "environments[0].network.azCount: '3' is a string, expected a whole number (a whole number from 2 to 4 availability zones)",
    ]);
  });

  test('enums list the allowed values', () => {
    const c = mutableConfig() as Record<string, unknown>;
    (c.environments as Record<string, unknown>[])[0].profile = 'prod';
    expect(errorsOf(c)).toContain("environments[0].profile: 'prod' is not a known value (one of 'development', 'production')");
  });

  test('unknown add-ons are rejected with a hint', () => {
    const c = mutableConfig() as Record<string, unknown>;
    c.addons = { 'cert-manger': { enabled: true } };
    expect(errorsOf(c)).toEqual([expect.stringMatching(/^addons\.cert-manger: 'cert-manger' is not a known add-on \(did you mean 'cert-manager'\?/)]);
  });

  test.each([
    ['organization', (c: Record<string, unknown>) => (c.organization = 'Acme Corp'), /organization: 'Acme Corp' is not valid/],
    ['account id', (c: Record<string, unknown>) => ((c.environments as Record<string, unknown>[])[0].account = '12345'), /environments\[0\]\.account: '12345' is not valid \(a 12-digit AWS account id\)/],
    ['image tag latest', (c: Record<string, unknown>) => (((c.services as Record<string, unknown>[])[0].image as Record<string, unknown>).tag = 'latest'), /services\[0\]\.image\.tag: 'latest' is not valid \(a pinned tag/],
    ['malformed CIDR', (c: Record<string, unknown>) => ((c.environments as Record<string, unknown>[])[0].network = { vpcCidr: '10.0.0/16' }), /network\.vpcCidr: '10.0.0\/16' is not valid \(an IPv4 CIDR/],
    ['privileged port', (c: Record<string, unknown>) => ((c.services as Record<string, unknown>[])[0].port = 80), /services\[0\]\.port: 80 is out of range \(a whole number from 1024 to 65535/],
    ['organization length', (c: Record<string, unknown>) => (c.organization = 'averyveryverylongorg'), /organization: 'averyveryverylongorg' is 20 characters long/],
  ])('pattern: %s', (_name, mutate, expected) => {
    const c = mutableConfig() as Record<string, unknown>;
    mutate(c);
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(expected));
  });

  test('semantic rules run only on data the schema accepted: a mistyped value never reaches them', () => {
    const c = mutableConfig() as Record<string, unknown>;
    c.organization = 'Acme';
    (c.environments as Record<string, unknown>[])[0].network = { vpcCidr: '8.8.0.0/16' };
    expect(validatePlatform(c).errors.map((p) => p.rule)).toEqual(['schema']);
    // A profile named like an Object.prototype member used to reach PROFILES[profile] in the rules.
    (c.environments as Record<string, unknown>[])[0] = { ...(c.environments as object[])[0], profile: 'toString' };
    expect(() => validatePlatform(c)).not.toThrow();
  });

  test('unknown fields alone still let the rules run, so a typo is reported with everything else', () => {
    const c = mutableConfig() as Record<string, unknown>;
    c.organisation = 'acme';
    (c.environments as Record<string, unknown>[])[0].network = { vpcCidr: '8.8.0.0/16' };
    expect(validatePlatform(c).errors.map((p) => p.rule)).toEqual(['schema', 'vpc-cidr']);
  });

  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a %s key is an unknown field', (key) => {
    const c = mutableConfig() as Record<string, unknown>;
    Object.defineProperty(c, key, { value: {}, enumerable: true, configurable: true, writable: true });
    expect(validatePlatform(c).errors.map((p) => `${p.path}: ${p.message}`)).toEqual([`${key}: is not a known field`]);
  });

  test('problems format as one line: severity, file, path, what, allowed', () => {
    const [problem] = validatePlatform({ ...mutableConfig(), domain: 'not a domain' }).errors;
    expect(formatProblem(problem, 'platform.config.ts')).toBe(
      "error: platform.config.ts: domain: 'not a domain' is not valid (a lowercase DNS name such as acme.io)",
    );
  });
});
