import * as fs from 'node:fs';
import { capabilityExample, IDENTITY_CENTER_ARN } from './support/argocd-capability-example';
import { synthesize } from './support/synthesized';
import { CAPABILITY_ACCESS_POLICY_ARN } from '../src/constructs/platform/argocd-capability';
import { BOOTSTRAP_APPLY_SCRIPT } from '../src/constructs/platform/argocd-capability-bootstrap';

/**
 * `gitops.argocd: 'eks-capability'`: the `<env>-platform` stack installs no chart; it creates the EKS Capability for
 * Argo CD with its role and cluster access, and applies the bootstrap objects once the capability is active.
 */
const out = synthesize(capabilityExample, ['dev']);
const withCredentials = synthesize({ ...capabilityExample, gitops: { ...capabilityExample.gitops, credentialsSecret: 'northwind/gitops-deploy-key' } }, ['dev']);
afterAll(() => [out, withCredentials].forEach((o) => fs.rmSync(o.outdir, { recursive: true, force: true })));

const STACK = 'dev-platform';
const json = () => out.stack(STACK).json;

test('no helm_release, no helm provider: the chart is not installed', () => {
  expect(json().resource.helm_release).toBeUndefined();
  expect(json().provider?.helm).toBeUndefined();
  expect(json().terraform.required_providers.helm).toBeUndefined();
});

test('one ARGOCD capability on the environment cluster, in the argocd namespace, signing in through Identity Center', () => {
  const [capability] = out.resources(STACK, 'aws_eks_capability');
  expect(out.resources(STACK, 'aws_eks_capability')).toHaveLength(1);
  expect(capability.body).toMatchObject({
    capability_name: 'argocd',
    type: 'ARGOCD',
    delete_propagation_policy: 'RETAIN',
    cluster_name: expect.stringMatching(/^\$\{data\.terraform_remote_state\..*\.outputs\..*\}$/),
    role_arn: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/),
  });
  const argoCd = capability.body.configuration[0].argo_cd[0];
  expect(argoCd.namespace).toBe('argocd');
  expect(argoCd.aws_idc).toEqual([{ idc_instance_arn: IDENTITY_CENTER_ARN, idc_region: 'eu-west-1' }]);
  expect(argoCd.rbac_role_mapping).toEqual([{ role: 'ADMIN', identity: [{ id: '38414300-1041-708a-01af-5422d6091e34', type: 'SSO_GROUP' }] }]);
});

test('the capability role trusts only the capabilities service principal, for this account, and has no permission policy', () => {
  const role = out.resource(STACK, 'aws_iam_role', 'argocd-capability/role');
  expect(out.policyStatements(role.body.assume_role_policy)).toEqual([
    {
      sid: 'EksCapabilities',
      effect: 'Allow',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      principals: [{ type: 'Service', identifiers: ['capabilities.eks.amazonaws.com'] }],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [expect.stringMatching(/^\d{12}$/)] }],
    },
  ]);
  expect(out.resources(STACK, 'aws_iam_role_policy')).toEqual([]);
  expect(out.resources(STACK, 'aws_iam_role_policy_attachment')).toEqual([]);
});

test('cluster access: an access policy on the entry EKS creates for the capability, no second access entry', () => {
  expect(out.resources(STACK, 'aws_eks_access_entry')).toEqual([]);
  const [association] = out.resources(STACK, 'aws_eks_access_policy_association');
  expect(association.body).toMatchObject({
    policy_arn: CAPABILITY_ACCESS_POLICY_ARN,
    principal_arn: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/),
    access_scope: { type: 'cluster' },
    depends_on: [expect.stringMatching(/^aws_eks_capability\./)],
  });
});

describe('the bootstrap objects', () => {
  const data = () => Object.values<any>(json().resource.terraform_data)[0];
  const provisioner = () => data().provisioner[0]['local-exec'];
  const manifests = () => JSON.parse(provisioner().environment.PAVED_MANIFESTS.replace(/\$\{[^}]*\}/g, 'REF'));

  test('are applied after the capability and its cluster access, re-applied when they change', () => {
    expect(data().depends_on).toEqual([expect.stringMatching(/^aws_eks_capability\./), expect.stringMatching(/^aws_eks_access_policy_association\./)]);
    expect(data().triggers_replace.manifests).toBe(provisioner().environment.PAVED_MANIFESTS);
  });

  test('namespace, bridge cluster Secret (server = the cluster ARN), bootstrap AppProject (sourceNamespaces), root Application', () => {
    const items = manifests().items;
    expect(items.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/argocd', 'Secret/northwind-dev-cluster', 'AppProject/bootstrap', 'Application/root']);
    const arn = 'arn:aws:eks:eu-west-1:210987654321:cluster/northwind-dev-eks';
    const [, secret, project, root] = items;
    expect(secret.stringData).toEqual({ name: 'northwind-dev-eks', server: arn });
    expect(secret.metadata.labels['argocd.argoproj.io/secret-type']).toBe('cluster');
    expect(project.spec.sourceNamespaces).toEqual(['argocd']);
    expect(project.spec.destinations).toEqual([{ server: arn, namespace: 'argocd' }]);
    expect(root.spec.destination).toEqual({ server: arn, namespace: 'argocd' });
  });

  test('kubectl reads the manifests from the environment, never from the command text', () => {
    expect(provisioner().command).toBe(BOOTSTRAP_APPLY_SCRIPT.replace(/\$\{/g, '$${'));
    expect(provisioner().command).not.toContain('northwind');
    expect(provisioner().interpreter).toEqual(['/bin/sh', '-c']);
    expect(provisioner().environment).toMatchObject({ PAVED_REGION: 'eu-west-1', PAVED_CLUSTER: expect.stringMatching(/^\$\{/) });
  });
});

test('the repository credentials Secret waits for the bootstrap (which creates the namespace)', () => {
  const secret = Object.values<any>(withCredentials.stack(STACK).json.resource.kubernetes_secret_v1)[0];
  expect(secret.depends_on).toEqual([expect.stringMatching(/^\$\{terraform_data\.argocd-bootstrap_apply_\w+\}$/)]);
});
