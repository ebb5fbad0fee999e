import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A private npm registry (verdaccio) on 127.0.0.1 for tests that publish and install @paved packages. It has no
 * uplinks: it serves only what the test publishes. Its `.npmrc` lines route the @paved scope to it and leave every
 * other package on the registry this machine is configured with, as a team's `.npmrc` does for GitHub Packages.
 */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** `.npmrc` content: the @paved scope on this registry; with `publish`, the token that may publish. */
  npmrc(options?: { readonly publish?: boolean }): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** Starts verdaccio in a child process on a port the OS picks, with its storage under `dir`. */
export async function startLocalRegistry(root: string, dir: string): Promise<LocalRegistry> {
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'verdaccio.yaml');
  fs.writeFileSync(config, [
    `storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
    'uplinks: {}',
    'packages:',
    "  '@paved/*':",
    '    access: $all',
    '    publish: $authenticated',
    "  '**':",
    '    access: $all',
    'web:',
    '  enable: false',
    'log: { type: stdout, format: json, level: error }',
    '',
  ].join('\n'));

  // runServer + listen(0): the OS assigns the port, so parallel runs cannot collide.
  const launcher = [
    `require(${JSON.stringify(require.resolve('verdaccio', { paths: [root] }))})`,
    `.runServer(${JSON.stringify(config)})`,
    ".then((s) => s.listen(0, '127.0.0.1', () => console.log('listening on ' + s.address().port)))",
    '.catch((e) => { console.error(e); process.exit(1); });',
  ].join('');
  const child = spawn(process.execPath, ['-e', launcher], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await waitForPort(child);
  const url = `http://127.0.0.1:${port}/`;

  const token = await addUser(url);

  return {
    url,
    npmrc: (options = {}) => `@paved:registry=${url}\n${options.publish ? `//127.0.0.1:${port}/:_authToken=${token}\n` : ''}`,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail('did not start'), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`verdaccio ${why}:\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

/** Registers a user (the registry's `npm adduser` endpoint) and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'paved-e2e';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'paved-e2e-password', type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`verdaccio: adduser failed (${response.status}): ${JSON.stringify(body)}`);
  return body.token;
}
