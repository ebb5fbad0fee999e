import * as fs from 'node:fs';
import * as path from 'node:path';
import { Component, type Project, SampleFile } from 'projen';
import type { PavedService } from '../paved-service';
import { serviceSourceFiles } from '../samples/service-source';
import { serviceTestFiles } from '../samples/service-tests';

/**
 * The team-owned code: `src/` and `test/` are filled only when the folder does not exist yet (at `projen new`), as
 * samples that projen never rewrites. Later runs leave both folders alone, whatever the team changed or deleted.
 */
export class ServiceSamples extends Component {
  public static of(project: Project): ServiceSamples | undefined {
    return project.components.find((c): c is ServiceSamples => c instanceof ServiceSamples);
  }

  /** Sample files written by this run (relative paths); empty when the folders already existed. */
  public readonly files: string[] = [];

  constructor(project: PavedService) {
    super(project);
    // Decided before synthesis: projen writes generated files such as test/tsconfig.json into these folders.
    this.addFolder(project, project.srcdir, serviceSourceFiles(project.service));
    this.addFolder(project, project.testdir, serviceTestFiles(project.service));
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
