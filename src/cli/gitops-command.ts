import * as fs from 'node:fs';
import * as path from 'node:path';
import { chartVersionFor, renderGitops, serviceChart, toYaml, validateRendered } from '@paved/gitops-apps';
import { GITOPS_CATALOG_FOLDER as CATALOG_FOLDER, resolvePlatform } from '@paved/shared-config';
import { CHART_FLAGS, PUBLISH_FLAGS } from './command-table';
import { type Command, type Io, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError, UserError } from './user-error';
import { catalogOutputFiles } from '../catalog/catalog-output';
import { loadConfig } from '../config/load-config';
import { provenanceFile, sourceCommitOf } from '../gitops/provenance';
import { type PublishResult, publishToBranch } from '../gitops/publish';
import { replaceDirectoryAtomically } from '../synth/atomic-output';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';

const PROVENANCE = 'hydrator.metadata';
const USAGE = [
  'paved gitops publish --branch NAME [--repo PATH_OR_URL] [--push] [--config FILE] [--env NAME ...]',
  '       paved gitops chart --service NAME --env NAME --out DIR [--config FILE]',
].join('\n');

export const gitopsCommand: Command = {
  name: 'gitops',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'chart') return writeChart(rest, io);
    if (sub !== 'publish') throw new UsageError(`paved gitops: expected a subcommand, 'publish' or 'chart' (usage: ${USAGE})`);
    const options = parseOptions('gitops publish', rest, PUBLISH_FLAGS);
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
    // A publish of every environment also carries the Backstage catalog (`<root>/catalog/`, a folder Paved owns like an
    // environment's): it describes the whole platform, so a publish of some environments leaves it as it is.
    const withCatalog = !options.env;
    const catalog = withCatalog ? catalogOutputFiles(platform).map((f) => ({ path: `${CATALOG_FOLDER}/${f.path}`, content: f.content })) : [];
    const files = [
      ...manifests,
      ...catalog,
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
      environments: withCatalog ? [...environments, CATALOG_FOLDER] : environments,
      files,
      message,
      push: options.push ?? false,
      cwd: io.cwd,
    });
    reportPublish(options.branch, result, io);
    return 0;
  },
};

/** What a publish did, in words that never claim more than was compared or pushed. */
function reportPublish(branch: string, result: PublishResult, io: Io): void {
  const say = (line: string) => io.out(`paved gitops publish: ${line}`);
  const short = (sha: string | undefined) => sha?.slice(0, 12) ?? 'none';
  if (!result.remoteBranch) {
    // Without --push only the local branch was compared: never call it "up to date" with anything else.
    if (!result.commit) say(`the local branch ${branch} already holds this render (${short(result.previous)}), nothing committed (no remote compared; --push publishes to origin)`);
    else say(`${branch} -> ${short(result.commit)} (${result.changed.length} files changed, committed to the local branch, not pushed)`);
  } else {
    if (result.retried) say(`${result.remoteBranch} moved between fetch and push (someone published in between); fetched it again and rebuilt on top of ${short(result.previous)}`);
    if (!result.commit) say(`${branch} is up to date with ${result.remoteBranch} (${short(result.previous)}), nothing committed`);
    else say(`${result.remoteBranch} -> ${short(result.commit)} (${result.previous ? `on top of ${short(result.previous)}` : 'new branch'}, ${result.changed.length} files changed, pushed)`);
  }
  for (const file of result.changed) io.out(`  ${file}`);
  const local = result.local;
  if (!local) return;
  const remote = `${result.remoteBranch} (${short(local.target)})`;
  switch (local.status) {
    case 'fast-forwarded': return say(`local branch ${branch} fast-forwarded to ${remote}, was ${short(local.before)}`);
    case 'diverged': return say(`local branch ${branch} (${short(local.before)}) has commits that are not on ${remote}; left as is (git branch -f ${branch} ${short(local.target)} to follow it)`);
    case 'checked-out': return say(`local branch ${branch} is checked out in ${local.worktree}; left at ${short(local.before)}, not moved to ${remote}`);
    case 'moved': return say(`local branch ${branch} moved while publishing; left as is (${remote})`);
    default: return undefined; // same, or absent: nothing to say
  }
}

/** `paved gitops chart`: one service of one environment as a Helm chart, written atomically to `--out`. */
async function writeChart(args: string[], io: Io): Promise<number> {
  const options = parseOptions('gitops chart', args, CHART_FLAGS);
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
  }, { kind: 'chart', shown: `--out ${options.out}` });
  io.out(`paved gitops chart: ${service.name} (${env.name}) -> ${options.out} (helm upgrade --install ${service.name} ${options.out})`);
  return 0;
}
