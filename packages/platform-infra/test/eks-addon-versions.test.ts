import { EKS_MANAGED_ADDONS, releaseTrain, type PlatformConfig } from '@paved/shared-config';
import { example, synthesize } from './support/synthesized';

/**
 * Issue 14: the cluster stack pins each EKS managed add-on to the build the release train of the cluster's minor names
 * (packages/shared-config/src/versions/release-train.ts); where the train names none, EKS picks its default build.
 */
describe('EKS managed add-on versions follow the release train', () => {
  const onMinor = (version: string): PlatformConfig => ({
    ...example,
    environments: example.environments.map((e) => (e.name === 'dev' ? { ...e, cluster: { ...e.cluster, kubernetesVersion: version } } : e)),
  });

  test.each(['1.35', '1.36'])('dev on %s: one aws_eks_addon per managed add-on, at the train\'s build', (version) => {
    const addons = synthesize(onMinor(version), ['dev']).resources('dev-cluster', 'aws_eks_addon');
    expect(addons.map((a) => a.body.addon_name).sort()).toEqual([...EKS_MANAGED_ADDONS].sort());
    const train = releaseTrain(version)!;
    for (const a of addons) expect(a.body.addon_version).toBe(train.eksAddons[a.body.addon_name as keyof typeof train.eksAddons]);
  });

  test('1.35 pins CoreDNS and kube-proxy builds made for 1.35', () => {
    const addons = synthesize(onMinor('1.35'), ['dev']).resources('dev-cluster', 'aws_eks_addon');
    const version = (name: string) => addons.find((a) => a.body.addon_name === name)!.body.addon_version;
    expect(version('kube-proxy')).toBe('v1.35.3-eksbuild.2');
    expect(version('coredns')).toBe('v1.14.2-eksbuild.4');
  });

  test('sourced VPC CNI and EBS CSI pins reach the add-on; unsourced ones leave the build to EKS', () => {
    const versions = (minor: string) => Object.fromEntries(
      synthesize(onMinor(minor), ['dev']).resources('dev-cluster', 'aws_eks_addon').map((a) => [a.body.addon_name, a.body.addon_version]),
    );
    expect(versions('1.33')['vpc-cni']).toBe('v1.23.0-eksbuild.1');
    expect(versions('1.36')['aws-ebs-csi-driver']).toBe('v1.66.0-eksbuild.1');
    expect(versions('1.36')['eks-pod-identity-agent']).toBe('v1.4.0-eksbuild.1');
    expect(versions('1.35')['aws-ebs-csi-driver']).toBeUndefined();
  });
});
