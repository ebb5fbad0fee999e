import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Stub `terraform`, `aws`, `kubectl` and `cdktf` binaries for deploy and destroy rehearsals without AWS. Each call
 * appends one JSON line to the log: the tool, its argv and cwd, the environment variables of interest, and the backend
 * override file of the cwd when there is one. It answers like the real tool would, shaped by STUB_* variables:
 *
 * - `STUB_FAIL="terraform plan dev-cluster"`: that call (tool, verb, basename of cwd) prints a Terraform error, exits 1
 * - `STUB_HANG="terraform plan dev-network"`: that call waits for a signal, logs it, exits 1 (interrupt rehearsals)
 * - `STUB_TF_VERSION=1.9.8`: what `terraform version -json` reports (default 1.11.4)
 * - `STUB_LB_PASSES=n`, `STUB_DNS_PASSES=n`, `STUB_APP_PASSES=n`: the first n looks still find a load balancer, an
 *   external-dns record, an ArgoCD Application of the cluster
 * - `STUB_NO_CLUSTER=1`: `aws eks update-kubeconfig` answers ResourceNotFoundException
 * - `STUB_MISSING_SECRETS=a,b`: `aws secretsmanager describe-secret` answers ResourceNotFoundException for those
 */
const STUB_SOURCE = String.raw`
const fs = require('node:fs');
const path = require('node:path');
module.exports = function stub(tool) {
  const argv = process.argv.slice(2);
  const cwd = process.cwd();
  const log = process.env.STUB_LOG;
  const state = path.dirname(log);
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(TF_|PAVED_CONFIG$|AWS_ACCESS_KEY_ID$|AWS_PROFILE$)/.test(k)) env[k] = v;
  }
  const files = {};
  const override = path.join(cwd, 'paved_backend_override.tf.json');
  if (fs.existsSync(override)) files.override = JSON.parse(fs.readFileSync(override, 'utf8'));
  const entry = { tool, argv, cwd, env, files };
  fs.appendFileSync(log, JSON.stringify(entry) + '\n');
  const stack = path.basename(cwd);
  const verb = argv[0];
  const me = tool + ' ' + verb + ' ' + stack;
  const count = (key) => {
    const file = path.join(state, 'count-' + key);
    const n = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0;
    fs.writeFileSync(file, String(n + 1));
    return n;
  };
  const out = (o) => process.stdout.write(typeof o === 'string' ? o + '\n' : JSON.stringify(o) + '\n');
  if (process.env.STUB_HANG === me) {
    const stop = (signal) => {
      fs.appendFileSync(log, JSON.stringify({ tool, argv, cwd, env: {}, files: {}, signal }) + '\n');
      process.stderr.write('Error: operation canceled\n');
      process.exit(1);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Only once the handlers are in place: the test signals when it reads this line.
    out('stub ' + me + ': working...');
    setInterval(() => undefined, 1000);
    return;
  }
  if (process.env.STUB_FAIL === me) {
    process.stderr.write('\u001b[31m╷\u001b[0m\n\u001b[31m│\u001b[0m \u001b[1m\u001b[31mError: \u001b[0m\u001b[0m\u001b[1mInvalid provider configuration\u001b[0m\n\u001b[31m│\u001b[0m\n\u001b[31m│\u001b[0m stub details\n\u001b[31m╵\u001b[0m\n');
    process.exit(1);
  }
  if (tool === 'terraform') {
    if (verb === 'version') return out({ terraform_version: process.env.STUB_TF_VERSION || '1.11.4', platform: 'linux_amd64' });
    if (verb === 'init') return out('Terraform has been successfully initialized!');
    if (verb === 'plan') {
      fs.writeFileSync(path.join(cwd, 'plan.tfplan'), 'stub plan of ' + stack);
      return out('Plan: 3 to add, 0 to change, 0 to destroy.');
    }
    if (verb === 'apply') return out('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    if (verb === 'destroy') return out('Destroy complete! Resources: 3 destroyed.');
    return out('stub terraform ' + verb);
  }
  if (tool === 'aws') {
    const sub = argv.slice(0, 2).join(' ');
    const arg = (name) => argv[argv.indexOf(name) + 1];
    if (sub === 'sts assume-role') {
      return out({ Credentials: { AccessKeyId: 'ASIASTUB' + arg('--role-arn').split(':')[4], SecretAccessKey: 'stub', SessionToken: 'stub' } });
    }
    if (sub === 'eks update-kubeconfig') {
      if (process.env.STUB_NO_CLUSTER) {
        process.stderr.write('\nAn error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: ' + arg('--name') + '.\n');
        process.exit(254);
      }
      fs.writeFileSync(arg('--kubeconfig'), 'apiVersion: v1\nkind: Config\n');
      return out('Added new context ' + arg('--alias') + ' to ' + arg('--kubeconfig'));
    }
    if (sub === 'elbv2 describe-load-balancers') {
      const lbs = count('lb') < Number(process.env.STUB_LB_PASSES || 0) ? [{ LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/k8s-api/1' }] : [];
      return out({ LoadBalancers: [...lbs, { LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/other/2' }] });
    }
    if (sub === 'elbv2 describe-tags') {
      const arns = argv.slice(argv.indexOf('--resource-arns') + 1).filter((a) => a.startsWith('arn:'));
      return out({ TagDescriptions: arns.map((a) => ({ ResourceArn: a, Tags: a.includes('k8s-') ? [{ Key: 'elbv2.k8s.aws/cluster', Value: process.env.STUB_CLUSTER }] : [{ Key: 'team', Value: 'other' }] })) });
    }
    if (sub === 'route53 list-hosted-zones-by-name') {
      return out({ HostedZones: [{ Id: '/hostedzone/ZSTUB', Name: arg('--dns-name') + '.', Config: { PrivateZone: false } }] });
    }
    if (sub === 'route53 list-resource-record-sets') {
      const owned = count('dns') < Number(process.env.STUB_DNS_PASSES || 0)
        ? [{ Name: 'api.example.', Type: 'TXT', ResourceRecords: [{ Value: '"heritage=external-dns,external-dns/owner=' + process.env.STUB_CLUSTER + ',external-dns/resource=ingress/api/api"' }] }]
        : [];
      const foreign = { Name: 'web.example.', Type: 'TXT', ResourceRecords: [{ Value: '"heritage=external-dns,external-dns/owner=' + process.env.STUB_CLUSTER + '-old,external-dns/resource=ingress/x/y"' }] };
      return out({ ResourceRecordSets: [...owned, foreign] });
    }
    if (sub === 'secretsmanager describe-secret') {
      const missing = (process.env.STUB_MISSING_SECRETS || '').split(',');
      if (missing.includes(arg('--secret-id'))) {
        process.stderr.write('\nAn error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: Secrets Manager can\'t find the specified secret.\n');
        process.exit(254);
      }
      return out({ Name: arg('--secret-id') });
    }
    return out({});
  }
  if (tool === 'kubectl') {
    if (argv.includes('get')) {
      return out(count('apps') < Number(process.env.STUB_APP_PASSES || 0) ? 'application.argoproj.io/api' : '');
    }
    return out('application.argoproj.io "root" deleted');
  }
  if (tool === 'cdktf') return out('stub cdktf ' + argv.join(' '));
};
`;

/**
 * The `terraform` and `aws` stubs are shell scripts that answer the calls a rehearsal makes dozens of times (terraform
 * version/init/plan/apply/destroy, aws secretsmanager describe-secret) without starting Node, whose start-up (0.1-0.3 s
 * on a loaded 2-core machine) was most of a rehearsal's time. They write the same log line and print the same answer
 * as STUB_SOURCE; every other call (a STUB_HANG or STUB_FAIL target, a backend override file, STUB_MISSING_SECRETS,
 * any value that is not plainly JSON-safe, any other verb) is handed to STUB_SOURCE itself, which stays the reference.
 * The script is deploy-stub.sh beside this file; installStubs puts `tool`, STUB_NODE and STUB_BIN in front of it.
 */
const FAST_SOURCE = fs.readFileSync(path.join(__dirname, 'deploy-stub.sh'), 'utf8');

export interface LoggedCall {
  readonly tool: 'terraform' | 'aws' | 'kubectl' | 'cdktf';
  readonly argv: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly files: { readonly override?: unknown };
  /** Set on the line a hanging stub logs when it receives a signal. */
  readonly signal?: string;
}

export interface Stubs {
  /** Directory to put first on PATH. */
  readonly bin: string;
  readonly log: string;
  /** Every call logged since the last `reset()`. */
  calls(): LoggedCall[];
  /** Empties the log and the stubs' counters. */
  reset(): void;
}

/** Writes the stubs into `<dir>/bin` (only `tools` of them) with their log in `<dir>/state`. */
export function installStubs(dir: string, tools: readonly string[] = ['terraform', 'aws', 'kubectl', 'cdktf']): Stubs {
  const bin = path.join(dir, 'bin');
  const state = path.join(dir, 'state');
  fs.mkdirSync(bin, { recursive: true });
  fs.mkdirSync(state, { recursive: true });
  fs.writeFileSync(path.join(bin, 'stub.js'), STUB_SOURCE);
  for (const tool of tools) {
    const node = `#!${process.execPath}\nrequire('./stub.js')(${JSON.stringify(tool)});\n`;
    if (tool === 'terraform' || tool === 'aws') {
      // Node answers through node-<tool> what the shell script hands on.
      fs.writeFileSync(path.join(bin, `node-${tool}`), node, { mode: 0o755 });
      const header = `#!/bin/sh\ntool=${tool}\nSTUB_NODE='${process.execPath}'\nSTUB_BIN='${bin}'\n`;
      fs.writeFileSync(path.join(bin, tool), header + FAST_SOURCE, { mode: 0o755 });
    } else {
      fs.writeFileSync(path.join(bin, tool), node, { mode: 0o755 });
    }
  }
  const log = path.join(state, 'calls.jsonl');
  const reset = () => {
    for (const f of fs.readdirSync(state)) fs.rmSync(path.join(state, f));
    fs.writeFileSync(log, '');
  };
  reset();
  return {
    bin,
    log,
    reset,
    calls: () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LoggedCall),
  };
}

/** PATH for a rehearsal: the stubs, then only the system directories (no real terraform, aws or kubectl). */
export function stubPath(stubs: Stubs): string {
  return [stubs.bin, '/usr/bin', '/bin'].join(path.delimiter);
}
