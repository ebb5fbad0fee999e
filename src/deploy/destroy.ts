import * as fs from 'node:fs';
import type { ResolvedPlatform } from '@paved/shared-config';
import { awsSessionEnv } from './aws-session';
import type { Confirm } from './confirm';
import { refuseProtectedDatabases } from './deletion-protection';
import { drainCluster, type DrainWait } from './drain-cluster';
import type { Interrupts } from './interrupts';
import type { ManifestStack } from './manifest';
import { classifyStack, type OrderContext } from './order';
import type { PavedPaths } from './paths';
import { forgetDeployed } from './record-deployed';
import { assumedRole, readStackJson } from './stack-json';
import { stopIfInterrupted, terraform, type TerraformContext } from './terraform';
import { checkTerraform } from './terraform-binary';
import { prepareWorkDir } from './workdir';
import type { Io } from '../cli/commands';
import { UserError } from '../cli/user-error';

export interface DestroyRequest {
  readonly platform: ResolvedPlatform;
  readonly environment: string;
  /** Every stack of the synthesized output, in deploy order. */
  readonly stacks: readonly ManifestStack[];
  readonly order: OrderContext;
  readonly paths: PavedPaths;
  /** The config as shown in messages. */
  readonly configPath: string;
  readonly autoApprove: boolean;
  readonly confirm: Confirm;
  readonly wait: DrainWait;
  readonly io: Io;
  readonly interrupts: Interrupts;
}

/**
 * `paved destroy --env NAME`: refuses protected databases, empties the cluster (ArgoCD Applications, then waits for
 * load balancers and DNS records), then `terraform destroy` of the environment's stacks in reverse deploy order.
 * Platform-wide stacks (bootstrap, shared) are never destroyed here.
 */
export async function destroyEnvironment(request: DestroyRequest): Promise<void> {
  const { io, paths, environment } = request;
  const env = request.platform.environments.find((e) => e.name === environment)!;
  const stacks = request.stacks
    .filter((s) => {
      const kind = classifyStack(s.name, request.order);
      return kind.scope === 'environment' && kind.environment === environment;
    })
    .reverse();
  const byStage = (stage: string) => stacks.find((s) => s.name === `${environment}-${stage}`);
  const data = byStage('data');
  if (data) {
    // The synthesized stack, and the one last applied: turning protection off only counts once applied.
    const versions = [readStackJson(data.file), readStackJson(paths.deployedStack(data.name))];
    refuseProtectedDatabases(environment, data.name, request.configPath, versions);
  }

  const context: TerraformContext = { command: 'destroy', io, interrupts: request.interrupts, env: { ...process.env } };
  fs.mkdirSync(paths.root, { recursive: true });
  const version = await checkTerraform('destroy', paths.root, context.env, io, request.interrupts);
  io.out(`paved destroy: terraform ${version}; ${environment} (account ${env.account}): ${stacks.map((s) => s.name).join(', ')}`);
  if (!request.autoApprove) {
    const yes = await request.confirm(`paved destroy: destroy every resource of ${stacks.map((s) => s.name).join(', ')}?`);
    stopIfInterrupted(context, 'the confirmation');
    if (!yes) throw new UserError([`error: destroy: ${environment}: not destroyed (declined)`]);
  }

  const cluster = byStage('cluster');
  if (cluster) {
    const roleArn = assumedRole(readStackJson(cluster.file));
    const accountEnv = await awsSessionEnv(roleArn, paths.root, io, request.interrupts);
    await drainCluster({
      environment,
      clusterName: env.cluster.name,
      region: env.region,
      domain: env.domain,
      env: accountEnv,
      // The root zone lives in the management account, reached with the caller's own credentials.
      zoneEnv: env.usesRootZone ? { ...process.env } : accountEnv,
      kubeconfig: paths.kubeconfig(environment),
      wait: request.wait,
      cwd: paths.root,
      io,
      interrupts: request.interrupts,
      context,
    });
  }

  for (const stack of stacks) {
    stopIfInterrupted(context, `the destroy, before ${stack.name}`);
    const dir = prepareWorkDir(paths, stack);
    await terraform(context, stack.name, dir, ['init', '-input=false']);
    await terraform(context, stack.name, dir, ['destroy', '-input=false', '-auto-approve']);
    forgetDeployed(paths, stack.name);
  }
  fs.rmSync(paths.kubeconfig(environment), { force: true });
  io.out(`paved destroy: ${environment}: ${stacks.length} stacks destroyed`);
}
