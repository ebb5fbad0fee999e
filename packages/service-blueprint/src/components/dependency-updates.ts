import { Component, github, type Project } from 'projen';
import { gitHubOf } from './github-of';

const SCHEDULE = github.DependabotScheduleInterval.WEEKLY;
const OPEN_PULL_REQUESTS = 5;
// New releases wait a few days: most malicious versions are caught and pulled within that time.
const COOLDOWN_DAYS = 3;

/** Options of `DependencyUpdates`. */
export interface DependencyUpdatesOptions {
  /**
   * Also update the Python dependencies locked in `uv.lock` (the team owns `pyproject.toml`, so Dependabot may raise
   * its lower bounds too).
   * @default false
   */
  readonly uv?: boolean;
}

/**
 * Dependabot for npm, lockfile only: package.json is generated from `.projenrc.ts`, so Dependabot moves versions
 * inside the declared ranges. projen and the blueprint are upgraded on purpose (then `npx projen` twice), and so are
 * the Dockerfile base image and the workflow's actions, which the blueprint pins: Dependabot PRs to generated files
 * would fail the CI drift check.
 */
export class DependencyUpdates extends Component {
  public static of(project: Project): DependencyUpdates | undefined {
    return project.components.find((c): c is DependencyUpdates => c instanceof DependencyUpdates);
  }

  public readonly dependabot: github.Dependabot;

  constructor(project: Project, options: DependencyUpdatesOptions = {}) {
    super(project);
    this.dependabot = new github.Dependabot(gitHubOf(project, 'DependencyUpdates'), {
      scheduleInterval: SCHEDULE,
      versioningStrategy: github.VersioningStrategy.LOCKFILE_ONLY,
      ignoreProjen: true,
      ignore: [{ dependencyName: '@paved/service-blueprint' }],
      groups: { npm: { patterns: ['*'] } },
      openPullRequestsLimit: OPEN_PULL_REQUESTS,
      cooldown: { defaultDays: COOLDOWN_DAYS },
    });
    if (options.uv) {
      this.dependabot.config.updates.push({
        'package-ecosystem': 'uv',
        'directory': '/',
        'schedule': { interval: SCHEDULE },
        'groups': { python: { patterns: ['*'] } },
        'open-pull-requests-limit': OPEN_PULL_REQUESTS,
        'cooldown': { 'default-days': COOLDOWN_DAYS },
      });
    }
  }
}
