import type { EnvironmentConfig, PlatformConfig } from '@paved/shared-config';
import { example } from './synthesized';

/**
 * The root example with every environment on EKS Auto Mode (`cluster.compute: 'auto-mode'`), its node groups removed
 * (Auto Mode launches the nodes; setting them is a validation error).
 */
function onAutoMode(env: EnvironmentConfig): EnvironmentConfig {
  const { nodeGroups: _dropped, ...cluster } = env.cluster ?? {};
  return { ...env, cluster: { ...cluster, compute: 'auto-mode' } };
}

export const autoModeExample: PlatformConfig = { ...example, environments: example.environments.map(onAutoMode) };
