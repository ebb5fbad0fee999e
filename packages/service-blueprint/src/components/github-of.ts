import { github, type Project } from 'projen';

/** The project's GitHub component, which the workflow and Dependabot files hang off; a clear error when it is off. */
export function gitHubOf(project: Project, component: string): github.GitHub {
  const gh = github.GitHub.of(project);
  if (!gh) throw new Error(`${project.name}: ${component} needs the project's GitHub component (github: true)`);
  return gh;
}
