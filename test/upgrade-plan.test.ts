import * as path from 'node:path';
import { RELEASE_TRAINS } from '@paved/shared-config';
import { ROOT } from './support/run-paved';
import { runCli } from '../src/cli/run-cli';

const ON_134 = path.join('test', 'fixtures', 'upgrade', 'example-on-1.34.config.ts');

async function paved(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: ROOT });
  return { status, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

describe('paved upgrade plan', () => {
  test('1.34 -> 1.35 on the example prints the ordered steps and the one config edit', async () => {
    // GIVEN the example with prod on 1.34 WHEN planning the next minor
    const run = await paved(['upgrade', 'plan', '--config', ON_134, '--env', 'prod', '--to', '1.35']);
    // THEN every step in order, the add-on builds of both trains, and nothing but the version field changes
    expect(run.status).toBe(0);
    expect(run.stdout).toBe([
      'upgrade plan for prod: Kubernetes 1.34 -> 1.35',
      '',
      '1. control plane: update northwind-prod-eks from 1.34 to 1.35',
      '   - EKS updates one minor per cluster update; 1.35 has standard support until 2027-03-27',
      '',
      '2. EKS managed add-ons: move to the builds for 1.35',
      '   - vpc-cni: v1.23.0-eksbuild.1 (unchanged)',
      '   - coredns: v1.13.2-eksbuild.7 -> v1.14.2-eksbuild.4',
      '   - kube-proxy: v1.34.6-eksbuild.2 -> v1.35.3-eksbuild.2',
      '   - eks-pod-identity-agent: v1.3.10-eksbuild.1 -> v1.3.10-eksbuild.2',
      '   - aws-ebs-csi-driver: EKS default for 1.34 -> EKS default for 1.35',
      '',
      '3. node groups: update each to 1.35, one at a time',
      '   - northwind-prod-general: aws eks update-nodegroup-version --cluster-name northwind-prod-eks ' +
        '--nodegroup-name northwind-prod-general --kubernetes-version 1.35',
      '',
      '4. charts that must move',
      '   - none: the 1.35 train pins the same 13 charts',
      '',
      '5. CRD migrations',
      '   - none: both trains render argoproj.io/v1alpha1, cert-manager.io/v1, external-secrets.io/v1, ' +
        'gateway.networking.k8s.io/v1, monitoring.coreos.com/v1',
      '',
      `config change (${ON_134}), nothing else:`,
      "  environments[2].cluster.kubernetesVersion: '1.34' -> '1.35'",
      '',
      'then: paved deploy --env prod (applies the control plane and add-on versions in stack order)',
      '',
    ].join('\n'));
    // the validation warning about extended support comes along on stderr
    expect(run.stderr).toMatch(/^warning: .*environments\[2\]\.cluster\.kubernetesVersion: Kubernetes 1\.34 left EKS standard support on 2026-12-02: .*\$0\.60 instead of \$0\.10 per cluster-hour/);
  });

  test('refuses skipping a minor, with one error line', async () => {
    const run = await paved(['upgrade', 'plan', '--config', ON_134, '--env', 'prod', '--to', '1.36']);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual([
      `error: ${ON_134}: --to: 1.34 -> 1.36 skips 1.35: EKS upgrades one minor at a time (--to 1.35 first, then one plan per minor up to 1.36)`,
    ]);
    expect(run.stdout).toBe('');
  });

  test('refuses a downgrade and a minor without a release train', async () => {
    const down = await paved(['upgrade', 'plan', '--env', 'dev', '--to', '1.35']);
    expect(down.status).toBe(1);
    expect(down.stderr).toBe('error: platform.config.ts: --to: 1.35 is older than 1.36: EKS cannot downgrade a cluster (stay on 1.36)\n');
    const unknown = await paved(['upgrade', 'plan', '--env', 'dev', '--to', '1.99']);
    expect(unknown.stderr).toBe(`error: platform.config.ts: --to: Kubernetes 1.99 has no release train (one of ${RELEASE_TRAINS.map((t) => t.kubernetesVersion).join(', ')})\n`);
  });

  test('an unknown environment or a missing flag is one line, no stack trace', async () => {
    const env = await paved(['upgrade', 'plan', '--env', 'qa', '--to', '1.36']);
    expect(env.stderr).toBe("error: platform.config.ts: --env: 'qa' is not an environment of this config (one of dev, staging, prod)\n");
    const usage = await paved(['upgrade', 'plan', '--env', 'dev']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^error: paved upgrade plan: --to required/);
  });

  test('help stays under 100 columns and shows flags, defaults and an example', async () => {
    const run = await paved(['upgrade', '--help']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(100);
    expect(run.stdout).toContain('--to 1.NN');
    expect(run.stdout).toContain('(default: platform.config.ts)');
    expect(run.stdout).toContain('example:\n  paved upgrade plan --env dev --to 1.36');
  });
});
