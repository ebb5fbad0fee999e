import * as fs from 'node:fs';
import type { PlatformConfig, SsoConfig } from '@paved/shared-config';
import { parse } from 'yaml';
import { example, synthesize } from './support/synthesized';

/**
 * With `sso`, the environment's ALB serves the self-managed Argo CD at argocd.<env domain> (gitops-apps
 * sso-platform-ingress.ts) and terminates TLS: the server takes plain HTTP (`server.insecure`) only then. The values
 * stay one escaped template: argocd-sso.test.ts runs the same sso stack through terraform validate.
 */
const GOOGLE: SsoConfig = { provider: 'google', clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'sso/google', allowedDomains: ['northwind.dev'] };
const synthesized: { outdir: string }[] = [];
afterAll(() => synthesized.forEach((out) => fs.rmSync(out.outdir, { recursive: true, force: true })));
const valuesOf = (config: PlatformConfig) => {
  const out = synthesize(config, ['dev']);
  synthesized.push(out);
  const template: string = out.stack('dev-platform').json.resource.helm_release.argocd.values[0];
  return parse(template.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), { version: '1.1' });
};

describe('argo-cd behind the ALB with sso', () => {
  test('with sso: the ALB terminates TLS, the server takes HTTP; the chart renders no Ingress of its own', () => {
    const values = valuesOf({ ...example, sso: GOOGLE });
    expect(values.configs.params).toEqual({ 'server.insecure': true });
    expect(values.configs.cm.url).toBe('https://argocd.dev.northwind.dev');
    expect(values.server.ingress).toEqual({ enabled: false });
  });

  test('without sso, or without the load balancer controller, the server keeps TLS', () => {
    expect(valuesOf(example).configs.params).toEqual({ 'server.insecure': false });
    const noController: PlatformConfig = {
      ...example,
      sso: GOOGLE,
      addons: { ...example.addons, 'aws-load-balancer-controller': { enabled: false } },
      services: [],
    };
    expect(valuesOf(noController).configs.params).toEqual({ 'server.insecure': false });
  });
});
