import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Registers the suite's hooks and returns a factory of fresh temporary output directories, removed after the suite.
 * ALWAYS synthesize into one: projen synthesizes into the cwd when it is under the temp dir, and could wipe the
 * package. `project.synth()` would also install the generated repository's dependencies: PROJEN_DISABLE_POST is set
 * for the suite, as Testing.synth does.
 */
export function useTempOutdirs(prefix: string): () => string {
  const outdirs: string[] = [];
  const previousDisablePost = process.env.PROJEN_DISABLE_POST;
  beforeAll(() => {
    process.env.PROJEN_DISABLE_POST = 'true';
  });
  afterAll(() => {
    process.env.PROJEN_DISABLE_POST = previousDisablePost;
    if (previousDisablePost === undefined) delete process.env.PROJEN_DISABLE_POST;
    for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    outdirs.push(dir);
    return dir;
  };
}
