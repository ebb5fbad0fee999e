import { renderGitops, toYaml, validateRendered } from '@paved/gitops-apps';
import { resolvePlatform } from '@paved/shared-config';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG } from './defaults';
import { UsageError } from './user-error';
import { loadConfig } from '../config/load-config';
import { provenanceFile, sourceCommitOf } from '../gitops/provenance';
import { publishToBranch } from '../gitops/publish';
import { checkConfig, checkEnvironmentFilter } from '../synth/check-config';

const PROVENANCE = 'hydrator.metadata';
const USAGE = 'paved gitops publish --branch NAME [--repo PATH_OR_URL] [--push] [--config FILE] [--env NAME ...]';

export const gitopsCommand: Command = {
  name: 'gitops',
  summary: 'Commit the rendered GitOps tree of every environment to a branch (without touching your working tree)',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'publish') throw new UsageError(`paved gitops: expected the subcommand 'publish' (usage: ${USAGE})`);
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
