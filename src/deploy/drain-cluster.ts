import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsCallError, awsCall } from './aws-session';
import { clusterLoadBalancers, externalDnsRecords, type LeftoverContext } from './cluster-leftovers';
import { lastErrorLine, runTool, ToolNotFoundError } from './run-tool';
import { stopIfInterrupted, type TerraformContext } from './terraform';
import { UserError } from '../cli/user-error';

export interface DrainWait {
  /**
   * How many times to look for what the cluster still owns before giving up.
   * @default 30
   */
  readonly passes: number;
  /**
   * Seconds between two looks.
   * @default 20
   */
  readonly intervalSeconds: number;
}

export const DEFAULT_DRAIN_WAIT: DrainWait = { passes: 30, intervalSeconds: 20 };

export interface DrainRequest extends LeftoverContext {
  readonly environment: string;
  /** Paved-owned kubeconfig file (never the user's ~/.kube/config). */
  readonly kubeconfig: string;
  readonly wait: DrainWait;
  readonly context: TerraformContext;
}

const ARGOCD_NAMESPACE = 'argocd';
const APPLICATIONS = 'applications.argoproj.io';

/**
 * Empties a cluster before Terraform destroys it, so that nothing it created outside Terraform survives (load
 * balancers and DNS records would otherwise be orphaned, and block the VPC's deletion): deletes the root Application,
 * then every Application (service Applications carry the cascade finalizer, so their workloads go too), then waits in
 * bounded passes until no Application, no load balancer tagged for the cluster and no external-dns record is left.
 */
export async function drainCluster(r: DrainRequest): Promise<void> {
  const { io } = r;
  fs.mkdirSync(path.dirname(r.kubeconfig), { recursive: true });
  try {
    await awsCall(
      ['eks', 'update-kubeconfig', '--name', r.clusterName, '--region', r.region, '--kubeconfig', r.kubeconfig, '--alias', `paved-${r.environment}`],
      r.env, r.cwd, io, r.interrupts,
    );
  } catch (e) {
    if (e instanceof AwsCallError && /ResourceNotFoundException|No cluster found/.test(e.stderr)) {
      io.out(`paved destroy: ${r.environment}: cluster ${r.clusterName} not found; nothing to empty`);
      return;
    }
    throw e;
  }
  stopIfInterrupted(r.context, `the kubeconfig of ${r.clusterName}`);
  const argocd = await kubectl(r, ['delete', APPLICATIONS, 'root', '--ignore-not-found', '--wait=false']);
  if (argocd) await kubectl(r, ['delete', APPLICATIONS, '--all', '--wait=false']);
  io.out(`paved destroy: ${r.environment}: ArgoCD Applications deleted${argocd ? '' : ' (none: ArgoCD is not installed)'}; waiting for what they created to go`);

  for (let pass = 1; ; pass++) {
    stopIfInterrupted(r.context, `the wait for ${r.clusterName} to empty`);
    const apps = argocd ? (await kubectl(r, ['get', APPLICATIONS, '-o', 'name'])) ?? '' : '';
    const left: [number, string][] = [
      [apps.split('\n').filter(Boolean).length, 'ArgoCD Application'],
      [(await clusterLoadBalancers(r)).length, 'load balancer'],
      [(await externalDnsRecords(r)).length, 'external-dns record'],
    ];
    const remaining = left.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
    if (remaining.length === 0) {
      io.out(`paved destroy: ${r.environment}: cluster ${r.clusterName} is empty`);
      return;
    }
    if (pass >= r.wait.passes) {
      throw new UserError([
        `error: destroy: ${r.environment}: cluster ${r.clusterName} still has ${remaining.join(', ')} after ${r.wait.passes} passes ` +
          `${r.wait.intervalSeconds} s apart; nothing destroyed (delete them, or wait longer with --wait-passes/--wait-interval)`,
      ]);
    }
    io.out(`paved destroy: ${r.environment}: waiting for ${remaining.join(', ')} (pass ${pass}/${r.wait.passes})`);
    await new Promise((done) => setTimeout(done, r.wait.intervalSeconds * 1000));
  }
}

/**
 * `kubectl --kubeconfig <paved's> -n argocd <args>`: its stdout, or undefined when the cluster has no ArgoCD (the
 * Application type is unknown). Other failures are one error line.
 */
async function kubectl(r: DrainRequest, args: readonly string[]): Promise<string | undefined> {
  const full = ['--kubeconfig', r.kubeconfig, '--namespace', ARGOCD_NAMESPACE, ...args];
  let result;
  try {
    result = await runTool({ command: 'kubectl', args: full, cwd: r.cwd, env: r.env, output: 'capture' }, r.io, r.interrupts);
  } catch (e) {
    if (e instanceof ToolNotFoundError) throw new UserError(['error: destroy: kubectl: not found on PATH (https://kubernetes.io/docs/tasks/tools/)']);
    throw e;
  }
  if (result.code === 0) return result.stdout;
  if (/doesn't have a resource type|no matches for kind/.test(result.stderr)) return undefined;
  throw new UserError([`error: destroy: ${r.environment}: kubectl ${args.slice(0, 2).join(' ')} failed: ${lastErrorLine(result)}`]);
}
