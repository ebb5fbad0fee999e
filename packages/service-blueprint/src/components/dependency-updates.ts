import { Component, github, type Project } from 'projen';

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
    const gh = github.GitHub.of(project);
    if (!gh) throw new Error(`${project.name}: DependencyUpdates needs the project's GitHub component (github: true)`);
    this.dependabot = new github.Dependabot(gh, {
      scheduleInterval: github.DependabotScheduleInterval.WEEKLY,
      versioningStrategy: github.VersioningStrategy.LOCKFILE_ONLY,
      ignoreProjen: true,
      ignore: [{ dependencyName: '@paved/service-blueprint' }],
      groups: { npm: { patterns: ['*'] } },
      openPullRequestsLimit: 5,
      // New releases wait a few days: most malicious versions are caught and pulled within that time.
      cooldown: { defaultDays: 3 },
    });
    if (options.uv) {
      this.dependabot.config.updates.push({
        'package-ecosystem': 'uv',
        'directory': '/',
        'schedule': { interval: github.DependabotScheduleInterval.WEEKLY },
        'groups': { python: { patterns: ['*'] } },
        'open-pull-requests-limit': 5,
        'cooldown': { 'default-days': 3 },
      });
    }
  }
}
