import * as path from 'node:path';
import type { Interrupts } from './interrupts';
import type { ManifestStack } from './manifest';
import type { PavedPaths } from './paths';
import { recordDeployed } from './record-deployed';
import { lastErrorLine, runTool, ToolNotFoundError } from './run-tool';
import { interruptedError, type TerraformContext } from './terraform';
import type { Io } from '../cli/commands';
import { UserError } from '../cli/user-error';

/** The cdktf CLI version the stacks are synthesized with (cdktf 0.21). */
export const CDKTF_CLI = 'cdktf-cli@0.21.0';

/** `packages/platform-infra` of this Paved checkout: its cdktf.json runs the compiled app `lib/infra/cdktf-app.js`. */
export const PLATFORM_INFRA_DIR = path.resolve(__dirname, '..', '..', 'packages', 'platform-infra');

export interface CdktfDeployRequest {
  readonly stacks: readonly ManifestStack[];
  readonly configFile: string;
  readonly paths: PavedPaths;
  readonly planOnly: boolean;
  readonly autoApprove: boolean;
  readonly io: Io;
  readonly interrupts: Interrupts;
}

/**
 * `paved deploy --tool cdktf`: the user's cdktf CLI from packages/platform-infra, with PAVED_CONFIG naming the config.
 * Deploy gets every stack at once, in order (cdktf refuses a stack whose dependencies are not among those it is
 * given); `cdktf diff` takes one stack at a time.
 */
export async function deployWithCdktf(request: CdktfDeployRequest): Promise<void> {
  const { io } = request;
  const names = request.stacks.map((s) => s.name);
  const env = { ...process.env, PAVED_CONFIG: request.configFile };
  const context: TerraformContext = { command: 'deploy', io, interrupts: request.interrupts, env };
  const run = async (args: string[], output: 'stream' | 'inherit', what: string) => {
    io.out(`==> cdktf ${args.join(' ')}`);
    let result;
    try {
      result = await runTool({ command: 'cdktf', args, cwd: PLATFORM_INFRA_DIR, env, output }, io, request.interrupts);
    } catch (e) {
      if (!(e instanceof ToolNotFoundError)) throw e;
      throw new UserError([
        `error: deploy: cdktf: not found on PATH (install it with npm install -g ${CDKTF_CLI}, or run it through npx: ` +
          `cd ${PLATFORM_INFRA_DIR} && PAVED_CONFIG=${request.configFile} npx -y ${CDKTF_CLI} ${args.join(' ')})`,
      ]);
    }
    if (request.interrupts.received) throw interruptedError(context, `cdktf ${what}`);
    if (result.code !== 0) {
      throw new UserError([`error: deploy: ${what}: cdktf ${args[0]} failed: ${output === 'inherit' ? `exit status ${result.code} (its output is above)` : lastErrorLine(result)}`]);
    }
  };
  if (request.planOnly) {
    for (const stack of names) await run(['diff', stack], 'stream', stack);
    io.out(`paved deploy: ${names.length} stacks planned with cdktf`);
    return;
  }
  // cdktf asks for each approval on the terminal itself.
  await run(['deploy', ...names, ...(request.autoApprove ? ['--auto-approve'] : [])], 'inherit', names.join(' '));
  for (const stack of request.stacks) recordDeployed(request.paths, stack.name, stack.file);
  io.out(`paved deploy: ${names.length} stacks applied with cdktf`);
}
