import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, gitErrorDetail, runGit, tryGit, type GitOptions } from './git';
import { UserError } from '../cli/user-error';

/** One file to publish, its path relative to the GitOps root folder on the branch. */
export interface PublishFile {
  readonly path: string;
  readonly content: string;
}

export interface PublishRequest {
  /** A local repository (bare or not), or a remote URL (published through a temporary repository, then pushed). */
  readonly repo: string;
  readonly branch: string;
  /** Folder on the branch that holds the environment folders (`gitops.path` of the config); '' for the top. */
  readonly root: string;
  /** The environment folders this publish owns: each is replaced whole; nothing else on the branch is touched. */
  readonly environments: readonly string[];
  readonly files: readonly PublishFile[];
  readonly message: string;
  /** Publish to the repository's `origin` (always for a URL): fetch its branch, commit on top of it, push. */
  readonly push: boolean;
  readonly cwd: string;
}

/**
 * What a `--push` publish did to the local branch of the same name. It follows the remote only by fast-forward, with
 * a compare-and-swap, and only when it exists and nobody has it checked out; otherwise it is left as it was.
 */
export interface LocalBranch {
  /**
   * `same`: already there. `absent`: there is no local branch (none is created: the push updates `origin/<branch>`).
   * `fast-forwarded`: moved to the remote's commit. `diverged`: has commits the remote lacks. `checked-out`: moving
   * it would change what a working tree sees. `moved`: it changed while publishing (the compare-and-swap failed).
   */
  readonly status: 'same' | 'absent' | 'fast-forwarded' | 'diverged' | 'checked-out' | 'moved';
  readonly before?: string;
  /** The remote's commit after the publish. */
  readonly target: string;
  /** The working tree that has the branch checked out (status `checked-out`). */
  readonly worktree?: string;
}

export interface PublishResult {
  /** The new commit (or, for a remote branch created from the local one, the commit pushed); undefined when nothing was published. */
  readonly commit?: string;
  /** The commit the publish was compared with and built on: the remote tip with push, else the local branch. */
  readonly previous?: string;
  /** Paths (on the branch) that the commit added, changed or deleted. */
  readonly changed: readonly string[];
  readonly pushed: boolean;
  /** With push: the remote branch as users name it, `origin/<branch>` or `<branch> at <url>`. */
  readonly remoteBranch?: string;
  /** With push: the remote moved between fetch and push, so the publish fetched again and was rebuilt once. */
  readonly retried: boolean;
  /** With push from a local repository: what happened to its branch. */
  readonly local?: LocalBranch;
}

const ZERO = '0000000000000000000000000000000000000000';
const isUrl = (repo: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^:\s]+:/.test(repo);
/** Push rejections that mean "the remote branch moved since we fetched it": worth one fetch and rebuild. */
const MOVED = /stale info|non-fast-forward|fetch first|cannot lock ref|failed to lock|incorrect old value|already exists/;

/** Where the commit is built and how to reach the remote from there. */
interface Repository {
  readonly gitDir: string;
  /** The directory network commands run in: the top of the working tree (relative remote URLs resolve from there). */
  readonly topDir: string;
  /** False for the temporary repository of a URL publish: there is no local branch to keep in step. */
  readonly local: boolean;
}

interface Remote {
  /** What git is given: `origin` or the URL. */
  readonly name: string;
  /** How messages name it. */
  readonly label: string;
  /** The flag an unreachable remote is reported against, and how that report names it. */
  readonly flag: string;
  readonly description: string;
}

interface Context {
  readonly request: PublishRequest;
  readonly repo: Repository;
  readonly ref: string;
  /** Plumbing options: a temporary index, never the user's, and an identity that lets commit-tree work anywhere. */
  readonly plumbing: GitOptions;
  /** `update-index --index-info` input for the rendered files, written once as blobs and reused on a retry. */
  readonly indexInfo: string;
}

/**
 * Commits the rendered tree of the given environments to a branch with git plumbing only: a temporary index, never
 * the user's index or working tree. Without push the local branch moves with a compare-and-swap; with push (and
 * always for a URL) the commit is built on the remote branch's tip, fetched just before into a private ref, and
 * pushed with that tip as the expected old value, so a concurrent publish is never overwritten. When the tree equals
 * the one compared with, no commit is made.
 */
export function publishToBranch(request: PublishRequest): PublishResult {
  checkBranchName(request.branch);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-publish-'));
  try {
    const url = isUrl(request.repo);
    const repo = url ? scratchRepository(work) : localRepository(request.repo, request.cwd);
    const plumbing = { cwd: repo.gitDir, env: { GIT_INDEX_FILE: path.join(work, 'index'), ...identity(repo.gitDir) } };
    const context: Context = { request, repo, ref: `refs/heads/${request.branch}`, plumbing, indexInfo: writeBlobs(request, plumbing, work) };
    if (!url && !request.push) return publishLocally(context);
    const remote: Remote = url
      ? { name: request.repo, label: request.repo, flag: '--repo', description: request.repo }
      : { name: 'origin', label: 'origin', flag: '--push', description: `origin of ${request.repo} (${originUrl(repo, request.repo)})` };
    return publishToRemote(context, remote);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Without push: the local branch is compared with and moved by compare-and-swap; no remote is involved. */
function publishLocally(context: Context): PublishResult {
  const { request, ref } = context;
  const previous = revParse(context, ref);
  const worktree = checkedOutIn(context);
  if (worktree) {
    throw new UserError([`error: --branch: '${request.branch}' is checked out in ${worktree}; publishing would change what that working tree sees (publish to a branch nobody has checked out)`]);
  }
  const built = buildCommit(context, previous);
  if (!built.commit) return { previous, changed: [], pushed: false, retried: false };
  const swap = runGit(['update-ref', '-m', 'paved gitops publish', ref, built.commit, previous ?? ZERO], context.plumbing);
  if (swap.status !== 0) {
    throw new UserError([`error: gitops publish: ${request.branch} moved while publishing (${gitErrorDetail(swap.stderr)}); nothing was published, run again`]);
  }
  return { commit: built.commit, previous, changed: built.changed, pushed: false, retried: false };
}

/**
 * With push: fetch, build on the remote tip, push with that tip as the expected old value. A push refused because the
 * branch moved is retried once from a new fetch; any other refusal, or a second one, is an error.
 */
function publishToRemote(context: Context, remote: Remote): PublishResult {
  const { request, ref, repo } = context;
  const remoteBranch = remote.name === 'origin' ? `origin/${request.branch}` : `${request.branch} at ${remote.label}`;
  const localBefore = repo.local ? revParse(context, ref) : undefined;
  // The fetched tip is kept under a ref of our own, so nothing the user owns (branches, FETCH_HEAD, origin/*) moves.
  const privateRef = `refs/paved/publish/${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    for (let attempt = 0; ; attempt++) {
      const retried = attempt > 0;
      const remoteTip = fetchTip(context, remote, privateRef);
      // A branch the remote does not have yet starts from the local one, so a first push keeps what was published locally.
      const onto = remoteTip ?? localBefore;
      const built = buildCommit(context, onto);
      if (!built.commit && remoteTip) {
        return { previous: remoteTip, changed: [], pushed: false, remoteBranch, retried, local: follow(context, localBefore, remoteTip) };
      }
      const commit = built.commit ?? onto!;
      const push = pushWithLease(context, remote, commit, remoteTip);
      if (push.ok) {
        const local = follow(context, localBefore, commit);
        return { commit, previous: remoteTip, changed: built.changed, pushed: true, remoteBranch, retried, local };
      }
      if (push.moved && !retried) continue;
      const why = push.moved ? 'someone published in between, run again' : 'nothing was published';
      const verb = push.rejected ? `${remote.label} rejected the push to ${request.branch}` : `pushing ${request.branch} to ${remote.label} failed`;
      throw new UserError([`error: gitops publish: ${verb}: ${push.reason}; ${why}`]);
    }
  } finally {
    if (repo.local) tryGit(['update-ref', '-d', privateRef], { cwd: repo.gitDir });
  }
}

/** The remote branch's tip, fetched into `privateRef`; undefined when the remote has no such branch. */
function fetchTip(context: Context, remote: Remote, privateRef: string): string | undefined {
  const { repo, ref, request } = context;
  const listed = runGit(['ls-remote', '--exit-code', remote.name, ref], { cwd: repo.topDir });
  if (listed.status === 2) return undefined;
  if (listed.status !== 0) {
    throw new UserError([`error: ${remote.flag}: cannot reach ${remote.description}: ${gitErrorDetail(listed.stderr)}`]);
  }
  if (!listed.stdout.split('\n').some((line) => line.split('\t')[1] === ref)) return undefined;
  const fetched = runGit(
    // --refmap= keeps git from also updating origin/<branch>; no tags, no FETCH_HEAD, no gc, no submodules.
    ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-auto-gc', '--no-prune', '--no-recurse-submodules', '--refmap=', remote.name, `+${ref}:${privateRef}`],
    { cwd: repo.topDir },
  );
  if (fetched.status !== 0) {
    throw new UserError([`error: gitops publish: fetching ${request.branch} from ${remote.label} failed: ${gitErrorDetail(fetched.stderr)}`]);
  }
  return git(['rev-parse', '--verify', `${privateRef}^{commit}`], { cwd: repo.gitDir });
}

interface PushOutcome {
  readonly ok: boolean;
  /** The remote refused the ref (as opposed to the push failing to happen). */
  readonly rejected?: boolean;
  /** The refusal says the branch moved since the fetch. */
  readonly moved?: boolean;
  readonly reason?: string;
}

/** Pushes `commit` to the branch, expecting the branch to be at `expected` (absent when undefined). */
function pushWithLease(context: Context, remote: Remote, commit: string, expected: string | undefined): PushOutcome {
  const { ref, repo } = context;
  const run = runGit(['push', '--porcelain', remote.name, `--force-with-lease=${ref}:${expected ?? ''}`, `${commit}:${ref}`], {
    cwd: repo.topDir,
    env: { LC_ALL: 'C' }, // the porcelain reasons are parsed
  });
  // --porcelain prints one line per ref: `!` marks a refused one, with git's reason in parentheses.
  const refused = run.stdout.split('\n').find((line) => line.startsWith('!'));
  if (run.status === 0 && !refused) return { ok: true };
  if (!refused) return { ok: false, reason: gitErrorDetail(run.stderr) };
  const reason = /\(([^)]*)\)\s*$/.exec(refused)?.[1] ?? refused.split('\t').pop()!;
  const said = run.stderr.split('\n').filter((l) => l.startsWith('remote:')).map((l) => l.slice('remote:'.length).trim()).filter(Boolean).pop();
  return { ok: false, rejected: true, moved: MOVED.test(reason), reason: said ? `${reason} (remote: ${said})` : reason };
}

/** Keeps an existing local branch in step with what the remote now holds, by fast-forward and compare-and-swap only. */
function follow(context: Context, before: string | undefined, target: string): LocalBranch | undefined {
  if (!context.repo.local) return undefined;
  if (!before) return { status: 'absent', target };
  if (before === target) return { status: 'same', before, target };
  const worktree = checkedOutIn(context);
  if (worktree) return { status: 'checked-out', before, target, worktree };
  if (runGit(['merge-base', '--is-ancestor', before, target], { cwd: context.repo.gitDir }).status !== 0) return { status: 'diverged', before, target };
  const swap = runGit(['update-ref', '-m', 'paved gitops publish: follow the pushed branch', context.ref, target, before], context.plumbing);
  return { status: swap.status === 0 ? 'fast-forwarded' : 'moved', before, target };
}

interface Built {
  /** Undefined when the tree equals the one of the commit it was built on. */
  readonly commit?: string;
  readonly changed: readonly string[];
}

/** The commit on top of `onto` whose owned folders hold exactly the rendered files, in the temporary index. */
function buildCommit(context: Context, onto: string | undefined): Built {
  const { request, plumbing } = context;
  git(onto ? ['read-tree', onto] : ['read-tree', '--empty'], plumbing);
  const owned = request.environments.map((env) => posixJoin(request.root, env));
  git(['rm', '-r', '--cached', '--ignore-unmatch', '-q', '--', ...owned], plumbing);
  if (context.indexInfo) git(['update-index', '--index-info'], { ...plumbing, input: context.indexInfo });
  const tree = git(['write-tree'], plumbing);
  if (onto && git(['rev-parse', `${onto}^{tree}`], plumbing) === tree) return { changed: [] };
  const changed = onto
    ? git(['diff-tree', '-r', '--name-only', '--no-commit-id', onto, tree], plumbing).split('\n').filter(Boolean)
    : git(['ls-tree', '-r', '--name-only', tree], plumbing).split('\n').filter(Boolean);
  const commit = git(['commit-tree', tree, ...(onto ? ['-p', onto] : []), '-F', '-'], { ...plumbing, input: request.message });
  return { commit, changed };
}

/** Writes every file as a blob in one batch (from a scratch directory) and returns the index lines naming them. */
function writeBlobs(request: PublishRequest, plumbing: GitOptions, work: string): string {
  if (request.files.length === 0) return '';
  const blobsDir = path.join(work, 'blobs');
  fs.mkdirSync(blobsDir);
  const scratch = request.files.map((f, i) => {
    const file = path.join(blobsDir, String(i));
    fs.writeFileSync(file, f.content);
    return file;
  });
  const shas = git(['hash-object', '-w', '--stdin-paths'], { ...plumbing, input: scratch.join('\n') }).split('\n');
  return `${request.files.map((f, i) => `100644 ${shas[i]}\t${posixJoin(request.root, f.path)}`).join('\n')}\n`;
}

function checkBranchName(branch: string): void {
  const valid = /^[A-Za-z0-9._/-]+$/.test(branch) && !branch.includes('..') && !branch.startsWith('-')
    && tryGit(['check-ref-format', `refs/heads/${branch}`], { cwd: os.tmpdir() }) !== undefined;
  if (!valid) throw new UserError([`error: --branch: '${branch}' is not a valid branch name (letters, digits, '.', '_', '-', '/')`]);
}

function revParse(context: Context, ref: string): string | undefined {
  return tryGit(['rev-parse', '--verify', '-q', `${ref}^{commit}`], { cwd: context.repo.gitDir });
}

/** The working tree that has the branch checked out, if any (moving it would make that tree look changed). */
function checkedOutIn(context: Context): string | undefined {
  const list = tryGit(['worktree', 'list', '--porcelain'], { cwd: context.repo.gitDir }) ?? '';
  for (const entry of list.split('\n\n')) {
    const lines = entry.split('\n');
    if (lines.includes(`branch ${context.ref}`)) return lines.find((l) => l.startsWith('worktree '))?.slice('worktree '.length);
  }
  return undefined;
}

function posixJoin(...parts: string[]): string {
  return path.posix.join(...parts.filter(Boolean));
}

function localRepository(repo: string, cwd: string): Repository {
  const dir = path.resolve(cwd, repo);
  if (!fs.existsSync(dir)) throw new UserError([`error: --repo: ${repo} does not exist (a local git repository or a remote URL)`]);
  const gitDir = tryGit(['rev-parse', '--absolute-git-dir'], { cwd: dir });
  if (!gitDir) throw new UserError([`error: --repo: ${repo} is not a git repository (a local git repository or a remote URL)`]);
  const bare = tryGit(['rev-parse', '--is-bare-repository'], { cwd: dir }) === 'true';
  const topDir = (bare ? undefined : tryGit(['rev-parse', '--show-toplevel'], { cwd: dir })) || gitDir;
  return { gitDir, topDir, local: true };
}

/** A URL publish works in an empty temporary repository: only the remote branch is fetched into it. */
function scratchRepository(work: string): Repository {
  const gitDir = path.join(work, 'repo.git');
  git(['init', '--quiet', '--bare', gitDir], { cwd: work });
  return { gitDir, topDir: gitDir, local: false };
}

function originUrl(repo: Repository, given: string): string {
  const url = tryGit(['remote', 'get-url', 'origin'], { cwd: repo.topDir });
  if (!url) throw new UserError([`error: --push: ${given} has no remote 'origin' (add one with 'git remote add origin URL', or publish without --push)`]);
  return url;
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
