import { argoCdBootstrap, eksClusterArn, resolvePlatform, validatePlatform } from '../src';
import { mutableConfig } from './fixtures';

/** `gitops.argocd` (issue 14): the mode, its Identity Center requirement, and what it changes in the bootstrap. */
const problemsOf = (value: unknown) => validatePlatform(value).problems.map((p) => `${p.severity}: ${p.path}: ${p.message} (${p.allowed})`);
const IDC = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

test('self-managed is the default and needs nothing more', () => {
  const c = mutableConfig();
  expect(problemsOf(c)).toEqual([]);
  expect(resolvePlatform(c).gitops.argocd).toBe('self-managed');
});

test('eks-capability without an Identity Center instance is one error naming the field and the fix', () => {
  const c = mutableConfig();
  c.gitops.argocd = 'eks-capability';
  expect(problemsOf(c)).toEqual([
    "error: gitops.identityCenter: argocd is 'eks-capability' and no IAM Identity Center instance is named ({ instanceArn: 'arn:aws:sso:::instance/ssoins-…' }, or argocd: 'self-managed')",
  ]);
  c.gitops.identityCenter = { instanceArn: IDC, adminGroupIds: ['38414300-1041-708a-01af-5422d6091e34'] };
  expect(problemsOf(c)).toEqual([]);
});

test('an unknown mode, a malformed instance ARN and an Identity Center without the capability are reported', () => {
  const c = mutableConfig() as any;
  c.gitops.argocd = 'managed';
  expect(problemsOf(c)).toEqual([expect.stringMatching(/^error: gitops\.argocd: .*'self-managed'.*'eks-capability'/)]);
  c.gitops.argocd = 'eks-capability';
  c.gitops.identityCenter = { instanceArn: 'arn:aws:sso:::instance/nope' };
  expect(problemsOf(c)).toEqual([expect.stringMatching(/^error: gitops\.identityCenter\.instanceArn: /)]);
  c.gitops.argocd = 'self-managed';
  c.gitops.identityCenter = { instanceArn: IDC };
  expect(problemsOf(c)).toEqual([expect.stringMatching(/^warning: gitops\.identityCenter: is ignored/)]);
});

test('the bootstrap targets the cluster ARN and names the capability namespace in sourceNamespaces', () => {
  const c = mutableConfig();
  c.gitops.argocd = 'eks-capability';
  c.gitops.identityCenter = { instanceArn: IDC };
  const platform = resolvePlatform(c);
  const env = platform.environments[0];
  const arn = eksClusterArn(env);
  expect(arn).toBe(`arn:aws:eks:${env.region}:${env.account}:cluster/${env.cluster.name}`);
  const { project, root } = argoCdBootstrap(platform, env);
  expect(project.spec.destinations).toEqual([{ server: arn, namespace: 'argocd' }]);
  expect(project.spec.sourceNamespaces).toEqual(['argocd']);
  expect(root.spec.destination).toEqual({ server: arn, namespace: 'argocd' });
  const selfManaged = argoCdBootstrap(resolvePlatform(mutableConfig()), resolvePlatform(mutableConfig()).environments[0]);
  expect(selfManaged.project.spec).not.toHaveProperty('sourceNamespaces');
  expect(selfManaged.root.spec.destination.server).toBe('https://kubernetes.default.svc');
});
