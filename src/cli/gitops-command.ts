import * as fs from 'node:fs';
import * as path from 'node:path';
import { chartVersionFor, renderGitops, serviceChart, toYaml, validateRendered } from '@paved/gitops-apps';
import { resolvePlatform } from '@paved/shared-config';
import { type Command, type Io, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError, UserError } from './user-error';
import { loadConfig } from '../config/load-config';
import { provenanceFile, sourceCommitOf } from '../gitops/provenance';
import { publishToBranch } from '../gitops/publish';
import { replaceDirectoryAtomically } from '../synth/atomic-output';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';

const PROVENANCE = 'hydrator.metadata';
const USAGE = [
  'paved gitops publish --branch NAME [--repo PATH_OR_URL] [--push] [--config FILE] [--env NAME ...]',
  '       paved gitops chart --service NAME --env NAME --out DIR [--config FILE]',
].join('\n');

export const gitopsCommand: Command = {
  name: 'gitops',
  summary: 'Commit the rendered GitOps tree of every environment to a branch (without touching your working tree)',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'chart') return writeChart(rest, io);
    if (sub !== 'publish') throw new UsageError(`paved gitops: expected a subcommand, 'publish' or 'chart' (usage: ${USAGE})`);
    const options = parseOptions('gitops publish', rest, {
      config: { type: 'string' },
      branch: { type: 'string' },
      repo: { type: 'string' },
      push: { type: 'boolean' },
      env: { type: 'string', multiple: true },
    });
    if (!options.branch) throw new UsageError(`paved gitops publish: --branch is required (usage: ${USAGE})`);
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    const checked = checkConfig(loaded);
    checked.warningLines.forEach((l) => io.err(l));
    if (options.env) checkEnvironmentFilter(checked.config, loaded.displayPath, options.env);
    const platform = resolvePlatform(checked.config);
    const environments = platform.environments.map((e) => e.name).filter((n) => !options.env || options.env.includes(n));

    const rendered = renderGitops(platform, environments);
    const problems = validateRendered(rendered, platform.gitops.path);
    if (problems.length > 0) {
      // The renderer produced something invalid: a bug in Paved, not in the config.
      throw new Error(`rendered manifests failed validation:\n${problems.map((p) => `${p.file}: ${p.document}: ${p.message}`).join('\n')}`);
    }
    const sourceCommit = sourceCommitOf(loaded.file);
    const manifests = rendered.map((f) => ({ path: f.path, content: toYaml(f.documents) }));
    const files = [
      ...manifests,
      ...environments.map((environment) => ({
        path: `${environment}/${PROVENANCE}`,
        content: provenanceFile({
          environment,
          sourceCommit,
          manifests: manifests.filter((f) => f.path.startsWith(`${environment}/`)).flatMap((f) => [f.path, f.content]),
          repoUrl: platform.gitops.repoUrl,
        }),
      })),
    ];
    const message = [
      `paved: render ${environments.join(', ')}`,
      '',
      `Source commit: ${sourceCommit}`,
      `Config hash: ${loaded.hash}`,
      '',
    ].join('\n');
    const result = publishToBranch({
      repo: options.repo ?? '.',
      branch: options.branch,
      root: platform.gitops.path,
      environments,
      files,
      message,
      push: options.push ?? false,
      cwd: io.cwd,
    });
    if (!result.commit) {
      io.out(`paved gitops publish: ${options.branch} is up to date (${result.previous?.slice(0, 12)}), nothing committed`);
      return 0;
    }
    io.out(`paved gitops publish: ${options.branch} -> ${result.commit.slice(0, 12)} (${result.changed.length} files changed${result.pushed ? ', pushed' : ''})`);
    for (const file of result.changed) io.out(`  ${file}`);
    return 0;
  },
};

/** `paved gitops chart`: one service of one environment as a Helm chart, written atomically to `--out`. */
async function writeChart(args: string[], io: Io): Promise<number> {
  const options = parseOptions('gitops chart', args, { config: { type: 'string' }, service: { type: 'string' }, env: { type: 'string' }, out: { type: 'string' } });
  if (!options.service || !options.env || !options.out) throw new UsageError(`paved gitops chart: --service, --env and --out are required (usage: ${USAGE})`);
  const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
  const checked = checkConfig(loaded);
  checkEnvironmentFilter(checked.config, loaded.displayPath, [options.env]);
  const platform = resolvePlatform(checked.config);
  const env = platform.environments.find((e) => e.name === options.env)!;
  const service = env.services.find((s) => s.name === options.service);
  if (!service) {
    const known = env.services.map((s) => s.name).join(', ');
    throw new UserError([`error: ${loaded.displayPath}: --service: '${options.service}' is not a service of ${env.name} (one of ${known})`]);
  }
  const manifests = renderGitops(platform, [env.name]).find((f) => f.path === `${env.name}/services/${service.name}/manifests.yaml`)!;
  const tag = service.image.includes('@') ? service.image.slice(service.image.indexOf('@') + 1) : service.image.slice(service.image.lastIndexOf(':') + 1);
  const files = serviceChart({ service: service.name, environment: env.name, manifests, version: chartVersionFor(tag), appVersion: tag });
  const out = path.resolve(io.cwd, options.out);
  await replaceDirectoryAtomically(out, (dir) => {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.content);
    }
  }, 'Chart.yaml');
  io.out(`paved gitops chart: ${service.name} (${env.name}) -> ${options.out} (helm upgrade --install ${service.name} ${options.out})`);
  return 0;
}
