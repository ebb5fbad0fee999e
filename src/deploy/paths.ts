import * as path from 'node:path';

/**
 * Where Paved keeps what deploys leave behind: the `.paved/` directory next to the platform config, never inside the
 * output directory (which `paved synth` replaces whole). Keep it out of git: it holds plans and, during the first
 * deployment, the bootstrap stacks' local state.
 *
 * ```
 * .paved/terraform/<stack>/            work dir: cdk.tf.json copy, .terraform/, lock file, plan.tfplan
 * .paved/state/<stack>.tfstate         bootstrap state before it moves into S3 (`paved deploy --bootstrap`)
 * .paved/deployed/terraform/stacks/    the cdk.tf.json of each stack as last applied (read by `paved diff`)
 * .paved/plugin-cache/                 Terraform's provider cache, shared by the work dirs
 * .paved/kube/<env>.kubeconfig         kubeconfig written by `paved destroy`
 * ```
 */
export class PavedPaths {
  /** Absolute path of `.paved/`. */
  readonly root: string;

  constructor(configFile: string) {
    this.root = path.join(path.dirname(path.resolve(configFile)), '.paved');
  }

  workDir(stack: string): string {
    return path.join(this.root, 'terraform', stack);
  }

  localState(stack: string): string {
    return path.join(this.root, 'state', `${stack}.tfstate`);
  }

  /** Written once a bootstrap stack's state has moved into S3; `--bootstrap` refuses to run again after it. */
  migratedMarker(stack: string): string {
    return path.join(this.root, 'state', `${stack}.migrated`);
  }

  deployedStack(stack: string): string {
    return path.join(this.root, 'deployed', 'terraform', 'stacks', stack, 'cdk.tf.json');
  }

  pluginCache(): string {
    return path.join(this.root, 'plugin-cache');
  }

  kubeconfig(environment: string): string {
    return path.join(this.root, 'kube', `${environment}.kubeconfig`);
  }
}
