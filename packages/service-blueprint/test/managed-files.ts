import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Project, Testing } from 'projen';

/**
 * Registers the tests every project type's managed files share: a snapshot of each, and that projen owns each one
 * (listed in `.projen/files.json`, written read-only). Call it inside the suite's `describe`.
 */
export function testManagedFiles(make: () => Project, files: readonly string[]): void {
  const out = Testing.synth(make());
  test.each(files)('%s', (file) => {
    expect(out[file]).toBeDefined();
    expect(out[file]).toMatchSnapshot();
  });

  test('every managed file is read-only and listed in .projen/files.json', () => {
    const project = make();
    project.synth();
    const listed: string[] = JSON.parse(fs.readFileSync(path.join(project.outdir, '.projen/files.json'), 'utf8')).files;
    for (const file of files) {
      expect(listed).toContain(file);
      expect(fs.statSync(path.join(project.outdir, file)).mode & 0o222).toBe(0);
    }
  });
}
