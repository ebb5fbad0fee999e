import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderGitops, toYaml } from '@paved/gitops-apps';
import { ALL_RULES, readOutput, runChecks } from '@paved/guardrails';
import { synthesizeInfrastructure } from '@paved/platform-infra';
import { resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../platform.config';

/**
 * Issue 13: every NetworkPolicy Paved renders must have an engine that enforces it in its environment. The VPC CNI is
 * the engine (no other is installed): its add-on in the environment's cluster stack must enable network policy.
 */
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-netpol-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function clusterAddons(outdir: string, env: string): Record<string, any>[] {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', `${env}-cluster`, 'cdk.tf.json'), 'utf8'));
  return Object.values(json.resource?.aws_eks_addon ?? {});
}

/** Environments whose rendered manifests contain NetworkPolicies, with how many. */
function policiesByEnvironment(config: PlatformConfig): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of renderGitops(resolvePlatform(config))) {
    const env = file.path.split('/')[0];
    const policies = file.documents.filter((d) => d.kind === 'NetworkPolicy').length;
    counts.set(env, (counts.get(env) ?? 0) + policies);
  }
  return counts;
}

describe('NetworkPolicies have an enforcing engine', () => {
  const platform = resolvePlatform(example);
  const terraform = path.join(out, 'terraform');
  const { stacks } = synthesizeInfrastructure(platform, { outdir: terraform });

  test('every environment renders NetworkPolicies (default-deny per service namespace)', () => {
    const counts = policiesByEnvironment(example);
    expect([...counts.keys()].sort()).toEqual(['dev', 'prod', 'staging']);
    for (const [env, n] of counts) expect({ env, some: n >= 3 }).toEqual({ env, some: true });
  });

  test.each(['dev', 'staging', 'prod'])('%s: the cluster that runs them has the VPC CNI with enableNetworkPolicy "true"', (env) => {
    const cni = clusterAddons(terraform, env).filter((a) => a.addon_name === 'vpc-cni');
    expect(cni).toHaveLength(1);
    expect(JSON.parse(cni[0].configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
  });

  test('the guardrail fails a cluster whose VPC CNI lost the setting, and only where policies are rendered', () => {
    // GIVEN the real output, written as `paved synth` writes it, with the setting removed from prod's CNI by hand
    const gitops = path.join(out, 'gitops');
    for (const file of renderGitops(platform)) {
      fs.mkdirSync(path.join(gitops, path.dirname(file.path)), { recursive: true });
      fs.writeFileSync(path.join(gitops, file.path), toYaml(file.documents));
    }
    fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify({
      environments: platform.environments.map((e) => ({ name: e.name, profile: e.profile })),
      terraform: { stacks: stacks.map((st) => ({ name: st.name, environment: st.environment })) },
    }));
    const input = readOutput(out);
    const rule = ALL_RULES.find((r) => r.id === 'PAVED-AWS-CNI-001')!;
    expect(runChecks(input, { rules: [rule], today: '2026-12-03' }).findings).toEqual([]);

    const prodCluster = input.stacks.find((s) => s.name === 'prod-cluster')!.json as any;
    const cni = Object.values<any>(prodCluster.resource.aws_eks_addon).find((a) => a.addon_name === 'vpc-cni');
    cni.configuration_values = JSON.stringify({ enableNetworkPolicy: 'false' });

    // THEN exactly prod's CNI fails, with what is wrong
    const findings = runChecks(input, { rules: [rule], today: '2026-12-03' }).findings;
    expect(findings.map((f) => [f.severity, f.address])).toEqual([['error', expect.stringMatching(/^prod-cluster:aws_eks_addon\.addon-vpc-cni/)]]);
    expect(findings[0].problem).toMatch(/enableNetworkPolicy to "true" \("false"\), so the \d+ NetworkPolicies of prod are not enforced/);

    // AND removing the add-on altogether fails on the cluster
    for (const [name, addon] of Object.entries<any>(prodCluster.resource.aws_eks_addon)) if (addon.addon_name === 'vpc-cni') delete prodCluster.resource.aws_eks_addon[name];
    const missing = runChecks(input, { rules: [rule], today: '2026-12-03' }).findings;
    expect(missing.map((f) => f.address)).toEqual([expect.stringMatching(/^prod-cluster:aws_eks_cluster\./)]);
  });
});

describe('NetworkPolicies have an enforcing engine in EKS Auto Mode', () => {
  // GIVEN the example with every environment on Auto Mode: no vpc-cni add-on, Auto Mode runs the CNI itself
  type Env = PlatformConfig['environments'][number];
  const onAutoMode = (env: Env): Env => {
    const { nodeGroups: _dropped, ...cluster } = env.cluster ?? {};
    return { ...env, cluster: { ...cluster, compute: 'auto-mode' } };
  };
  const config: PlatformConfig = { ...example, environments: example.environments.map(onAutoMode) };
  const platform = resolvePlatform(config);
  const root = path.join(out, 'auto-mode');
  fs.mkdirSync(root, { recursive: true });
  const { stacks } = synthesizeInfrastructure(platform, { outdir: path.join(root, 'terraform') });
  const rendered = renderGitops(platform);
  for (const file of rendered) {
    fs.mkdirSync(path.join(root, 'gitops', path.dirname(file.path)), { recursive: true });
    fs.writeFileSync(path.join(root, 'gitops', file.path), toYaml(file.documents));
  }
  fs.writeFileSync(path.join(root, 'summary.json'), JSON.stringify({
    environments: platform.environments.map((e) => ({ name: e.name, profile: e.profile })),
    terraform: { stacks: stacks.map((st) => ({ name: st.name, environment: st.environment })) },
  }));
  const rule = ALL_RULES.find((r) => r.id === 'PAVED-AWS-CNI-001')!;

  test.each(['dev', 'staging', 'prod'])('%s: no vpc-cni add-on; the Auto Mode network policy controller is switched on', (env) => {
    expect(clusterAddons(path.join(root, 'terraform'), env)).toEqual([]);
    const switches = rendered.filter((f) => f.path.startsWith(`${env}/`)).flatMap((f) => f.documents)
      .filter((d: any) => d.kind === 'ConfigMap' && d.metadata.name === 'amazon-vpc-cni' && d.metadata.namespace === 'kube-system');
    expect(switches.map((d: any) => d.data)).toEqual([{ 'enable-network-policy-controller': 'true' }]);
  });

  test('the production WAF advisory (PAVED-K8S-ALB-002) still reads Auto Mode Ingresses, through their IngressClassParams', () => {
    const waf = ALL_RULES.find((r) => r.id === 'PAVED-K8S-ALB-002')!;
    const findings = runChecks(readOutput(root), { rules: [waf], today: '2026-12-03' }).findings;
    // The example sets no ingress.wafAclArn: the production-profile environments are advised, development is not checked.
    expect(findings.length).toBeGreaterThan(0);
    expect([...new Set(findings.map((f) => f.address.split('/')[1]))].sort()).toEqual(['prod', 'staging']);
    expect(findings[0].problem).toMatch(/internet-facing ALB of the Auto Mode IngressClass alb without wafv2-acl-arn/);
  });

  test('the guardrail passes, and fails the cluster whose switch is gone', () => {
    const input = readOutput(root);
    expect(runChecks(input, { rules: [rule], today: '2026-12-03' }).findings).toEqual([]);
    // WHEN prod's ConfigMap is removed from the manifests
    const gitopsDir = path.join(root, 'gitops', 'prod', 'platform', 'auto-mode');
    fs.rmSync(gitopsDir, { recursive: true, force: true });
    const findings = runChecks(readOutput(root), { rules: [rule], today: '2026-12-03' }).findings;
    // THEN exactly prod's cluster fails, naming the missing switch
    expect(findings.map((f) => f.address)).toEqual([expect.stringMatching(/^prod-cluster:aws_eks_cluster\./)]);
    expect(findings[0].problem).toMatch(/Auto Mode and no kube-system\/amazon-vpc-cni ConfigMap is rendered, so the \d+ NetworkPolicies of prod are not enforced/);
  });
});
