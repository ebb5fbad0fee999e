import * as fs from 'node:fs';
import * as path from 'node:path';
import { Component, type Project, SampleFile } from 'projen';

/** Options of `ServiceSamples`. */
export interface ServiceSamplesOptions {
  /** Sample files per folder (relative to the project root), each a map of file path to contents. */
  readonly folders: { [folder: string]: { [file: string]: string } };
}

/**
 * The team-owned code: each sample folder (such as `src/` and `test/`) is filled only when it does not exist yet (at
 * `projen new`), as samples that projen never rewrites. Later runs leave the folders alone, whatever the team changed
 * or deleted.
 */
export class ServiceSamples extends Component {
  public static of(project: Project): ServiceSamples | undefined {
    return project.components.find((c): c is ServiceSamples => c instanceof ServiceSamples);
  }

  /** Sample files written by this run (relative paths); empty when the folders already existed. */
  public readonly files: string[] = [];

  constructor(project: Project, options: ServiceSamplesOptions) {
    super(project);
    // Decided before synthesis: projen writes generated files such as test/tsconfig.json into these folders.
    for (const [folder, files] of Object.entries(options.folders)) this.addFolder(project, folder, files);
  }

  private addFolder(project: Project, dir: string, files: { [name: string]: string }): void {
    if (fs.existsSync(path.join(project.outdir, dir))) return;
    for (const [name, contents] of Object.entries(files)) {
      const file = path.posix.join(dir, name);
      new SampleFile(project, file, { contents });
      this.files.push(file);
    }
  }
}
