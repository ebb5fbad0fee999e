import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Project, Testing } from 'projen';
import * as YAML from 'yaml';

/**
 * Registers the tests every project type's managed files share: each is generated and not empty, and projen owns it
 * (listed in `.projen/files.json`, written read-only). Call it inside the suite's `describe`. What each file must do
 * (non-root image, OIDC, digest promotion, ...) is asserted by the suite's own tests, not by whole-file snapshots:
 * an updated snapshot accepts any change, including the loss of the property the file exists for.
 */
export function testManagedFiles(make: () => Project, files: readonly string[]): void {
  const out = Testing.synth(make());
  test.each(files)('%s is generated and not empty', (file) => {
    const content: unknown = out[file];
    expect(content).toBeDefined();
    expect(typeof content === 'string' ? content.trim() : Object.keys(content as object)).not.toHaveLength(0);
  });

  test('every managed file is read-only and listed in .projen/files.json', () => {
    const project = make();
    project.synth();
    const listed: string[] = JSON.parse(fs.readFileSync(path.join(project.outdir, '.projen/files.json'), 'utf8')).files;
    for (const file of files) {
      expect(listed).toContain(file);
      expect(fs.statSync(path.join(project.outdir, file)).mode & 0o222).toBe(0);
    }
  });
}

/** An image reference pinned to an exact version (and optionally a digest): never `latest`, never a bare name. */
const PINNED_IMAGE = /^[a-z0-9][\w./-]*:\d[\w.-]*(@sha256:[0-9a-f]{64})?$/;

/**
 * What every blueprint's Dockerfile must do, whatever its stages: pinned base images, and a runtime stage (the last)
 * that runs as one numeric non-root user set before its command, with an exec-form HEALTHCHECK. Holds with or without
 * digest pins, so that a change of the base images keeps these tests meaningful.
 */
export function expectHardenedDockerfile(dockerfile: string): void {
  const lines = dockerfile.split('\n');
  const froms = lines.filter((l) => l.startsWith('FROM '));
  expect(froms.length).toBeGreaterThan(1);
  for (const from of froms) expect(from.split(' ')[1]).toMatch(PINNED_IMAGE);
  expect(dockerfile).not.toMatch(/:latest\b/);
  const runtime = lines.slice(lines.lastIndexOf(froms[froms.length - 1]));
  expect(froms[froms.length - 1]).toMatch(/ AS runtime$/);
  const users = lines.filter((l) => l.startsWith('USER '));
  expect(users).toHaveLength(1);
  expect(users[0]).toMatch(/^USER [1-9]\d*:[1-9]\d*$/);
  const start = runtime.findIndex((l) => /^(CMD|ENTRYPOINT) \[/.test(l));
  expect(start).toBeGreaterThan(runtime.indexOf(users[0]));
  expect(runtime.filter((l) => /^HEALTHCHECK .* CMD \[/.test(l))).toHaveLength(1);
}

/** The local stack of docker-compose.yml: ports on localhost only, the service hardened, every other image pinned. */
export function expectLocalCompose(compose: any, service: string): void {
  for (const s of Object.values(compose.services) as { ports?: string[] }[]) {
    for (const p of s.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  }
  expect(compose.services[service]).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
  expect(compose.services[service].build.target).toBe('runtime');
  for (const [name, s] of Object.entries(compose.services) as [string, { image?: string }][]) {
    if (name !== service) expect(s.image).toMatch(PINNED_IMAGE);
  }
}

/**
 * The platform's CI contract, shared by every project type: read-only by default, AWS reached only through GitHub OIDC
 * by publish and the promotions, the published digest (never a tag) promoted, every action pinned to a commit SHA.
 */
export function expectPlatformWorkflow(workflowYaml: string, environments: readonly string[] = ['dev', 'staging', 'prod']): void {
  expect(workflowYaml).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY|AWS_SECRET/i);
  const wf = YAML.parse(workflowYaml);
  expect(wf.permissions).toEqual({ contents: 'read' });
  const jobs = Object.entries(wf.jobs) as [string, any][];
  const withAws = jobs.filter(([, job]) => job.steps.some((s: any) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@')));
  expect(withAws.map(([name]) => name)).toEqual(['publish', ...environments.map((e) => `promote-${e}`)]);
  for (const [name, job] of jobs) {
    expect([name, job.permissions['id-token']]).toEqual([name, withAws.some(([n]) => n === name) ? 'write' : undefined]);
    for (const step of job.steps.filter((s: any) => s.uses)) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  }
  expect(wf.jobs.publish.outputs.digest).toBe('${{ steps.push.outputs.digest }}');
  for (const env of environments) {
    expect(wf.jobs[`promote-${env}`].env.DIGEST).toBe('${{ needs.publish.outputs.digest }}');
    expect(wf.jobs[`promote-${env}`].environment).toBe(env);
  }
}
