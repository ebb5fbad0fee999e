import { Component, github, type Project } from 'projen';
import type { PavedService } from '../paved-service';

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

  constructor(project: PavedService) {
    super(project);
    this.dependabot = new github.Dependabot(project.github!, {
      scheduleInterval: github.DependabotScheduleInterval.WEEKLY,
      versioningStrategy: github.VersioningStrategy.LOCKFILE_ONLY,
      ignoreProjen: true,
      ignore: [{ dependencyName: '@paved/service-blueprint' }],
      groups: { npm: { patterns: ['*'] } },
      openPullRequestsLimit: 5,
      // New releases wait a few days: most malicious versions are caught and pulled within that time.
      cooldown: { defaultDays: 3 },
    });
  }
}
