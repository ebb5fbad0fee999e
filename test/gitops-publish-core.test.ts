import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isolatedGitWorkDir } from './support/isolated-git';
import { userErrorLines } from './support/user-error-lines';
import { git as runGitOrThrow, gitErrorDetail, runGit, tryGit } from '../src/gitops/git';
import { provenanceFile, sourceCommitOf } from '../src/gitops/provenance';
import { publishToBranch, type PublishRequest } from '../src/gitops/publish';

/**
 * `publishToBranch` in-process against real repositories, with as few git runs per test as will do (fixtures are
 * written with one `git fast-import`): fast enough to run for every mutant of src/gitops. The CLI around it, and the
 * slower end-to-end races, are in gitops-publish.test.ts.
 */
const work = isolatedGitWorkDir('paved-publish-core-', (dir) => fs.mkdirSync(path.join(dir, 'tmp')));
/** An empty directory (a PATH without git), made with the work directory. */
const scratch = path.join(work, 'tmp');
const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
/**
 * The scratch directories publishToBranch makes, seen through fs.mkdtempSync (os.tmpdir() reads the real environment,
 * not the test's copy, so TMPDIR cannot redirect them): each must be a paved-publish-* directory of the system temp
 * directory, gone when the publish returns or throws.
 */
const scratchDirs: string[] = [];
/** The module object itself (the import above is a namespace copy, read through getters by every importer). */
const nodeFs = jest.requireActual<typeof fs>('node:fs');
const mkdtemp = nodeFs.mkdtempSync;
jest.spyOn(nodeFs, 'mkdtempSync').mockImplementation(((prefix: string, options?: fs.EncodingOption) => {
  const dir = mkdtemp(prefix, options);
  scratchDirs.push(dir);
  return dir;
}) as typeof fs.mkdtempSync);
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) {
    expect(path.dirname(dir)).toBe(os.tmpdir());
    expect(path.basename(dir)).toMatch(/^paved-publish-.{6}$/);
    expect(fs.existsSync(dir)).toBe(false);
  }
});

const sh = (cwd: string, ...args: string[]) => execFileSync(REAL_GIT, args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
let count = 0;
const fresh = (name: string) => path.join(work, `${name}-${++count}`);

/** A bare repository (or, with `worktree`, a repository with a working tree). */
function init(name: string, worktree = false): string {
  const dir = fresh(name);
  sh(work, 'init', '-q', ...(worktree ? [] : ['--bare']), '-b', 'main', dir);
  return dir;
}

/** Commits `files` to `ref` of `repo` in one git run (the tree is exactly `files`); returns the commit. */
function commit(repo: string, ref: string, files: Record<string, string>, parent?: string): string {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
  const marks = path.join(work, `marks-${++count}`);
  const stream = [
    `commit ${ref}`, 'mark :1', 'committer Seed <seed@example.com> 1700000000 +0000', data('seed'),
    ...(parent ? [`from ${parent}`] : []),
    'deleteall',
    ...Object.entries(files).map(([file, content]) => `M 100644 inline ${file}\n${data(content)}`),
    '',
  ].join('\n');
  execFileSync(REAL_GIT, ['fast-import', '--quiet', '--force', `--export-marks=${marks}`], { cwd: repo, input: stream, stdio: ['pipe', 'ignore', 'pipe'] });
  return fs.readFileSync(marks, 'utf8').split(' ')[1].trim();
}

/** Every file of a commit with its content (one git run per file: keep trees small). */
function treeOf(repo: string, rev: string): Record<string, string> {
  const files = sh(repo, 'ls-tree', '-r', '--name-only', rev).split('\n').filter(Boolean);
  return Object.fromEntries(files.map((f) => [f, sh(repo, 'cat-file', 'blob', `${rev}:${f}`)]));
}

const FOREIGN = { 'NOTES.md': 'notes', 'gitops/sandbox/keep.yaml': 'keep', 'gitops/dev-old/x.yaml': 'x' };
const RENDER = [{ path: 'dev/app.yaml', content: 'app: 2\n' }, { path: 'dev/sub/deep.yaml', content: 'deep\n' }];

function request(repo: string, over: Partial<PublishRequest> = {}): PublishRequest {
  return { repo, branch: 'rendered', root: 'gitops', environments: ['dev'], files: RENDER, message: 'paved: render dev\n', push: false, cwd: work, ...over };
}

/** Runs `fn` with a `git` first on PATH that, the first time `moveOn` is its subcommand, sets `ref` of `gitDir` to `to`. */
function withRace<T>(options: { moveOn: string; gitDir: string; ref: string; to: string }, fn: () => T): T {
  const bin = fresh('bin');
  fs.mkdirSync(bin);
  const marker = path.join(bin, 'moved');
  fs.writeFileSync(path.join(bin, 'git'), [
    '#!/bin/sh',
    `if [ "$1" = "${options.moveOn}" ] && [ ! -e "${marker}" ]; then`,
    `  : > "${marker}"`,
    `  env -u GIT_INDEX_FILE "${REAL_GIT}" --git-dir="${options.gitDir}" update-ref "${options.ref}" "${options.to}"`,
    'fi',
    `exec "${REAL_GIT}" "$@"`,
    '',
  ].join('\n'), { mode: 0o755 });
  const before = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${before}`;
  try {
    return fn();
  } finally {
    process.env.PATH = before;
  }
}

const userError = userErrorLines;

describe('gitErrorDetail', () => {
  test.each([
    ['the first fatal line, without its prefix', 'hint: x\nfatal: bad thing\nerror: later\n', 'bad thing'],
    ['an error line, trimmed', '  error:   it broke  \nPlease make sure you have the correct access rights\n', 'it broke'],
    ['else the last non-blank line', 'first\n  last  \n\n', 'last'],
    ['a prefix only at the start counts', 'warning: fatal: no\nsomething\n', 'something'],
    ['a prefix is removed only at the start of the line', 'hint: see error: below\n', 'hint: see error: below'],
    ['a message for no output', ' \n', 'failed without a message'],
  ])('%s', (_name, stderr, detail) => {
    expect(gitErrorDetail(stderr)).toBe(detail);
  });
});

describe('git, tryGit, runGit', () => {
  test('git returns trimmed stdout, and a failure is one UserError line naming the subcommand and git\'s cause', () => {
    expect(runGitOrThrow(['hash-object', '--stdin'], { cwd: work, input: 'x' })).toBe('c1b0730e0133447badcfd47fd144e254807b06e1');
    expect(userError(() => runGitOrThrow(['rev-parse', '--verify', 'nope'], { cwd: work }))).toEqual(['error: git rev-parse: not a git repository (or any of the parent directories): .git']);
  });

  test('tryGit returns trimmed stdout, or undefined on failure; options.env reaches git', () => {
    expect(tryGit(['config', 'paved.x'], { cwd: work, env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'paved.x', GIT_CONFIG_VALUE_0: ' y ' } })).toBe('y');
    expect(tryGit(['rev-parse', 'HEAD'], { cwd: work })).toBeUndefined();
  });

  test('runGit reports status and output without throwing; a missing git is one line', () => {
    const env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'paved.x', GIT_CONFIG_VALUE_0: 'y' };
    expect(runGit(['config', 'paved.x'], { cwd: work, env })).toEqual({ status: 0, stdout: 'y\n', stderr: '' });
    expect(runGit(['hash-object', '--stdin'], { cwd: work, input: 'x' }).stdout).toBe('c1b0730e0133447badcfd47fd144e254807b06e1\n');
    const failed = runGit(['rev-parse', 'HEAD'], { cwd: work });
    expect(failed.status).toBe(128);
    expect(failed.stderr).toMatch(/^fatal: not a git repository/);
    expect(userError(() => runGit(['status'], { cwd: work, env: { PATH: scratch } }))).toEqual(['error: git: not found on PATH (install git to publish GitOps output)']);
    expect(userError(() => runGit(['status'], { cwd: path.join(work, 'gitconfig') }))[0]).toMatch(/^error: git status: spawnSync git ENOTDIR$/);
  });
});

describe('provenance', () => {
  test('provenanceFile: sorted keys, a hash of this environment\'s manifests, no time stamp, a final newline', () => {
    const input = { environment: 'dev', sourceCommit: 'abc+dirty', manifests: ['dev/a.yaml', 'a: 1\n'], repoUrl: 'https://example.com/gitops.git' };
    expect(provenanceFile(input)).toBe([
      '{',
      '  "drySha": "abc+dirty",',
      '  "environment": "dev",',
      `  "manifestsHash": "${createHash('sha256').update('dev/a.yaml\0a: 1\n').digest('hex')}",`,
      '  "renderedBy": "paved",',
      '  "repoURL": "https://example.com/gitops.git"',
      '}',
      '',
    ].join('\n'));
  });

  test('sourceCommitOf: the HEAD of the config\'s repository, +dirty for changed tracked files only, unknown outside one', () => {
    expect(sourceCommitOf(path.join(work, 'platform.json'))).toBe('unknown');
    const repo = init('source', true);
    const head = commit(repo, 'refs/heads/main', { 'platform.json': '{}' });
    sh(repo, 'reset', '-q', '--hard');
    const config = path.join(repo, 'platform.json');
    fs.writeFileSync(path.join(repo, 'untracked.txt'), 'x');
    expect(sourceCommitOf(config)).toBe(head);
    fs.writeFileSync(config, '{"changed":true}');
    expect(sourceCommitOf(config)).toBe(`${head}+dirty`);
  });
});

describe('publishToBranch without push', () => {
  test('a new branch: a root commit of the render only, with the message and Paved\'s identity when none is configured', () => {
    const repo = init('bare');
    sh(repo, 'config', 'core.logAllRefUpdates', 'always');
    const result = publishToBranch(request(repo));
    const tip = sh(repo, 'rev-parse', 'rendered');
    expect(result).toEqual({ commit: tip, previous: undefined, changed: ['gitops/dev/app.yaml', 'gitops/dev/sub/deep.yaml'], pushed: false, retried: false });
    expect(treeOf(repo, tip)).toEqual({ 'gitops/dev/app.yaml': 'app: 2', 'gitops/dev/sub/deep.yaml': 'deep' });
    expect(sh(repo, 'log', '-1', '--format=%P|%an <%ae>|%cn <%ce>|%B', tip)).toBe('|Paved <paved@localhost>|Paved <paved@localhost>|paved: render dev');
    expect(sh(repo, 'reflog', 'show', '--format=%gs', 'refs/heads/rendered')).toBe('paved gitops publish');
  });

  test('an existing branch: only the owned folders are replaced whole; foreign files stay; the configured identity is used', () => {
    const repo = init('bare');
    sh(repo, 'config', 'user.name', 'Ada');
    sh(repo, 'config', 'user.email', 'ada@example.com');
    const before = commit(repo, 'refs/heads/rendered', { ...FOREIGN, 'gitops/dev/app.yaml': 'app: 1\n', 'gitops/dev/stale.yaml': 'stale\n', 'gitops/dev/sub/deep.yaml': 'deep\n' });
    const result = publishToBranch(request(repo));
    const tip = sh(repo, 'rev-parse', 'rendered');
    expect(result).toEqual({ commit: tip, previous: before, changed: ['gitops/dev/app.yaml', 'gitops/dev/stale.yaml'], pushed: false, retried: false });
    expect(treeOf(repo, tip)).toEqual({ 'NOTES.md': 'notes', 'gitops/sandbox/keep.yaml': 'keep', 'gitops/dev-old/x.yaml': 'x', 'gitops/dev/app.yaml': 'app: 2', 'gitops/dev/sub/deep.yaml': 'deep' });
    expect(sh(repo, 'log', '-1', '--format=%P|%an <%ae>|%cn <%ce>', tip)).toBe(`${before}|Ada <ada@example.com>|Ada <ada@example.com>`);
  });

  test('the same render again: no commit, the branch stays', () => {
    const repo = init('bare');
    const before = commit(repo, 'refs/heads/rendered', { 'NOTES.md': 'n', 'gitops/dev/app.yaml': 'app: 2\n', 'gitops/dev/sub/deep.yaml': 'deep\n' });
    expect(publishToBranch(request(repo))).toEqual({ previous: before, changed: [], pushed: false, retried: false });
    expect(sh(repo, 'rev-parse', 'rendered')).toBe(before);
  });

  test('no files for an owned environment deletes its folder; root "" publishes at the top of the branch', () => {
    const repo = init('bare');
    // Enough files that git's answers run over a few kilobytes.
    const many = Array.from({ length: 40 }, (_, i) => `dev/services/service-with-a-long-name-${String(i).padStart(2, '0')}/manifests.yaml`);
    const before = commit(repo, 'refs/heads/rendered', { 'dev/app.yaml': 'a', 'prod/app.yaml': 'p', 'dev-x/y.yaml': 'y', ...Object.fromEntries(many.map((f) => [f, f])) });
    const result = publishToBranch(request(repo, { root: '', environments: ['dev', 'qa'], files: [] }));
    expect(result.changed).toEqual(['dev/app.yaml', ...many]);
    expect(treeOf(repo, 'rendered')).toEqual({ 'prod/app.yaml': 'p', 'dev-x/y.yaml': 'y' });
    expect(sh(repo, 'rev-parse', 'rendered^')).toBe(before);
  });

  test('a non-bare repository: its index, working tree and HEAD are untouched (relative --repo resolved from cwd)', () => {
    const repo = init('clone', true);
    const head = commit(repo, 'refs/heads/main', { 'README.md': 'readme' });
    sh(repo, 'reset', '-q', '--hard');
    fs.writeFileSync(path.join(repo, 'README.md'), 'work in progress');
    fs.writeFileSync(path.join(repo, 'staged.txt'), 'staged');
    sh(repo, 'add', 'staged.txt');
    const status = sh(repo, 'status', '--porcelain');
    const result = publishToBranch(request(path.basename(repo)));
    expect(result.commit).toBe(sh(repo, 'rev-parse', 'rendered'));
    expect(sh(repo, 'status', '--porcelain')).toBe(status);
    expect(sh(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(Object.keys(treeOf(repo, 'rendered'))).toEqual(['gitops/dev/app.yaml', 'gitops/dev/sub/deep.yaml']);
  });

  test('a branch checked out in a working tree is refused, and nothing moves', () => {
    const repo = init('clone', true);
    const head = commit(repo, 'refs/heads/rendered', { 'a.txt': 'a' });
    sh(repo, 'symbolic-ref', 'HEAD', 'refs/heads/rendered');
    expect(userError(() => publishToBranch(request(repo)))).toEqual([
      `error: --branch: 'rendered' is checked out in ${repo}; publishing would change what that working tree sees (publish to a branch nobody has checked out)`,
    ]);
    expect(sh(repo, 'rev-parse', 'rendered')).toBe(head);
  });

  test('the branch moving between read and update is refused: the other writer\'s commit is kept', () => {
    const repo = init('bare');
    const before = commit(repo, 'refs/heads/rendered', { 'a.txt': 'a' });
    const other = commit(repo, 'refs/heads/other', { 'b.txt': 'b' }, before);
    const lines = withRace({ moveOn: 'commit-tree', gitDir: repo, ref: 'refs/heads/rendered', to: other }, () => userError(() => publishToBranch(request(repo))));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: gitops publish: rendered moved while publishing \(.*cannot lock ref 'refs\/heads\/rendered': is at [0-9a-f]{40} but expected [0-9a-f]{40}\); nothing was published, run again$/);
    expect(sh(repo, 'rev-parse', 'rendered')).toBe(other);
  });

  test.each(['a..b', '-rendered', '+rendered', 'rendered+', 'a b', 'a.lock', 'x~1', ''])('the branch name %p is refused before anything runs', (branch) => {
    expect(userError(() => publishToBranch(request(path.join(work, 'nope'), { branch })))).toEqual([
      `error: --branch: '${branch}' is not a valid branch name (letters, digits, '.', '_', '-', '/')`,
    ]);
  });

  test('a missing path, or one that is not a git repository, is one line', () => {
    expect(userError(() => publishToBranch(request('nope')))).toEqual(['error: --repo: nope does not exist (a local git repository or a remote URL)']);
    expect(userError(() => publishToBranch(request('tmp')))).toEqual(['error: --repo: tmp is not a git repository (a local git repository or a remote URL)']);
  });
});

describe('publishToBranch with push', () => {
  /**
   * A bare remote with `rendered` holding foreign files, and a repository whose origin is it (by default a path
   * relative to the working tree, as git resolves it).
   */
  function remoteAndClone(origin: (remote: string, clone: string) => string = (r, c) => path.relative(c, r)) {
    const remote = init('remote');
    const tip = commit(remote, 'refs/heads/rendered', FOREIGN);
    const clone = init('clone', true);
    sh(clone, 'remote', 'add', 'origin', origin(remote, clone));
    return { remote, tip, clone };
  }

  test('builds on the remote tip and pushes; no local branch is created, and the private ref is removed', () => {
    const { remote, tip, clone } = remoteAndClone((r) => `file://${r}`);
    sh(remote, 'tag', 'v1', tip);
    const result = publishToBranch(request(clone, { push: true }));
    const after = sh(remote, 'rev-parse', 'rendered');
    expect(result).toEqual({
      commit: after,
      previous: tip,
      changed: ['gitops/dev/app.yaml', 'gitops/dev/sub/deep.yaml'],
      pushed: true,
      remoteBranch: 'origin/rendered',
      retried: false,
      local: { status: 'absent', target: after },
    });
    expect(sh(remote, 'rev-parse', 'rendered^')).toBe(tip);
    expect(Object.keys(treeOf(remote, 'rendered'))).toEqual(['NOTES.md', 'gitops/dev-old/x.yaml', 'gitops/dev/app.yaml', 'gitops/dev/sub/deep.yaml', 'gitops/sandbox/keep.yaml']);
    // Only git's own update of origin/rendered on push: no tags, no FETCH_HEAD, no refs/paved/*.
    expect(sh(clone, 'for-each-ref', '--format=%(refname)')).toBe('refs/remotes/origin/rendered');
    expect(fs.existsSync(path.join(clone, '.git', 'FETCH_HEAD'))).toBe(false);
  });

  test('up to date with the remote: nothing pushed; a local branch at the tip is `same`', () => {
    const { remote, clone } = remoteAndClone();
    const tip = commit(remote, 'refs/heads/rendered', { ...FOREIGN, 'gitops/dev/app.yaml': 'app: 2\n', 'gitops/dev/sub/deep.yaml': 'deep\n' });
    sh(clone, 'fetch', '-q', '--refmap=', 'origin', '+rendered:rendered');
    expect(publishToBranch(request(clone, { push: true }))).toEqual({
      previous: tip, changed: [], pushed: false, remoteBranch: 'origin/rendered', retried: false, local: { status: 'same', before: tip, target: tip },
    });
    expect(sh(clone, 'for-each-ref', '--format=%(refname)')).toBe('refs/heads/rendered'); // the fetch moved no origin/*
  });

  test('a local branch at the old tip fast-forwards; its reflog names the follow', () => {
    const { remote, tip, clone } = remoteAndClone();
    commit(clone, 'refs/heads/rendered', {});
    sh(clone, 'fetch', '-q', 'origin', '+rendered:rendered');
    const result = publishToBranch(request(clone, { push: true }));
    const after = sh(remote, 'rev-parse', 'rendered');
    expect(result.local).toEqual({ status: 'fast-forwarded', before: tip, target: after });
    expect(sh(clone, 'rev-parse', 'rendered')).toBe(after);
    expect(sh(clone, 'reflog', 'show', '-1', '--format=%gs', 'refs/heads/rendered')).toBe('paved gitops publish: follow the pushed branch');
  });

  test('a local branch with commits the remote lacks is left as is (diverged)', () => {
    const { remote, clone } = remoteAndClone();
    const stale = commit(clone, 'refs/heads/rendered', { 'old.txt': 'unrelated' });
    const result = publishToBranch(request(clone, { push: true }));
    const after = sh(remote, 'rev-parse', 'rendered');
    expect(result.local).toEqual({ status: 'diverged', before: stale, target: after });
    expect(sh(clone, 'rev-parse', 'rendered')).toBe(stale);
  });

  test('a local branch checked out is left as is, naming the working tree', () => {
    const { remote, tip, clone } = remoteAndClone();
    commit(clone, 'refs/heads/rendered', {});
    sh(clone, 'fetch', '-q', 'origin', '+rendered:rendered');
    sh(clone, 'symbolic-ref', 'HEAD', 'refs/heads/rendered');
    const result = publishToBranch(request(clone, { push: true }));
    const after = sh(remote, 'rev-parse', 'rendered');
    expect(result.local).toEqual({ status: 'checked-out', before: tip, target: after, worktree: clone });
    expect(sh(clone, 'rev-parse', 'rendered')).toBe(tip);
  });

  test('a local branch moved by someone else while following is left where they put it', () => {
    const { remote, tip, clone } = remoteAndClone();
    const elsewhere = commit(clone, 'refs/heads/elsewhere', { 'e.txt': 'e' });
    sh(clone, 'fetch', '-q', 'origin', '+rendered:rendered');
    const result = withRace({ moveOn: 'merge-base', gitDir: path.join(clone, '.git'), ref: 'refs/heads/rendered', to: elsewhere }, () => publishToBranch(request(clone, { push: true })));
    expect(result.local).toEqual({ status: 'moved', before: tip, target: sh(remote, 'rev-parse', 'rendered') });
    expect(sh(clone, 'rev-parse', 'rendered')).toBe(elsewhere);
  });

  test('a remote without the branch: the first push starts from the local branch (pushed as is when it already holds the render)', () => {
    const remote = init('remote');
    // A ref whose name ends like the branch's, which `ls-remote` lists for the pattern: it is not the branch.
    commit(remote, 'refs/other/refs/heads/rendered', { 'x.txt': 'x' });
    const clone = init('clone', true);
    sh(clone, 'remote', 'add', 'origin', remote);
    const local = commit(clone, 'refs/heads/rendered', { 'gitops/dev/app.yaml': 'app: 2\n', 'gitops/dev/sub/deep.yaml': 'deep\n' });
    expect(publishToBranch(request(clone, { push: true }))).toEqual({
      commit: local, previous: undefined, changed: [], pushed: true, remoteBranch: 'origin/rendered', retried: false, local: { status: 'same', before: local, target: local },
    });
    expect(sh(remote, 'rev-parse', 'rendered')).toBe(local);
  });

  test('a URL: published through a temporary repository, no local branch', () => {
    const remote = init('remote');
    const url = `file://${remote}`;
    const result = publishToBranch(request(url, { push: false }));
    const after = sh(remote, 'rev-parse', 'rendered');
    expect(result).toEqual({ commit: after, previous: undefined, changed: ['gitops/dev/app.yaml', 'gitops/dev/sub/deep.yaml'], pushed: true, remoteBranch: `rendered at ${url}`, retried: false, local: undefined });
    expect(sh(remote, 'log', '-1', '--format=%P|%an', after)).toBe('|Paved');
  });

  test('a push refused because the remote moved after the fetch is retried once, on top of the new tip; a second move is an error', () => {
    const { remote, tip, clone } = remoteAndClone();
    const first = commit(remote, 'refs/heads/side-1', { ...FOREIGN, 'landed.yaml': '1' }, tip);
    const second = commit(remote, 'refs/heads/side-2', { ...FOREIGN, 'landed.yaml': '2' }, first);
    /** Each time paved stores a fetched tip in its private ref, the next target lands on the remote. */
    const arm = (targets: string[]) => {
      const log = fresh('fetches');
      fs.writeFileSync(path.join(clone, '.git', 'hooks', 'reference-transaction'), [
        '#!/bin/sh',
        '[ "$1" = committed ] || exit 0',
        "awk '$3 ~ /^refs\\/paved\\// && $2 !~ /^0+$/ { found = 1 } END { exit !found }' || exit 0",
        `echo fetched >> "${log}"`,
        `to=$(echo "${targets.join(' ')}" | cut -d' ' -f"$(wc -l < "${log}")")`,
        `[ -z "$to" ] || env -u GIT_DIR -u GIT_INDEX_FILE "${REAL_GIT}" --git-dir="${remote}" update-ref refs/heads/rendered "$to"`,
        '',
      ].join('\n'), { mode: 0o755 });
      return log;
    };

    const once = arm([first]);
    const result = publishToBranch(request(clone, { push: true }));
    const after = sh(remote, 'rev-parse', 'rendered');
    expect(result).toMatchObject({ commit: after, previous: first, pushed: true, retried: true });
    expect(sh(remote, 'rev-parse', 'rendered^')).toBe(first);
    expect(fs.readFileSync(once, 'utf8')).toBe('fetched\nfetched\n');

    sh(remote, 'update-ref', 'refs/heads/rendered', tip);
    const twice = arm([first, second]);
    expect(userError(() => publishToBranch(request(clone, { push: true })))).toEqual([
      'error: gitops publish: origin rejected the push to rendered: stale info; someone published in between, run again',
    ]);
    expect(fs.readFileSync(twice, 'utf8')).toBe('fetched\nfetched\n');
    expect(sh(remote, 'rev-parse', 'rendered')).toBe(second);
    expect(sh(clone, 'for-each-ref', 'refs/paved/')).toBe('');
  });

  test('a remote that rejects the push: one line with the remote\'s words, the branch unchanged', () => {
    const { remote, tip, clone } = remoteAndClone();
    fs.writeFileSync(path.join(remote, 'hooks', 'pre-receive'), '#!/bin/sh\necho "first" >&2\necho "rendered is protected" >&2\necho "  " >&2\nexit 1\n', { mode: 0o755 });
    expect(userError(() => publishToBranch(request(clone, { push: true })))).toEqual([
      'error: gitops publish: origin rejected the push to rendered: pre-receive hook declined (remote: rendered is protected); nothing was published',
    ]);
    fs.writeFileSync(path.join(remote, 'hooks', 'pre-receive'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    expect(userError(() => publishToBranch(request(`file://${remote}`, { push: true })))).toEqual([
      `error: gitops publish: file://${remote} rejected the push to rendered: pre-receive hook declined; nothing was published`,
    ]);
    expect(sh(remote, 'rev-parse', 'rendered')).toBe(tip);
  });

  test('a push that fails without a refusal (an unreachable push URL) names git\'s cause', () => {
    const { remote, tip, clone } = remoteAndClone();
    const gone = path.join(work, 'gone-push.git');
    sh(clone, 'remote', 'set-url', '--push', 'origin', gone);
    expect(userError(() => publishToBranch(request(clone, { push: true })))).toEqual([
      `error: gitops publish: pushing rendered to origin failed: '${gone}' does not appear to be a git repository; nothing was published`,
    ]);
    expect(sh(remote, 'rev-parse', 'rendered')).toBe(tip);
  });

  test('URLs are told from paths: scp-like addresses and schemes in any case', () => {
    const ssh = process.env.GIT_SSH_COMMAND;
    process.env.GIT_SSH_COMMAND = 'false'; // no network: ssh fails at once
    try {
      expect(userError(() => publishToBranch(request('git@example.invalid:org/gitops.git')))[0]).toMatch(/^error: --repo: cannot reach git@example\.invalid:org\/gitops\.git: /);
    } finally {
      if (ssh === undefined) delete process.env.GIT_SSH_COMMAND;
      else process.env.GIT_SSH_COMMAND = ssh;
    }
    expect(userError(() => publishToBranch(request(`FILE://${work}/gone.git`)))[0]).toMatch(/^error: --repo: cannot reach FILE:\/\//);
    expect(userError(() => publishToBranch(request('dir/with@sign:colon'))))
      .toEqual(['error: --repo: dir/with@sign:colon does not exist (a local git repository or a remote URL)']);
  });

  test('no origin, an unreachable origin, an unreachable URL: one line each', () => {
    const bare = init('bare');
    expect(userError(() => publishToBranch(request(bare, { push: true })))).toEqual([
      `error: --push: ${bare} has no remote 'origin' (add one with 'git remote add origin URL', or publish without --push)`,
    ]);
    const gone = path.join(work, 'gone.git');
    const clone = init('clone', true);
    sh(clone, 'remote', 'add', 'origin', gone);
    expect(userError(() => publishToBranch(request(clone, { push: true })))).toEqual([
      `error: --push: cannot reach origin of ${clone} (${gone}): '${gone}' does not appear to be a git repository`,
    ]);
    expect(userError(() => publishToBranch(request(`file://${gone}`)))).toEqual([
      `error: --repo: cannot reach file://${gone}: '${gone}' does not appear to be a git repository`,
    ]);
  });
});
