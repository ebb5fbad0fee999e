import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requiredSecrets } from '@paved/shared-config';
import { ROOT, runPaved, tempDir } from './support/run-paved';
import { costOf } from '../src/cli/cost-command';
import { generatedDocsTargets, renderGeneratedDocs } from '../src/docs/generated-platform-docs';

const scratch = tempDir('paved-docs-');
const root = renderGeneratedDocs(ROOT, { config: 'platform.config.ts', outDir: 'docs/platform' });
const page = (name: string) => root.get(name)!;
const mermaid = (markdown: string) => /```mermaid\n([\s\S]*?)\n```/.exec(markdown)![1];

/** The words of a command line as a POSIX shell splits them (printed back by a real `sh`, NUL-separated). */
function shellWords(command: string): string[] {
  const run = spawnSync('sh', ['-c', `set -- ${command.replace(/^aws /, '')}; printf '%s\\0' "$@"`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sh could not parse: ${command}: ${run.stderr}`);
  return run.stdout.split('\0').slice(0, -1);
}

/** The syntax rules the generator relies on, checked structurally (there is no Mermaid CLI offline). */
function checkMermaid(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines[0] !== 'flowchart TB') problems.push(`first line is ${lines[0]}`);
  const declared = new Set<string>();
  let depth = 0;
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    const subgraph = /^subgraph ([A-Za-z0-9_]+)\["[^"]*"\]$/.exec(line);
    const node = /^([A-Za-z0-9_]+)(\["[^"]*"\]|\("[^"]*"\)|\[\("[^"]*"\)\])$/.exec(line);
    const edge = /^([A-Za-z0-9_]+) -->(\|"[^"]*"\|)? ([A-Za-z0-9_]+)$/.exec(line);
    if (subgraph || node) {
      const id = (subgraph ?? node)![1];
      if (declared.has(id)) problems.push(`${id} declared twice`);
      if (id === 'end') problems.push('a node is named end');
      declared.add(id);
      if (subgraph) depth++;
    } else if (line === 'end') {
      depth--;
    } else if (edge) {
      for (const id of [edge[1], edge[3]]) if (!declared.has(id)) problems.push(`edge to undeclared ${id}`);
    } else {
      problems.push(`unrecognized line: ${line}`);
    }
  }
  if (depth !== 0) problems.push('unbalanced subgraphs');
  return problems;
}

describe('paved docs', () => {
  test('an index and one page per environment', () => {
    // Beside the pages, a TechDocs site: mkdocs.yml and the pages again under docs/ (MkDocs refuses docs_dir = its own folder).
    expect([...root.keys()].sort()).toEqual(['cost.json', 'cost.txt', 'dev.md', 'docs/dev.md', 'docs/index.md', 'docs/prod.md', 'docs/staging.md', 'index.md', 'mkdocs.yml', 'prod.md', 'staging.md']);
    for (const name of ['dev.md', 'index.md', 'prod.md', 'staging.md']) expect(root.get(`docs/${name}`)).toBe(root.get(name));
    expect(page('index.md')).toMatch(/\| \[prod\]\(prod\.md\) \| production \| eu-west-1 \| api, web, worker \| \$[\d.]+ \|/);
  });

  test('the architecture diagram is valid Mermaid for every environment and every example', () => {
    for (const target of generatedDocsTargets(ROOT)) {
      const files = target.config === 'platform.config.ts' ? root : renderGeneratedDocs(ROOT, target);
      for (const [name, content] of files) if (name.endsWith('.md') && !name.endsWith('index.md')) expect({ name, problems: checkMermaid(mermaid(content)) }).toEqual({ name, problems: [] });
    }
  });

  test('the diagram shows the VPC, subnets per tier, NAT, cluster, node groups, data stores, add-ons and services', () => {
    const chart = mermaid(page('prod.md'));
    expect(chart).toContain('subgraph vpc["VPC 10.30.0.0/16"]');
    expect(chart).toMatch(/public_2\["public 3: 10\.30\.\d+\.0\/21"\]/);
    expect(chart.match(/nat_\d\("NAT gateway \d"\)/g)).toHaveLength(3);
    expect(chart).toContain('ng_general["nodes general: 3-9 x m6i.large/m5.large on-demand"]');
    expect(chart).toContain('postgres[("RDS PostgreSQL 16.6 db.m6g.large Multi-AZ")]');
    expect(chart).toContain('alb -->|"api.northwind.dev"| svc_api');
    expect(chart).toContain('svc_worker --> redis');
    expect(chart).toMatch(/addons\["add-ons: .*velero"\]/);
    expect(mermaid(page('dev.md')).match(/nat_\d/g)).toHaveLength(2); // one gateway: its node and the egress edge
  });

  test('a label with characters Mermaid treats specially cannot break the diagram', () => {
    expect(mermaid(page('prod.md'))).toContain('subgraph eks["EKS northwind-prod-eks #40;Kubernetes 1.36#41;"]');
  });

  test('endpoints, cost table and runbooks with the real names', () => {
    const prod = page('prod.md');
    expect(prod).toContain('| api | https://api.northwind.dev | public | postgres, redis |');
    expect(prod).toMatch(/\| \*\*total\*\* \| \*\*\$[\d.]+\*\* \|/);
    expect(prod).toContain('--source-db-instance-identifier northwind-prod-postgres \\');
    expect(prod).toContain('--db-subnet-group-name northwind-prod-postgres --no-publicly-accessible');
    expect(prod).toContain('velero restore create --from-backup <backup-name> --include-namespaces <namespace>');
    expect(prod).toContain('--repository-name northwind-prod-api');
    // Credentials: RDS rotates its master secret; services use IAM, so no password or token is rotated by hand.
    expect(prod).toContain('--db-instance-identifier northwind-prod-postgres');
    expect(prod).toContain('aws secretsmanager rotate-secret --region eu-west-1 --secret-id "$SECRET"');
    expect(prod).not.toContain('--master-user-password');
    expect(prod).not.toContain('--auth-token');
  });

  test('secrets to create: a table of every secret the user creates, and a command for each that the shell and JSON accept', () => {
    const prod = page('prod.md');
    expect(prod).toContain('## Secrets to create');
    expect(prod).toContain('| `northwind/prod/api/jwt` | `signingKey` | service api (JWT_SIGNING_KEY) | Application secret of service api |');
    expect(prod).toMatch(/\| `northwind\/prod\/alerting\/slack-webhook` \| \(plain string\) \| alerting \(Slack receiver #platform-alerts of Alertmanager\) \|/);
    expect(prod).toContain(
      'aws secretsmanager create-secret --name northwind/prod/api/jwt --kms-key-id alias/northwind/prod/secrets '
      + '--secret-string \'{"signingKey":"<signingKey>"}\' --region eu-west-1',
    );
    // Terraform creates the connection secrets: they are not the user's to create.
    const section = prod.slice(prod.indexOf('## Secrets to create'), prod.indexOf('## Monthly cost'));
    expect(section).not.toMatch(/create-secret --name \S*\/connection/);

    // Every command of every page parses as the shell reads it, and its secret string is the JSON of the expected keys.
    for (const target of generatedDocsTargets(ROOT)) {
      const files = target.config === 'platform.config.ts' ? root : renderGeneratedDocs(ROOT, target);
      const { platform } = costOf(target.config, ROOT, undefined, true);
      for (const env of platform.environments) {
        const markdown = files.get(`${env.name}.md`)!;
        const commands = markdown.split('\n').filter((l) => l.startsWith('aws secretsmanager create-secret '));
        const expected = requiredSecrets(platform, env.name);
        expect({ page: `${target.outDir}/${env.name}.md`, count: commands.length }).toEqual({ page: `${target.outDir}/${env.name}.md`, count: expected.length });
        commands.forEach((command, i) => {
          const argv = shellWords(command);
          const arg = (flag: string) => argv[argv.indexOf(flag) + 1];
          expect(arg('--name')).toBe(expected[i].name);
          expect(arg('--region')).toBe(env.region);
          expect(arg('--kms-key-id')).toBe(env.naming.kmsAlias('secrets'));
          const value = arg('--secret-string');
          if (expected[i].keys.length) expect(Object.keys(JSON.parse(value))).toEqual(expected[i].keys);
          else expect(value).toBe('<value>');
        });
      }
    }
  });

  test('writes atomically and refuses a foreign directory', () => {
    const dir = scratch;
    const out = path.join(dir, 'platform');
    expect(runPaved(['docs', '--out', out]).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'prod.md'), 'utf8')).toBe(page('prod.md'));
    expect(runPaved(['docs', '--out', out]).status).toBe(0);
    fs.mkdirSync(path.join(dir, 'mine'));
    fs.writeFileSync(path.join(dir, 'mine', 'notes.md'), 'mine\n');
    const refused = runPaved(['docs', '--out', path.join(dir, 'mine')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not empty and was not written by paved \(no \.paved-output\)/);
  });
});

describe('generated docs and cost output are up to date', () => {
  test.each(generatedDocsTargets(ROOT).map((t) => [t.outDir, t]))('%s', (_, target) => {
    const expected = renderGeneratedDocs(ROOT, target);
    const dir = path.join(ROOT, target.outDir);
    // The ownership marker lists exactly the generated files (paved docs and docs:generate write the same set).
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.paved-output'), 'utf8'))).toEqual({ tool: 'paved', kind: 'docs', files: [...expected.keys()].sort() });
    // Recursive: the TechDocs copies live under docs/ (posix separators, as the expected names are).
    const committed = fs.existsSync(dir)
      ? (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'))
        .filter((f) => f !== '.paved-output' && !fs.statSync(path.join(dir, f)).isDirectory()).sort()
      : [];
    const stale = [...expected.keys()].filter((f) => !fs.existsSync(path.join(dir, f)) || fs.readFileSync(path.join(dir, f), 'utf8') !== expected.get(f));
    const extra = committed.filter((f) => !expected.has(f));
    if (stale.length || extra.length) {
      throw new Error(`${target.outDir} is out of date (${[...stale, ...extra].join(', ')}): run pnpm docs:generate and commit the result`);
    }
  });
});
