import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Variables that would point git at another repository, index or identity than the test's own. */
const GIT_VARIABLES = ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL'];

/**
 * A work directory in the system temp directory (`prefix`-*, its real path) and, from `beforeAll` to `afterAll`, a git
 * with no user or system configuration: identity defaults and hooks are what the tests say they are. The environment
 * is restored and the directory removed after the file.
 */
export function isolatedGitWorkDir(prefix: string, setUp: (work: string) => void = () => undefined): string {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const saved = { ...process.env };
  beforeAll(() => {
    fs.writeFileSync(path.join(work, 'gitconfig'), '');
    Object.assign(process.env, { GIT_CONFIG_GLOBAL: path.join(work, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' });
    for (const name of GIT_VARIABLES) delete process.env[name];
    setUp(work);
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(work, { recursive: true, force: true });
  });
  return work;
}
