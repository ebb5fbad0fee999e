import { validatePlatform } from '@paved/shared-config';
import { autoModeExample } from './support/auto-mode-example';
import { example, synthesize } from './support/synthesized';
import { AUTO_MODE_CLUSTER_POLICIES } from '../src/constructs/cluster/eks-cluster';
import { AUTO_MODE_NODE_POLICIES } from '../src/stacks/cluster-stack';

/**
 * Issue 14: `cluster.compute: 'auto-mode'`. The cluster runs EKS Auto Mode (built-in node pools, its own load balancing
 * and block storage), and Paved creates nothing Auto Mode does itself: no node groups or launch templates, no core EKS
 * add-ons, no load balancer controller role. The environment's AWS Backup plan selects the cluster.
 */
const out = synthesize(autoModeExample);
const ENVS = ['dev', 'staging', 'prod'];
const policyArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

describe('EKS Auto Mode', () => {
  test.each(ENVS)('%s: the cluster enables Auto Mode compute, load balancing and block storage together', (env) => {
    const [cluster] = out.resources(`${env}-cluster`, 'aws_eks_cluster');
    const nodeRole = out.resource(`${env}-cluster`, 'aws_iam_role', 'auto-node-role');
    expect(cluster.body.compute_config).toEqual({
      enabled: true,
      node_pools: ['general-purpose', 'system'],
      node_role_arn: `\${aws_iam_role.${nodeRole.name}.arn}`,
    });
    expect(cluster.body.kubernetes_network_config).toEqual({ elastic_load_balancing: { enabled: true } });
    expect(cluster.body.storage_config).toEqual({ block_storage: { enabled: true } });
    expect(cluster.body.bootstrap_self_managed_addons).toBe(false);
    // ForceNew in the provider: switching an existing cluster to Auto Mode must not replace it.
    expect(cluster.body.lifecycle).toEqual({ ignore_changes: ['bootstrap_self_managed_addons'] });
    // Auto Mode needs the API authentication mode (access entries), which AWS Backup needs too.
    expect(cluster.body.access_config.authentication_mode).toBe('API');
  });

  test('the node role has the Auto Mode node policies; the cluster role the Auto Mode cluster policies', () => {
    const attached = (suffix: string) =>
      out.resources('prod-cluster', 'aws_iam_role_policy_attachment').filter((a) => a.body.role.includes(suffix)).map((a) => a.body.policy_arn).sort();
    const nodeRole = out.resource('prod-cluster', 'aws_iam_role', 'auto-node-role');
    const clusterRole = out.resource('prod-cluster', 'aws_iam_role', 'eks/role');
    expect(nodeRole.body.name).toMatch(/eks-auto-node/);
    expect(JSON.stringify(nodeRole.body.assume_role_policy)).toContain('ec2.amazonaws.com');
    expect(attached(`aws_iam_role.${nodeRole.name}.`)).toEqual(AUTO_MODE_NODE_POLICIES.map(policyArn).sort());
    expect(attached(`aws_iam_role.${clusterRole.name}.`)).toEqual(['AmazonEKSClusterPolicy', ...AUTO_MODE_CLUSTER_POLICIES].map(policyArn).sort());
    expect(AUTO_MODE_NODE_POLICIES).toEqual(['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly']);
    expect(AUTO_MODE_CLUSTER_POLICIES).toEqual(['AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy']);
  });

  test.each(ENVS)('%s: no node groups, launch templates, core add-ons or load balancer controller role', (env) => {
    const stack = out.stack(`${env}-cluster`).json;
    for (const type of ['aws_eks_node_group', 'aws_launch_template', 'aws_eks_addon']) expect({ type, found: Object.keys(stack.resource[type] ?? {}) }).toEqual({ type, found: [] });
    const associations = out.resources(`${env}-cluster`, 'aws_eks_pod_identity_association').map((a) => a.body.service_account);
    expect(associations).not.toContain('aws-load-balancer-controller');
    expect(associations).not.toContain('aws-node');
    expect(associations).not.toContain('ebs-csi-controller-sa');
    // The add-ons that still call AWS keep their Pod Identity roles (Auto Mode runs the Pod Identity agent).
    expect(associations).toContain('external-dns');
  });

  test.each(ENVS)('%s: the backup plan selects the EKS cluster by ARN, beside the tagged resources', (env) => {
    const [cluster] = out.resources(`${env}-cluster`, 'aws_eks_cluster');
    const selections = out.resources(`${env}-data`, 'aws_backup_selection');
    const byCluster = selections.filter((s) => s.path.endsWith('backup/cluster-selection'));
    expect(byCluster).toHaveLength(1);
    // A cross-stack reference to the cluster's ARN (the cluster lives in <env>-cluster).
    expect(byCluster[0].body.resources).toEqual([expect.stringContaining(`aws_eks_cluster${cluster.name}arn`)]);
    const role = out.resource(`${env}-data`, 'aws_iam_role', 'backup/role');
    expect(byCluster[0].body.iam_role_arn).toBe(`\${aws_iam_role.${role.name}.arn}`);
    expect(out.resources(`${env}-data`, 'aws_iam_role_policy_attachment').map((a) => a.body.policy_arn))
      .toContain('arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup');
    expect(selections.filter((s) => s.path.endsWith('backup/selection'))).toHaveLength(1);
  });

  test('managed node groups stay the default, and their clusters are backed up too', () => {
    const managed = synthesize(example, ['dev']);
    const [cluster] = managed.resources('dev-cluster', 'aws_eks_cluster');
    expect(cluster.body.compute_config).toBeUndefined();
    expect(cluster.body.bootstrap_self_managed_addons).toBeUndefined();
    expect(managed.resources('dev-cluster', 'aws_eks_node_group').length).toBeGreaterThan(0);
    expect(managed.resources('dev-cluster', 'aws_eks_addon').map((a) => a.body.addon_name)).toContain('vpc-cni');
    expect(managed.resources('dev-data', 'aws_backup_selection').filter((s) => s.path.endsWith('backup/cluster-selection'))).toHaveLength(1);
  });

  test("compute: 'auto-mode' with node groups is an error naming the field", () => {
    // GIVEN staging (which sets nodeGroups) switched to Auto Mode
    const bad = { ...example, environments: example.environments.map((e) => (e.name === 'staging' ? { ...e, cluster: { ...e.cluster, compute: 'auto-mode' as const } } : e)) };
    const problems = validatePlatform(bad, { today: '2026-12-03' }).errors;
    expect(problems.map((p) => p.path)).toEqual(['environments[1].cluster.nodeGroups']);
    expect(problems[0].message).toMatch(/auto-mode/);
    expect(validatePlatform(autoModeExample, { today: '2026-12-03' }).errors).toEqual([]);
  });
});
