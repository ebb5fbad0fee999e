import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_RULES, readOutput, runChecks } from '@paved/guardrails';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import { type EnvironmentConfig, type PlatformConfig, resolvePlatform } from '@paved/shared-config';
import example from '../platform.config';

/**
 * The CI roles' inline policies list state objects per stack. Before the state patterns, the management deploy role
 * listed every stack's state and lock and passed IAM's 10,240-character quota at five environments; AWS refuses such
 * a policy only when the bootstrap stack is applied. PAVED-AWS-IAM-007 now catches it at synth, and the example
 * widened to eight environments (six in the non-production account) stays within every quota; the state bucket's
 * policy, which lists every account's stacks, fits fourteen.
 */
const RULE = ALL_RULES.filter((r) => r.id === 'PAVED-AWS-IAM-007');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The example with `count` environments: the originals, then copies of them under new names and VPC ranges. */
function withEnvironments(count: number): PlatformConfig {
  const base = example.environments;
  const environments = Array.from({ length: count }, (_, i): EnvironmentConfig => {
    const e = base[i % base.length];
    if (i < base.length) return e;
    return { ...e, name: `${e.name}${i}`, ...(e.network ? { network: { ...e.network, vpcCidr: `10.${40 + i}.0.0/16` } } : {}) };
  });
  return { ...example, environments };
}

/** Synthesizes the Terraform of `config` and reads it back as `paved check` does. */
function synthesized(config: PlatformConfig) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-iam-quotas-'));
  dirs.push(out);
  const platform = resolvePlatform(config);
  const { stacks } = synthesizeInfrastructure(platform, { outdir: path.join(out, 'terraform') });
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify({
    environments: platform.environments.map((e) => ({ name: e.name, profile: e.profile })),
    terraform: { stacks: stacks.map((s) => ({ name: s.name, environment: s.environment })) },
  }));
  const input = readOutput(out);
  /** Characters without white space of the inline policy of the CI role `github/<role>-role` in `stack`. */
  const policyChars = (stack: string, role: string) => {
    type Policy = { 'policy': string; '//': { metadata: { path: string } } };
    const json = input.stacks.find((s) => s.name === stack)!.json as { resource: { aws_iam_role_policy: Record<string, Policy> } };
    const policy = Object.values(json.resource.aws_iam_role_policy).find((p) => p['//'].metadata.path.endsWith(`/github/${role}-policy`))!;
    return policy.policy.replace(/\s/g, '').length;
  };
  const bucketPolicyBytes = () => {
    const json = input.stacks.find((s) => s.name === 'bootstrap')!.json as { resource: Record<string, Record<string, { policy: string }>> };
    return Buffer.byteLength(Object.values(json.resource.aws_s3_bucket_policy).find((p) => p.policy.includes('CiRead'))!.policy);
  };
  return { platform, findings: runChecks(input, { rules: RULE, today: '2026-12-04' }).findings, policyChars, bucketPolicyBytes };
}

test('eight environments, six in one account: every IAM policy within its quota', () => {
  const wide = synthesized(withEnvironments(8));
  expect(wide.platform.environments.filter((e) => e.account === '210987654321')).toHaveLength(6);
  expect(wide.findings.map((f) => `${f.address}: ${f.problem}`)).toEqual([]);
  // The per-account roles grow with the account's stacks (about 1,100 characters per environment), not past the quota.
  expect(wide.policyChars('bootstrap-210987654321', 'deploy')).toBeLessThan(10_240);
  expect(wide.policyChars('bootstrap-210987654321', 'plan')).toBeLessThan(10_240);
});

test('fourteen environments: the state bucket policy fits its 20 KB; the roles of an account with ten do not, and say so', () => {
  const { platform, findings, bucketPolicyBytes } = synthesized(withEnvironments(14));
  expect(platform.environments.filter((e) => e.account === '210987654321')).toHaveLength(10);
  expect(bucketPolicyBytes()).toBeLessThanOrEqual(20_480);
  expect(findings.filter((f) => f.address.includes('aws_s3_bucket_policy'))).toEqual([]);
  // Past about seven environments in one account its CI roles pass IAM's quota: synth stops with one line each.
  expect(findings.map((f) => f.address.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
    'bootstrap-210987654321:aws_iam_role.github_deploy-role',
    'bootstrap-210987654321:aws_iam_role.github_plan-role',
  ]);
  expect(findings[0].problem).toMatch(/^the role's 1 inline policy has \d{2},\d{3} characters without white space together \(the quota for a role is 10,240\)$/);
});

test('the management deploy role owns every state through one pattern: it does not grow with the environments', () => {
  const three = synthesized(withEnvironments(3)).policyChars('bootstrap', 'deploy');
  const eight = synthesized(withEnvironments(8)).policyChars('bootstrap', 'deploy');
  // What grows is the environments' GitHub subjects and account roles, not a list of state objects.
  expect(eight - three).toBeLessThan(400);
});
