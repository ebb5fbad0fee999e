import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, tryGit } from './git';
import { UserError } from '../cli/user-error';

/** One file to publish, its path relative to the GitOps root folder on the branch. */
export interface PublishFile {
  readonly path: string;
  readonly content: string;
}

export interface PublishRequest {
  /** A local repository (bare or not), or a remote URL (published through a temporary bare clone, then pushed). */
  readonly repo: string;
  readonly branch: string;
  /** Folder on the branch that holds the environment folders (`gitops.path` of the config); '' for the top. */
  readonly root: string;
  /** The environment folders this publish owns: each is replaced whole; nothing else on the branch is touched. */
  readonly environments: readonly string[];
  readonly files: readonly PublishFile[];
  readonly message: string;
  /** Push the branch to the repository's `origin` afterwards (always for a URL). */
  readonly push: boolean;
  readonly cwd: string;
}

export interface PublishResult {
  /** The new commit, or undefined when the branch already held exactly this tree. */
  readonly commit?: string;
  readonly previous?: string;
  /** Paths (on the branch) that the commit added, changed or deleted. */
  readonly changed: readonly string[];
  readonly pushed: boolean;
}

const ZERO = '0000000000000000000000000000000000000000';
const isUrl = (repo: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^:\s]+:/.test(repo);

/**
 * Commits the rendered tree of the given environments to a branch with git plumbing only: a temporary index, never
 * the user's index or working tree. The branch moves with a compare-and-swap, so a concurrent publish fails instead
 * of being overwritten; when the resulting tree equals the branch's, no commit is made.
 */
export function publishToBranch(request: PublishRequest): PublishResult {
  if (!/^[A-Za-z0-9._/-]+$/.test(request.branch) || request.branch.includes('..')) {
    throw new UserError([`error: --branch: '${request.branch}' is not a valid branch name (letters, digits, '.', '_', '-', '/')`]);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-publish-'));
  try {
    const remote = isUrl(request.repo);
    const gitDir = remote ? cloneBare(request.repo, work) : localGitDir(request.repo, request.cwd);
    const options = { cwd: gitDir, env: { GIT_INDEX_FILE: path.join(work, 'index'), ...identity(gitDir) } };
    const ref = `refs/heads/${request.branch}`;
    const previous = tryGit(['rev-parse', '--verify', '-q', `${ref}^{commit}`], options);
    git(previous ? ['read-tree', previous] : ['read-tree', '--empty'], options);
    const owned = request.environments.map((env) => posixJoin(request.root, env));
    git(['rm', '-r', '--cached', '--ignore-unmatch', '-q', '--', ...owned], options);

    // Blobs are written from a scratch directory in one batch; the index is filled in one batch too.
    const blobsDir = path.join(work, 'blobs');
    fs.mkdirSync(blobsDir);
    const scratch = request.files.map((f, i) => {
      const file = path.join(blobsDir, String(i));
      fs.writeFileSync(file, f.content);
      return file;
    });
    const shas = request.files.length ? git(['hash-object', '-w', '--stdin-paths'], { ...options, input: scratch.join('\n') }).split('\n') : [];
    const indexInfo = request.files.map((f, i) => `100644 ${shas[i]}\t${posixJoin(request.root, f.path)}`).join('\n');
    if (indexInfo) git(['update-index', '--index-info'], { ...options, input: `${indexInfo}\n` });
    const tree = git(['write-tree'], options);

    if (previous && git(['rev-parse', `${previous}^{tree}`], options) === tree) {
      return { previous, changed: [], pushed: false };
    }
    const changed = previous
      ? git(['diff-tree', '-r', '--name-only', '--no-commit-id', previous, tree], options).split('\n').filter(Boolean)
      : git(['ls-tree', '-r', '--name-only', tree], options).split('\n').filter(Boolean);
    const commit = git(['commit-tree', tree, ...(previous ? ['-p', previous] : []), '-F', '-'], { ...options, input: request.message });
    git(['update-ref', '-m', 'paved gitops publish', ref, commit, previous ?? ZERO], options);
    let pushed = false;
    if (remote || request.push) {
      const target = remote ? request.repo : 'origin';
      git(['push', '--quiet', target, `${ref}:${ref}`], options);
      pushed = true;
    }
    return { commit, previous, changed, pushed };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function posixJoin(...parts: string[]): string {
  return path.posix.join(...parts.filter(Boolean));
}

function localGitDir(repo: string, cwd: string): string {
  const dir = path.resolve(cwd, repo);
  if (!fs.existsSync(dir)) throw new UserError([`error: --repo: ${repo} does not exist (a local git repository or a remote URL)`]);
  const gitDir = tryGit(['rev-parse', '--absolute-git-dir'], { cwd: dir });
  if (!gitDir) throw new UserError([`error: --repo: ${repo} is not a git repository (a local git repository or a remote URL)`]);
  return gitDir;
}

function cloneBare(url: string, work: string): string {
  const dir = path.join(work, 'repo.git');
  git(['clone', '--bare', '--quiet', '--no-tags', url, dir], { cwd: work });
  return dir;
}

/** The user's git identity when configured; otherwise one naming Paved, so commit-tree never fails on a fresh machine. */
function identity(gitDir: string): NodeJS.ProcessEnv {
  const name = tryGit(['config', 'user.name'], { cwd: gitDir });
  const email = tryGit(['config', 'user.email'], { cwd: gitDir });
  return {
    ...(name ? {} : { GIT_AUTHOR_NAME: 'Paved', GIT_COMMITTER_NAME: 'Paved' }),
    ...(email ? {} : { GIT_AUTHOR_EMAIL: 'paved@localhost', GIT_COMMITTER_EMAIL: 'paved@localhost' }),
  };
}
