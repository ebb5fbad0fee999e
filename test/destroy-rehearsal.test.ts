import * as fs from 'node:fs';
import * as path from 'node:path';
import example from '../platform.config';
import { installStubs, stubPath, type LoggedCall } from './support/deploy-stubs';
import { runPaved, tempDir } from './support/run-paved';

/**
 * `paved destroy` rehearsed without AWS: stub terraform/aws/kubectl on PATH record every call; waits run with a
 * 0 s interval.
 */
const work = tempDir('paved-destroy-');
const stubs = installStubs(path.join(work, 'stubs'));
const OTHER = '210987654321';
const DEV_STACKS = ['dev-platform', 'dev-data', 'dev-cluster', 'dev-network'];

function project(name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'platform.config.json'), JSON.stringify(example));
  return dir;
}

function destroy(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  stubs.reset();
  const run = runPaved(['destroy', '--config', 'platform.config.json', ...args], {
    cwd: dir,
    env: { PATH: stubPath(stubs), STUB_LOG: stubs.log, STUB_CLUSTER: 'northwind-dev-eks', ...env },
  });
  return { ...run, calls: stubs.calls() };
}

const describeCall = (c: LoggedCall) =>
  c.tool === 'terraform' ? `terraform ${c.argv[0] === 'version' ? '' : `${path.basename(c.cwd)} `}${c.argv.join(' ')}` : `${c.tool} ${c.argv.filter((a) => !a.startsWith('arn:aws:elasticloadbalancing')).join(' ')}`;
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('error:'));

describe('paved destroy --env dev', () => {
  const dir = project('dev');
  let run: ReturnType<typeof destroy>;
  beforeAll(() => {
    // What an earlier deploy recorded: destroy forgets it stack by stack.
    for (const stack of DEV_STACKS) {
      const record = path.join(dir, '.paved', 'deployed', 'terraform', 'stacks', stack, 'cdk.tf.json');
      fs.mkdirSync(path.dirname(record), { recursive: true });
      fs.writeFileSync(record, '{}');
    }
    run = destroy(dir, ['--env', 'dev', '--auto-approve', '--wait-interval', '0'], { STUB_APP_PASSES: '1', STUB_LB_PASSES: '2', STUB_DNS_PASSES: '1' });
  });

  test('empties the cluster first, waits in passes for Applications, load balancers and DNS records, then destroys in reverse order', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const kubeconfig = path.join(dir, '.paved', 'kube', 'dev.kubeconfig');
    const kubectl = `kubectl --kubeconfig ${kubeconfig} --namespace argocd`;
    const look = [
      `${kubectl} get applications.argoproj.io -o name`,
      'aws elbv2 describe-load-balancers --region eu-west-1 --output json',
      'aws elbv2 describe-tags --region eu-west-1 --resource-arns --output json',
      'aws route53 list-hosted-zones-by-name --dns-name dev.northwind.dev --output json',
      'aws route53 list-resource-record-sets --hosted-zone-id /hostedzone/ZSTUB --output json',
    ];
    expect(run.calls.map(describeCall)).toEqual([
      'terraform version -json',
      `aws sts assume-role --role-arn arn:aws:iam::${OTHER}:role/OrganizationAccountAccessRole --role-session-name paved-destroy --output json`,
      `aws eks update-kubeconfig --name northwind-dev-eks --region eu-west-1 --kubeconfig ${kubeconfig} --alias paved-dev`,
      `${kubectl} delete applications.argoproj.io root --ignore-not-found --wait=false`,
      `${kubectl} delete applications.argoproj.io --all --wait=false`,
      ...look, // 1 Application, 1 load balancer, 1 record
      ...look, // 1 load balancer
      ...look, // empty
      ...DEV_STACKS.flatMap((s) => [`terraform ${s} init -input=false`, `terraform ${s} destroy -input=false -auto-approve`]),
    ]);
    expect(run.stdout).toMatch(/^paved destroy: dev: waiting for 1 ArgoCD Application, 1 load balancer, 1 external-dns record \(pass 1\/30\)$/m);
    expect(run.stdout).toMatch(/^paved destroy: dev: waiting for 1 load balancer \(pass 2\/30\)$/m);
    expect(run.stdout).toMatch(/^paved destroy: dev: 4 stacks destroyed$/m);
  });

  test('aws and kubectl act in the environment account through its deploy role; Terraform assumes the role itself', () => {
    for (const c of run.calls.filter((x) => (x.tool === 'aws' && x.argv[0] !== 'sts') || x.tool === 'kubectl')) {
      expect([describeCall(c), c.env.AWS_ACCESS_KEY_ID]).toEqual([describeCall(c), `ASIASTUB${OTHER}`]);
    }
    for (const c of run.calls.filter((x) => x.tool === 'terraform')) expect(c.env.AWS_ACCESS_KEY_ID).toBeUndefined();
  });

  test('works in .paved/, removes its kubeconfig and the deployed records of the destroyed stacks', () => {
    for (const c of run.calls.filter((x) => x.tool === 'terraform' && x.argv[0] !== 'version')) {
      expect(path.dirname(c.cwd)).toBe(path.join(dir, '.paved', 'terraform'));
    }
    expect(fs.existsSync(path.join(dir, '.paved', 'kube', 'dev.kubeconfig'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, '.paved', 'deployed', 'terraform', 'stacks'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('what stops a destroy', () => {
  test('a production database with deletion protection: one line saying what to change, nothing run', () => {
    const run = destroy(project('prod'), ['--env', 'prod', '--auto-approve']);
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      'error: destroy: prod-data: database northwind-prod-postgres has deletion protection; set deletionProtection: false under ' +
        'environments[prod].data.postgres in platform.config.json, apply it with paved deploy --env prod, then destroy again (nothing was changed)',
    ]);
    expect(run.calls).toEqual([]);
  });

  test('load balancers that never go: bounded passes, then one line, and no terraform destroy', () => {
    const run = destroy(project('stuck'), ['--env', 'dev', '--auto-approve', '--wait-passes', '3', '--wait-interval', '0'], { STUB_LB_PASSES: '99' });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      'error: destroy: dev: cluster northwind-dev-eks still has 1 load balancer after 3 passes 0 s apart; nothing destroyed ' +
        '(delete them, or wait longer with --wait-passes/--wait-interval)',
    ]);
    expect(run.calls.filter((c) => c.argv[0] === 'elbv2' && c.argv[1] === 'describe-load-balancers')).toHaveLength(3);
    expect(run.calls.filter((c) => c.tool === 'terraform' && c.argv[0] !== 'version')).toEqual([]);
  });

  test('a cluster that does not exist has nothing to empty: straight to terraform destroy', () => {
    const run = destroy(project('no-cluster'), ['--env', 'dev', '--auto-approve', '--wait-interval', '0'], { STUB_NO_CLUSTER: '1' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^paved destroy: dev: cluster northwind-dev-eks not found; nothing to empty$/m);
    expect(run.calls.filter((c) => c.tool === 'kubectl')).toEqual([]);
    expect(run.calls.filter((c) => c.argv[0] === 'destroy').map((c) => path.basename(c.cwd))).toEqual(DEV_STACKS);
  });

  test('a failing terraform destroy: one line, the stacks after it stay', () => {
    const run = destroy(project('fail'), ['--env', 'dev', '--auto-approve', '--wait-interval', '0'], { STUB_FAIL: 'terraform destroy dev-data' });
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual(['error: destroy: dev-data: terraform destroy failed: Invalid provider configuration']);
    expect(run.calls.filter((c) => c.argv[0] === 'destroy').map((c) => path.basename(c.cwd))).toEqual(['dev-platform', 'dev-data']);
  });

  test('usage: --env is required; without a terminal --auto-approve is', () => {
    const noEnv = destroy(project('usage'), []);
    expect(noEnv.status).toBe(2);
    expect(noEnv.stderr).toMatch(/^error: paved destroy: --env NAME is required/m);
    const noTty = destroy(project('usage'), ['--env', 'dev']);
    expect(noTty.status).toBe(1);
    expect(errorLines(noTty.stderr)).toEqual(['error: destroy: no terminal to confirm on (pass --auto-approve to destroy without asking)']);
    expect(noTty.calls).toEqual([]);
  });
});
