import { resolvePlatform, validatePlatform } from '../src';
import { mutableConfig } from './fixtures';

const errorsOf = (value: unknown) => validatePlatform(value, { today: '2026-12-03' }).errors.map((p) => `${p.path}: ${p.message} (${p.allowed})`);
const CHART = { repoUrl: 'oci://ghcr.io/vendor/charts', name: 'node', version: '2.3.1' };
const SSO = { provider: 'google' as const, clientId: 'abc.apps.googleusercontent.com', clientSecret: 'sso/google', allowedDomains: ['acme.io'] };

describe('calls: service-to-service edges', () => {
  test('GIVEN calls by name and with a port WHEN validated THEN no error, and they resolve in config order', () => {
    const c = mutableConfig();
    c.services![0].calls = ['worker', { service: 'worker', port: 9090 }];
    expect(errorsOf(c)).toEqual([]);
    const dev = resolvePlatform(c).environments[0];
    expect(dev.services[0].calls).toEqual([{ service: 'worker' }, { service: 'worker', port: 9090 }]);
    expect(dev.services[1].calls).toEqual([]);
  });

  test('a call to an unknown service is one error naming the entry and the allowed names', () => {
    const c = mutableConfig();
    c.services![0].calls = ['worker', 'ledger'];
    expect(errorsOf(c)).toEqual(["services[0].calls[1]: 'ledger' is not a service (one of worker)"]);
  });

  test('a call to a service disabled where the caller runs is one error naming the environment and what runs there', () => {
    const c = mutableConfig();
    c.services![1].environments = { prod: { enabled: false } };
    c.services![0].calls = [{ service: 'worker', port: 8081 }];
    expect(errorsOf(c)).toEqual([
      "services[0].calls[0]: 'worker' does not run in 'prod', where api runs (in 'prod': no other service; or disable the caller there (environments.prod.enabled: false))",
    ]);
    // Disabled on both sides: fine.
    c.services![0].environments = { prod: { enabled: false } };
    expect(errorsOf(c)).toEqual([]);
  });

  test('calling itself is an error', () => {
    const c = mutableConfig();
    c.services![0].calls = ['api'];
    expect(errorsOf(c)).toEqual(["services[0].calls[0]: 'api' is the service itself (another service: worker)"]);
  });

  test('a malformed call is one schema error', () => {
    const c = mutableConfig() as any;
    c.services[0].calls = [{ service: 'worker', port: 'Not A Port' }];
    expect(errorsOf(c)).toEqual([
      "services[0].calls[0].port: 'Not A Port' is not valid (a port number from 1 to 65535 or a container port name such as http)",
    ]);
  });
});

describe('chart: third-party Helm charts', () => {
  test('a chart entry needs no image or port, resolves into env.charts and not into env.services', () => {
    const c = mutableConfig();
    c.services!.push({ name: 'node', chart: { ...CHART, values: { replicas: 1 }, credentialsSecret: 'charts/vendor' } });
    c.services![0].calls = [{ service: 'node', port: 8545 }];
    expect(errorsOf(c)).toEqual([]);
    const dev = resolvePlatform(c).environments[0];
    expect(dev.services.map((s) => s.name)).toEqual(['api', 'worker']);
    expect(dev.charts).toEqual([{
      name: 'node',
      namespace: 'node',
      repoUrl: 'oci://ghcr.io/vendor/charts',
      chart: 'node',
      version: '2.3.1',
      values: { replicas: 1 },
      credentialsSecret: 'acme/dev/charts/vendor',
      calls: [],
    }]);
  });

  test.each(['^1.2.0', '~1.2.0', '1.x', '>=1.2.0', '*', '1'])('version %s is a range: one error naming chart.version', (version) => {
    const c = mutableConfig();
    c.services!.push({ name: 'node', chart: { ...CHART, version } });
    expect(errorsOf(c)).toEqual([
      `services[2].chart.version: '${version}' is a version range (an exact chart version such as 1.4.2: no ranges (^1, ~1, 1.x, >=1, *))`,
    ]);
  });

  test('chart and image together, or neither, is one error each', () => {
    const both = mutableConfig();
    both.services!.push({ name: 'node', chart: CHART, image: { tag: '1.0.0' } });
    expect(errorsOf(both)).toEqual([
      'services[2].image: is set together with chart (either image (a service Paved renders) or chart (a third-party Helm chart), not both)',
    ]);
    const neither = mutableConfig() as any;
    delete neither.services[1].image;
    expect(errorsOf(neither)).toHaveLength(1);
    expect(errorsOf(neither)[0]).toMatch(/^services\[1\]\.image: is missing/);
  });

  test('a repository that is neither https:// nor oci:// is refused', () => {
    const c = mutableConfig();
    c.services!.push({ name: 'node', chart: { ...CHART, repoUrl: 'http://charts.example.com' } });
    expect(errorsOf(c)).toEqual([
      "services[2].chart.repoUrl: 'http://charts.example.com' is not valid (a Helm repository URL starting with https:// or oci://)",
    ]);
  });

  test('a call to a chart names the port', () => {
    const c = mutableConfig();
    c.services!.push({ name: 'node', chart: CHART });
    c.services![0].calls = ['node'];
    expect(errorsOf(c)).toEqual([
      "services[0].calls[0]: 'node' is a chart entry, whose ports Paved does not know ({ service: 'node', port: <the port its pods listen on> })",
    ]);
  });
});

describe('third-party images', () => {
  test('an image outside the platform registry is not a platform image, and gets no CI role', () => {
    const c = mutableConfig();
    c.services![0].image = { repository: 'ghcr.io/vendor/api', tag: '1.0.0' };
    const platform = resolvePlatform(c);
    expect(platform.environments[0].services.map((s) => [s.name, s.platformImage])).toEqual([['api', false], ['worker', true]]);
    expect(platform.ci.services).toEqual([]);
  });
});

describe('sso', () => {
  test("ingress.auth: 'sso' without a provider is one error", () => {
    const c = mutableConfig();
    c.services![0].ingress = { host: 'api', auth: 'sso' };
    expect(errorsOf(c)).toEqual([
      "services[0].ingress.auth: is 'sso' but the platform names no sso provider (sso: { provider: 'google' | 'github' | 'oidc', clientId, clientSecret, allowedDomains } at the top of the config)",
    ]);
    c.sso = SSO;
    expect(errorsOf(c)).toEqual([]);
    expect(resolvePlatform(c).environments[0].services[0].ingress).toMatchObject({ auth: 'sso' });
  });

  test('oidc needs an issuer, and someone must be allowed by domain or group', () => {
    const c = mutableConfig();
    c.sso = { provider: 'oidc', clientId: 'paved', clientSecret: 'sso/oidc' };
    expect(errorsOf(c)).toEqual([
      "sso.issuerUrl: is missing for provider 'oidc' (the issuer URL such as https://login.example.com/realms/acme)",
      "sso: names neither allowedDomains nor allowedGroups: anyone with an account at the provider could sign in (allowedDomains: ['acme.io'] and/or allowedGroups: [...])",
    ]);
  });
});
