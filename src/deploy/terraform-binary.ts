import type { Interrupts } from './interrupts';
import { runTool, ToolNotFoundError } from './run-tool';
import type { Io } from '../cli/commands';
import { UserError } from '../cli/user-error';

/** Write-only arguments (`*_wo`) and the S3 backend's native lock files need Terraform 1.11. */
export const MINIMUM_TERRAFORM = [1, 11] as const;
const NEEDED = `Terraform >= ${MINIMUM_TERRAFORM.join('.')} is needed: https://developer.hashicorp.com/terraform/install`;

/** Checks that `terraform` is on PATH and recent enough; returns its version. One line when it is not. */
export async function checkTerraform(command: string, cwd: string, env: NodeJS.ProcessEnv, io: Io, interrupts: Interrupts): Promise<string> {
  let stdout: string;
  try {
    ({ stdout } = await runTool({ command: 'terraform', args: ['version', '-json'], cwd, env, output: 'capture' }, io, interrupts));
  } catch (e) {
    if (e instanceof ToolNotFoundError) throw new UserError([`error: ${command}: terraform: not found on PATH (${NEEDED})`]);
    throw e;
  }
  let version: string | undefined;
  try {
    version = (JSON.parse(stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    version = /Terraform v(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  }
  if (!version) throw new UserError([`error: ${command}: terraform: 'terraform version -json' printed no version (${NEEDED})`]);
  const [major, minor] = version.split('.').map(Number);
  if (major < MINIMUM_TERRAFORM[0] || (major === MINIMUM_TERRAFORM[0] && minor < MINIMUM_TERRAFORM[1])) {
    throw new UserError([`error: ${command}: terraform: version ${version} is too old (${NEEDED})`]);
  }
  return version;
}
