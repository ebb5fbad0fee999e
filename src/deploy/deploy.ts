import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrateBootstrapState, refuseRepeatedBootstrap } from './bootstrap-state';
import type { Confirm } from './confirm';
import type { Interrupts } from './interrupts';
import type { ManifestStack } from './manifest';
import { classifyStack, isBootstrapStack, type OrderContext } from './order';
import type { PavedPaths } from './paths';
import { recordDeployed } from './record-deployed';
import { stopIfInterrupted, terraform, type TerraformContext } from './terraform';
import { checkTerraform } from './terraform-binary';
import { PLAN_FILE, prepareWorkDir } from './workdir';
import type { Io } from '../cli/commands';
import { UserError } from '../cli/user-error';

export interface TerraformDeployRequest {
  /** The stacks to run, in deploy order. */
  readonly stacks: readonly ManifestStack[];
  readonly order: OrderContext;
  readonly paths: PavedPaths;
  /** Plan every stack, apply none. */
  readonly planOnly: boolean;
  /** Apply without asking (CI). */
  readonly autoApprove: boolean;
  /** First deployment: the bootstrap stacks run on local state, which moves into S3 once the bucket exists. */
  readonly bootstrap: boolean;
  /** Asks before each apply unless `autoApprove`. */
  readonly confirm: Confirm;
  /** Runs before each `<env>-platform` stack (the secrets it needs must exist). */
  readonly beforePlatformStack?: (environment: string, stack: ManifestStack) => void;
  readonly io: Io;
  readonly interrupts: Interrupts;
}

/**
 * `paved deploy` with the user's terraform: per stack, in order, init and plan in `.paved/terraform/<stack>/`, then
 * (unless plan-only) confirm, apply the saved plan and record what was applied. Stops at the first failure.
 */
export async function deployWithTerraform(request: TerraformDeployRequest): Promise<void> {
  const { paths, io } = request;
  const bootstrapStacks = request.stacks.filter((s) => isBootstrapStack(s.name, request.order)).map((s) => s.name);
  if (request.bootstrap) refuseRepeatedBootstrap(paths, bootstrapStacks);
  fs.mkdirSync(paths.pluginCache(), { recursive: true });
  const context: TerraformContext = {
    command: 'deploy',
    io,
    interrupts: request.interrupts,
    // One provider download for every work dir, unless the user keeps a cache of their own.
    env: { ...process.env, TF_PLUGIN_CACHE_DIR: process.env.TF_PLUGIN_CACHE_DIR || paths.pluginCache() },
  };
  const version = await checkTerraform('deploy', paths.root, context.env, io, request.interrupts);
  io.out(`paved deploy: terraform ${version}, ${request.stacks.length} stacks: ${request.stacks.map((s) => s.name).join(', ')}`);

  let done = 0;
  for (const stack of request.stacks) {
    stopIfInterrupted(context, `the deploy, before ${stack.name}`);
    const bootstrapping = request.bootstrap && bootstrapStacks.includes(stack.name);
    if (request.bootstrap && request.planOnly && !bootstrapping) {
      io.out('paved deploy: --plan-only --bootstrap: planned the bootstrap stacks; the others can be planned once the bootstrap is applied (their state bucket does not exist yet)');
      break;
    }
    const kind = classifyStack(stack.name, request.order);
    if (kind.scope === 'environment' && kind.stage === 'platform') request.beforePlatformStack?.(kind.environment, stack);
    const dir = prepareWorkDir(paths, stack, { localState: bootstrapping });
    // A local backend needs no existing state bucket; -reconfigure forgets an S3 backend a failed earlier init recorded.
    const init = bootstrapping ? ['init', '-input=false', '-reconfigure'] : ['init', '-input=false'];
    const hint = !request.bootstrap && bootstrapStacks.includes(stack.name) ? ' (first deployment? run paved deploy --bootstrap)' : '';
    await terraform(context, stack.name, dir, init, hint);
    await terraform(context, stack.name, dir, ['plan', '-input=false', `-out=${PLAN_FILE}`]);
    if (!request.planOnly) {
      if (!request.autoApprove) {
        const yes = await request.confirm(`paved deploy: apply the plan of ${stack.name}?`);
        stopIfInterrupted(context, `the confirmation of ${stack.name}`);
        if (!yes) throw new UserError([`error: deploy: ${stack.name}: not applied (declined); stopped before the stacks after it`]);
      }
      await terraform(context, stack.name, dir, ['apply', '-input=false', PLAN_FILE]);
      fs.rmSync(path.join(dir, PLAN_FILE), { force: true });
      recordDeployed(paths, stack.name, path.join(dir, 'cdk.tf.json'));
      // `bootstrap` has just created the state bucket: every bootstrap stack applied so far moves its state there.
      if (bootstrapping && stack.name === 'bootstrap') {
        const applied = request.stacks.slice(0, request.stacks.indexOf(stack) + 1).map((s) => s.name).filter((s) => bootstrapStacks.includes(s));
        await migrateBootstrapState(context, paths, applied);
      }
    }
    done++;
  }
  io.out(`paved deploy: ${done} stacks ${request.planOnly ? 'planned' : 'applied'}`);
}
