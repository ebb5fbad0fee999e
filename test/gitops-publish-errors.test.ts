import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isolatedGitWorkDir } from './support/isolated-git';
import { userErrorLines } from './support/user-error-lines';
import { publishToBranch, type PublishRequest } from '../src/gitops/publish';

/**
 * `publishToBranch` against remotes that fail in unusual ways (a corrupt remote, a server-side hook with its own
 * refusal words, a user locale git translates into), and trees at the edges (empty trees, empty folders). In process
 * and with real git, in a directory of the system temp directory this file makes. Written to kill the mutants
 * Stryker found alive in src/gitops/publish.ts; each test names the planted mutants it kills as `line: mutation`.
 * The common paths are in gitops-publish-core.test.ts.
 */
const work = isolatedGitWorkDir('paved-publish-errors-');

const sh = (cwd: string, args: string[], input?: string) => execFileSync('git', args, { cwd, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
let count = 0;
const fresh = (name: string) => path.join(work, `${name}-${++count}`);
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function bare(dir = fresh('remote')): string {
  sh(work, ['init', '-q', '--bare', '-b', 'main', dir]);
  return dir;
}

/** A tree from `entries` (`name` -> blob content, or a nested record for a folder: {} is an empty folder). */
interface Entries { readonly [name: string]: string | Entries }
function tree(repo: string, entries: Entries): string {
  const lines = Object.entries(entries).map(([name, value]) => typeof value === 'string'
    ? `100644 blob ${sh(repo, ['hash-object', '-w', '--stdin'], value)}\t${name}`
    : `040000 tree ${tree(repo, value)}\t${name}`);
  return sh(repo, ['mktree'], lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

function commitTree(repo: string, ref: string, treeId: string): string {
  const commit = sh(repo, ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.com', 'commit-tree', treeId, '-m', 'seed']);
  sh(repo, ['update-ref', ref, commit]);
  return commit;
}

/** A bare remote whose `rendered` holds one file, and a bare repository whose origin is it. */
function remoteAndClone(): { remote: string; tip: string; clone: string } {
  const remote = bare();
  const tip = commitTree(remote, 'refs/heads/rendered', tree(remote, { 'NOTES.md': 'notes\n' }));
  const clone = bare(fresh('clone'));
  sh(clone, ['remote', 'add', 'origin', remote]);
  return { remote, tip, clone };
}

const RENDER = [{ path: 'dev/app.yaml', content: 'app: 2\n' }];

function request(repo: string, over: Partial<PublishRequest> = {}): PublishRequest {
  return { repo, branch: 'rendered', root: 'gitops', environments: ['dev'], files: RENDER, message: 'paved: render dev\n', push: false, cwd: work, ...over };
}

const userError = userErrorLines;

describe('a remote that fails in unusual ways', () => {
  // 189: the fetch's exit status ignored (`false`, or the block emptied: rev-parse of a ref never written fails with
  // git's own words instead), 190: the message list emptied ([]) or its line emptied (``).
  test('a fetch that fails after the branch was listed (a corrupt remote) is one line naming branch and remote', () => {
    const remote = bare();
    // A commit whose tree the remote does not have: ls-remote lists the branch, upload-pack cannot send it.
    const broken = sh(remote, ['hash-object', '-t', 'commit', '-w', '--stdin'], `tree ${'1'.repeat(40)}\nauthor A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n\nbroken\n`);
    sh(remote, ['update-ref', 'refs/heads/rendered', broken]);
    const clone = bare(fresh('clone'));
    sh(clone, ['remote', 'add', 'origin', remote]);
    const lines = userError(() => publishToBranch(request(clone, { push: true })));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: gitops publish: fetching rendered from origin failed: \S.*$/);
    expect(sh(remote, ['rev-parse', 'rendered'])).toBe(broken);
    expect(sh(clone, ['for-each-ref'])).toBe('');
  });

  // 215: the reason regex without its `$` anchor or with \S* for \s* (either takes the inner parentheses), `?.[1]`
  // -> `[1]` (a TypeError when nothing matches), split('\t') -> split('') (the last character only).
  test('a refusal whose reason holds parentheses of its own (a proc-receive hook) is quoted whole, not cut', () => {
    const { remote, tip, clone } = remoteAndClone();
    sh(remote, ['config', 'receive.procReceiveRefs', 'refs/heads/rendered']);
    // git's proc-receive protocol (githooks(5)): pkt-lines in, a version, then one `ng <ref> <reason>` per command.
    fs.writeFileSync(path.join(remote, 'hooks', 'proc-receive'), [
      `#!${process.execPath}`,
      "const fs = require('fs');",
      'function read() {',
      '  const head = Buffer.alloc(4);',
      '  if (fs.readSync(0, head, 0, 4) < 4) return null;',
      '  const size = parseInt(head.toString(), 16);',
      "  if (size === 0) return '';",
      '  const body = Buffer.alloc(size - 4);',
      '  for (let at = 0; at < body.length;) at += fs.readSync(0, body, at, body.length - at);',
      '  return body.toString();',
      '}',
      "const pkt = (s) => (s.length + 4).toString(16).padStart(4, '0') + s;",
      'while (read());',
      "fs.writeSync(1, pkt('version=1\\n') + '0000');",
      'const refs = [];',
      "for (let line; (line = read());) refs.push(line.trim().split(' ')[2]);",
      "fs.writeSync(1, refs.map((ref) => pkt(`ng ${ref} branch protected (rule:main).\\n`)).join('') + '0000');",
      '',
    ].join('\n'), { mode: 0o755 });
    expect(userError(() => publishToBranch(request(clone, { push: true })))).toEqual([
      'error: gitops publish: origin rejected the push to rendered: [remote rejected] (branch protected (rule:main).); nothing was published',
    ]);
    expect(sh(remote, ['rev-parse', 'rendered'])).toBe(tip);
  });

  // 209: the push's LC_ALL=C dropped ({}) or emptied (""): git would then speak the user's language, and
  // gitErrorDetail would find no `fatal:` line to strip. (Only discriminating where git's translations are
  // installed, as on Debian's git package; the assertion holds everywhere.)
  test('a user locale git translates into: the push failure is still parsed, in git\'s English words', () => {
    const { remote, tip, clone } = remoteAndClone();
    const gone = path.join(work, 'gone-push.git');
    sh(clone, ['remote', 'set-url', '--push', 'origin', gone]);
    const locale = { LANGUAGE: process.env.LANGUAGE, LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
    Object.assign(process.env, { LANGUAGE: 'de', LANG: 'C.UTF-8' });
    delete process.env.LC_ALL;
    delete process.env.LC_MESSAGES;
    try {
      expect(userError(() => publishToBranch(request(clone, { push: true })))).toEqual([
        `error: gitops publish: pushing rendered to origin failed: '${gone}' does not appear to be a git repository; nothing was published`,
      ]);
    } finally {
      for (const [name, value] of Object.entries(locale)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(sh(remote, ['rev-parse', 'rendered'])).toBe(tip);
  });
});

describe('paths and trees at the edges', () => {
  // 297: `rev-parse --is-bare-repository` run in the process's own directory ({ cwd: dir } -> {}): from inside a bare
  // repository that answers true for any --repo, so a working-tree clone would be driven from its .git directory,
  // where git resolves the relative origin URL `../remote.git` against the wrong folder.
  test('a working-tree clone with a relative origin, published from a process whose own directory is a bare repository', () => {
    const base = fresh('relative');
    fs.mkdirSync(base);
    const remote = bare(path.join(base, 'remote.git'));
    const tip = commitTree(remote, 'refs/heads/rendered', tree(remote, { 'NOTES.md': 'notes\n' }));
    const clone = path.join(base, 'clone');
    sh(base, ['init', '-q', '-b', 'main', clone]);
    sh(clone, ['remote', 'add', 'origin', '../remote.git']);
    const elsewhere = bare(fresh('cwd'));
    const before = process.cwd();
    process.chdir(elsewhere);
    try {
      const result = publishToBranch(request(clone, { push: true, cwd: base }));
      expect(result.pushed).toBe(true);
      expect(result.previous).toBe(tip);
      expect(sh(remote, ['rev-parse', 'rendered'])).toBe(result.commit);
    } finally {
      process.chdir(before);
    }
  });

  // 64: the URL test unanchored (`x://` anywhere in a path would make it a URL, published through a temporary
  // repository that cannot reach it).
  test('a local path with `://` after its start is a path, not a URL', () => {
    fs.mkdirSync(path.join(work, 'x:'));
    const repo = bare(path.join(work, 'x:', 'repo'));
    const result = publishToBranch(request('./x://repo'));
    expect(result).toEqual({ commit: sh(repo, ['rev-parse', 'rendered']), previous: undefined, changed: ['gitops/dev/app.yaml'], pushed: false, retried: false });
  });

  // 249: ls-tree's empty answer not filtered (changed would be ['']).
  test('a first publish of an environment with no files: a commit of the empty tree that names no changed path', () => {
    const repo = bare(fresh('bare'));
    const result = publishToBranch(request(repo, { files: [] }));
    const tip = sh(repo, ['rev-parse', 'rendered']);
    expect(result).toEqual({ commit: tip, previous: undefined, changed: [], pushed: false, retried: false });
    expect(sh(repo, ['rev-parse', 'rendered^{tree}'])).toBe(EMPTY_TREE);
  });

  // 248: diff-tree's empty answer not filtered (changed would be ['']).
  test('a branch holding an empty folder (which git\'s index cannot hold) and the same render: the commit drops the folder and names no changed path', () => {
    const repo = bare(fresh('bare'));
    const before = commitTree(repo, 'refs/heads/rendered', tree(repo, { empty: {}, gitops: { dev: { 'app.yaml': 'app: 2\n' } } }));
    const result = publishToBranch(request(repo));
    const tip = sh(repo, ['rev-parse', 'rendered']);
    expect(result).toEqual({ commit: tip, previous: before, changed: [], pushed: false, retried: false });
    expect(sh(repo, ['ls-tree', '-r', '-t', '--name-only', tip]).split('\n')).toEqual(['gitops', 'gitops/dev', 'gitops/dev/app.yaml']);
  });
});
