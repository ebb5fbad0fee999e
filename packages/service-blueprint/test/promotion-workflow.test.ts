import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'projen';
import * as YAML from 'yaml';
import { PavedService, type PavedServiceOptions } from '../src';
import { useTempOutdirs } from './temp-outdirs';

/**
 * One build, pushed once, promoted by digest: the workflow's shape, and its scripts run as written in ci.yml against
 * stub `aws`, `skopeo` and `docker` binaries that record their calls (no AWS account, no registry).
 */
const outdir = useTempOutdirs('paved-promotion-test-');
const REQUIRED = { name: 'orders', organization: 'northwind', team: 'core', awsAccount: '345678901234', awsRegion: 'eu-west-1' };
const workflowOf = (options: Partial<PavedServiceOptions> = {}) =>
  YAML.parse(Testing.synth(new PavedService({ ...REQUIRED, outdir: outdir(), defaultReleaseBranch: 'main', ...options }))['.github/workflows/ci.yml']);

const wf = workflowOf();
const ENVS = ['dev', 'staging', 'prod'];
const steps = (job: string): any[] => wf.jobs[job].steps;
const stepNamed = (job: string, name: string) => steps(job).find((s) => s.name === name);
const runs = (job: string): string[] => steps(job).map((s) => s.run ?? '').filter(Boolean);
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('the workflow builds once, pushes once and promotes by digest', () => {
  test('only the image job builds, and only publish pushes (once, to the first environment\'s repository)', () => {
    const all = Object.keys(wf.jobs).flatMap((job) => runs(job).map((run) => ({ job, run })));
    expect(all.filter((x) => /docker build\b/.test(x.run)).map((x) => x.job)).toEqual(['image']);
    expect(all.filter((x) => /docker push\b/.test(x.run)).map((x) => x.job)).toEqual(['publish']);
    expect(runs('publish').join('\n').match(/docker push /g)).toHaveLength(1);
    expect(wf.jobs.publish.env).toMatchObject({ BUILD_REPOSITORY: 'northwind-dev-orders', BUILD_TAG: 'build-${{ github.sha }}' });
    expect(runs('publish').join('\n')).not.toMatch(/for repository in/);
  });

  test.each(ENVS.map((env, i) => [env, i] as const))('promote-%s copies the published digest, in its GitHub environment, with its own role', (env, i) => {
    const job = wf.jobs[`promote-${env}`];
    expect(job.environment).toBe(env);
    expect(job.needs).toEqual(i === 0 ? 'publish' : ['publish', `propose-${ENVS[i - 1]}`]);
    expect(job.env).toEqual({
      REGISTRY: '345678901234.dkr.ecr.eu-west-1.amazonaws.com',
      DIGEST: '${{ needs.publish.outputs.digest }}',
      // From where the image was tested last: the previous environment's repository (the first: the build's).
      SOURCE_REPOSITORY: `northwind-${i === 0 ? 'dev' : ENVS[i - 1]}-orders`,
      TARGET_REPOSITORY: `northwind-${env}-orders`,
      RELEASE_TAG: 'release-${{ github.sha }}',
    });
    expect(job.concurrency).toEqual({ 'group': `\${{ github.workflow }}-promote-${env}`, 'cancel-in-progress': false });
    expect(steps(`promote-${env}`).map((s) => s.name)).toEqual([`Assume the ${env} promotion role through GitHub OIDC`, `Copy the digest into northwind-${env}-orders`]);
    expect(stepNamed(`promote-${env}`, `Assume the ${env} promotion role through GitHub OIDC`).with).toEqual({
      'role-to-assume': `arn:aws:iam::345678901234:role/northwind-${env}-ci-promote`,
      'role-session-name': `orders-promote-${env}`,
      'aws-region': 'eu-west-1',
      'allowed-account-ids': '345678901234',
    });
    expect(runs(`promote-${env}`).join('\n')).not.toMatch(/docker (build|push)/);
  });

  test.each(ENVS)('propose-%s pins the digest for its environment only, with no AWS access', (env) => {
    const job = wf.jobs[`propose-${env}`];
    expect(job.needs).toEqual(['publish', `promote-${env}`]);
    expect(job.permissions).toEqual({ contents: 'read' });
    // The GitHub App's key is a secret of this one environment (deployment branches: main), not of the repository.
    expect(job.environment).toBe('gitops-promotion');
    expect(JSON.stringify(job)).not.toMatch(/configure-aws-credentials|id-token/);
    expect(stepNamed(`propose-${env}`, `Pin the digest for ${env} in the descriptor`).env).toEqual({
      ENVIRONMENT: env,
      DIGEST: '${{ needs.publish.outputs.digest }}',
    });
    expect(stepNamed(`propose-${env}`, 'Open or update the pull request').with.branch).toBe(`paved/orders-${env}-image`);
  });

  test('no job but publish and the promotions can reach AWS, and the workflow holds no AWS keys', () => {
    const withAws = Object.keys(wf.jobs).filter((job) => steps(job).some((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@')));
    expect(withAws).toEqual(['publish', ...ENVS.map((e) => `promote-${e}`)]);
    expect(JSON.stringify(wf)).not.toMatch(/aws-access-key-id|aws-secret-access-key/i);
  });

  test('pushes to main are not serialized behind a promotion waiting for approval; pull request runs are', () => {
    expect(wf.concurrency).toEqual({
      'group': "${{ github.workflow }}-${{ github.event_name == 'push' && github.sha || github.ref }}",
      'cancel-in-progress': false,
    });
  });

  test('the promotion order follows `environments`', () => {
    const two = workflowOf({ environments: ['qa', 'live'] });
    expect(Object.keys(two.jobs)).toEqual(['verify', 'image', 'publish', 'promote-qa', 'propose-qa', 'promote-live', 'propose-live']);
    expect(two.jobs.publish.env.BUILD_REPOSITORY).toBe('northwind-qa-orders');
    expect(two.jobs['promote-live'].env).toMatchObject({ SOURCE_REPOSITORY: 'northwind-qa-orders', TARGET_REPOSITORY: 'northwind-live-orders' });
    expect(two.jobs['promote-live'].needs).toEqual(['publish', 'propose-qa']);
  });
});

/** A directory with stub binaries on PATH; each appends `<name> <argv>` to calls.log. */
function sandbox(behaviour: { describeImages?: string[]; loginPassword?: string }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-promote-stubs-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls.log');
  // `aws ecr describe-images` answers the next line of describe.txt (empty: the tag does not exist, exit 254).
  fs.writeFileSync(path.join(dir, 'describe.txt'), (behaviour.describeImages ?? []).join('\n') + '\n');
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> "${log}"\n${body}\n`, { mode: 0o755 });
  stub('aws', [
    'if [ "$2" = "describe-images" ]; then',
    `  line="$(head -n1 '${dir}/describe.txt')"; sed -i 1d '${dir}/describe.txt'`,
    '  if [ -z "$line" ]; then echo "ImageNotFoundException" >&2; exit 254; fi',
    '  echo "$line"',
    'elif [ "$2" = "get-login-password" ]; then',
    `  echo '${behaviour.loginPassword ?? 'secret-token'}'`,
    'fi',
  ].join('\n'));
  stub('skopeo', 'if [ "$1" = "login" ]; then echo "stdin:$(cat)" >> "' + log + '"; fi');
  stub('docker', '');
  const output = path.join(dir, 'github_output');
  fs.writeFileSync(output, '');
  return {
    run(script: string, env: Record<string, string>) {
      const r = spawnSync('bash', ['-e', '-c', script], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: `${bin}:/usr/bin:/bin`, GITHUB_OUTPUT: output, AWS_REGION: 'eu-west-1', ...env },
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls: fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [], output: fs.readFileSync(output, 'utf8') };
    },
  };
}

const jobEnv = (job: string) => Object.fromEntries(Object.entries<string>(wf.jobs[job].env).map(([k, v]) => [k, v.replace('${{ github.sha }}', SHA).replace('${{ needs.publish.outputs.digest }}', DIGEST)]));

describe('the publish script, run with stub binaries', () => {
  const script = stepNamed('publish', 'Push the build').run;
  const env = { ...jobEnv('publish'), IMAGE: `orders:${SHA}` };

  test('tags and pushes the local image once as build-<sha>, and outputs the digest ECR reports', () => {
    const r = sandbox({ describeImages: ['', DIGEST] }).run(script, env);
    expect(r.code).toBe(0);
    expect(r.calls.filter((c) => c.startsWith('docker'))).toEqual([
      `docker tag orders:${SHA} 345678901234.dkr.ecr.eu-west-1.amazonaws.com/northwind-dev-orders:build-${SHA}`,
      `docker push 345678901234.dkr.ecr.eu-west-1.amazonaws.com/northwind-dev-orders:build-${SHA}`,
    ]);
    expect(r.output).toBe(`tag=build-${SHA}\ndigest=${DIGEST}\n`);
  });

  test('a re-run of the same commit pushes nothing and promotes the image already there', () => {
    const r = sandbox({ describeImages: [DIGEST, DIGEST] }).run(script, env);
    expect(r.code).toBe(0);
    expect(r.calls.filter((c) => c.startsWith('docker'))).toEqual([]);
    expect(r.stdout).toContain('pushed by an earlier run of this commit');
    expect(r.output).toContain(`digest=${DIGEST}`);
  });

  test('fails when ECR reports no digest after the push', () => {
    const r = sandbox({ describeImages: ['', ''] }).run(script, env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error::no digest for northwind-dev-orders:build-${SHA} after the push`);
    expect(r.output).toBe('');
  });
});

describe('the promotion script, run with stub binaries', () => {
  const script = stepNamed('promote-prod', 'Copy the digest into northwind-prod-orders').run;
  const env = jobEnv('promote-prod');

  test('copies the digest from the previous environment\'s repository with skopeo, preserving it, then checks it', () => {
    const r = sandbox({ describeImages: ['', DIGEST] }).run(script, env);
    expect(r.code).toBe(0);
    // The two sides of the login pipe start together: their log lines come in either order.
    const login = r.calls.slice(1, 3).sort();
    expect(login).toEqual(['aws ecr get-login-password --region eu-west-1', 'skopeo login --username AWS --password-stdin 345678901234.dkr.ecr.eu-west-1.amazonaws.com']);
    expect([r.calls[0], ...r.calls.slice(3)]).toEqual([
      `aws ecr describe-images --repository-name northwind-prod-orders --image-ids imageTag=release-${SHA} --query imageDetails[0].imageDigest --output text`,
      'stdin:secret-token',
      `skopeo copy --all --preserve-digests docker://345678901234.dkr.ecr.eu-west-1.amazonaws.com/northwind-staging-orders@${DIGEST} docker://345678901234.dkr.ecr.eu-west-1.amazonaws.com/northwind-prod-orders:release-${SHA}`,
      `aws ecr describe-images --repository-name northwind-prod-orders --image-ids imageTag=release-${SHA} --query imageDetails[0].imageDigest --output text`,
    ]);
    expect(r.output).toBe(`tag=release-${SHA}\n`);
  });

  test('a re-run finds the release tag on the same digest and copies nothing', () => {
    const r = sandbox({ describeImages: [DIGEST, DIGEST] }).run(script, env);
    expect(r.code).toBe(0);
    expect(r.calls.some((c) => c.startsWith('skopeo'))).toBe(false);
    expect(r.stdout).toContain(`northwind-prod-orders:release-${SHA} already holds ${DIGEST}`);
  });

  test('refuses a release tag that holds another digest', () => {
    const other = `sha256:${'cd'.repeat(32)}`;
    const r = sandbox({ describeImages: [other] }).run(script, env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error::northwind-prod-orders:release-${SHA} holds ${other}, not ${DIGEST}`);
    expect(r.calls.some((c) => c.startsWith('skopeo'))).toBe(false);
  });

  test('fails when the copy did not land on the same digest', () => {
    const r = sandbox({ describeImages: ['', `sha256:${'ef'.repeat(32)}`] }).run(script, env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('after the copy, not');
    expect(r.output).toBe('');
  });

  test('fails before any call when publish reported no digest', () => {
    const r = sandbox({}).run(script, { ...env, DIGEST: '' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error::the publish job reported no image digest');
    expect(r.calls).toEqual([]);
  });
});

describe('the descriptor pin, run as written in ci.yml', () => {
  const ci = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-pin-'));
    fs.mkdirSync(path.join(dir, 'service'));
    fs.mkdirSync(path.join(dir, 'platform'));
    fs.writeFileSync(path.join(dir, 'service', 'paved.service.json'), JSON.stringify({
      name: 'orders',
      team: 'core',
      image: { tag: 'unreleased' },
      port: 8080,
      environments: { dev: { replicas: 1 }, staging: { replicas: 2 }, prod: { replicas: 2 } },
    }));
    return dir;
  };
  const pin = (dir: string, env: string, digest = DIGEST) =>
    spawnSync('bash', ['-e', '-c', stepNamed(`propose-${env}`, `Pin the digest for ${env} in the descriptor`).run], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ENVIRONMENT: env, DIGEST: digest },
    });
  const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'platform', 'services', 'orders.json'), 'utf8'));

  test('a first promotion pins its environment; the others keep the fallback tag', () => {
    const dir = ci();
    expect(pin(dir, 'dev').status).toBe(0);
    expect(read(dir).image).toEqual({ tag: 'unreleased' });
    expect(read(dir).environments).toEqual({ dev: { replicas: 1, imageTag: DIGEST }, staging: { replicas: 2 }, prod: { replicas: 2 } });
  });

  test('a promotion changes only its environment\'s pin, and keeps the platform copy\'s fallback tag', () => {
    const dir = ci();
    const prodDigest = `sha256:${'01'.repeat(32)}`;
    fs.mkdirSync(path.join(dir, 'platform', 'services'));
    fs.writeFileSync(path.join(dir, 'platform', 'services', 'orders.json'), JSON.stringify({
      name: 'orders',
      image: { tag: SHA }, // written by earlier Paved CI: still what unpinned environments run
      environments: { dev: { replicas: 1, imageTag: `sha256:${'02'.repeat(32)}` }, prod: { replicas: 2, imageTag: prodDigest } },
    }));
    expect(pin(dir, 'dev').status).toBe(0);
    const written = read(dir);
    expect(written.image).toEqual({ tag: SHA });
    expect(written.environments).toEqual({
      dev: { replicas: 1, imageTag: DIGEST },
      staging: { replicas: 2 },
      prod: { replicas: 2, imageTag: prodDigest },
    });
    expect(written.port).toBe(8080); // the rest comes from the service's descriptor as it is now
    expect(fs.readFileSync(path.join(dir, 'platform', 'services', 'orders.json'), 'utf8')).toMatch(/\n {2}"name": "orders",\n[\s\S]*\}\n$/);
  });

  test('refuses anything but a digest', () => {
    const r = pin(ci(), 'dev', 'latest');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('DIGEST is not an image digest: latest');
  });
});
