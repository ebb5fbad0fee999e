import type { ServiceSettings } from '../settings';
import { generatedFilesSection, gitopsAppSection, joinPlatformSection } from './repo-docs';

/**
 * The team-owned code of a new static site, written once by `projen new` and never again: a React single-page
 * application built by Vite that shows whether its API answers, with Vitest tests on jsdom (Testing Library) that keep
 * it above the coverage gate. The API is `/api` on the site's own host unless `VITE_API_URL` is set at build time.
 */
export function staticSiteSourceFiles(s: ServiceSettings): { [file: string]: string } {
  return {
    'main.tsx': srcMainTsx(s),
    'App.tsx': srcAppTsx(),
    'api.ts': srcApiTs(),
    'config.ts': srcConfigTs(),
    'vite-env.d.ts': srcViteEnvDTs(),
  };
}

/** The sample's tests (`test/`), written once like the sources. */
export function staticSiteTestFiles(s: ServiceSettings): { [file: string]: string } {
  return { 'app.test.tsx': testAppTestTsx(s) };
}

/** `index.html`, Vite's entry point (team-owned). */
export function staticSiteIndexHtml(s: ServiceSettings): string {
  return indexHtml(s);
}

// index.html
function indexHtml(s: ServiceSettings): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>${s.serviceName}</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`;
}

// src/main.tsx
function srcMainTsx(s: ServiceSettings): string {
  return `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { apiBaseUrl } from './config';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App title="${s.serviceName}" apiBaseUrl={apiBaseUrl()} />
  </StrictMode>,
);
`;
}

// src/App.tsx
function srcAppTsx(): string {
  return `import { useEffect, useState } from 'react';
import { type ApiStatus, checkApi } from './api';

export interface AppProps {
  readonly title: string;
  readonly apiBaseUrl: string;
  /** How the API is asked; tests pass their own. */
  readonly check?: (baseUrl: string) => Promise<ApiStatus>;
}

export function App({ title, apiBaseUrl, check = checkApi }: AppProps) {
  const [status, setStatus] = useState<ApiStatus | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void check(apiBaseUrl).then((result) => {
      if (current) setStatus(result);
    });
    return () => {
      current = false;
    };
  }, [apiBaseUrl, check]);
  return (
    <main>
      <h1>{title}</h1>
      <StatusLine status={status} />
    </main>
  );
}

export function StatusLine({ status }: { readonly status: ApiStatus | undefined }) {
  if (status === undefined) return <p role="status">Checking the API…</p>;
  if (status.state === 'up') return <p role="status">The API is up.</p>;
  return <p role="status">The API is down: {status.reason}</p>;
}
`;
}

// src/api.ts
function srcApiTs(): string {
  return `export type ApiStatus = { readonly state: 'up' } | { readonly state: 'down'; readonly reason: string };

/** Asks the API's liveness endpoint; never throws, so the page can always show what it knows. */
export async function checkApi(baseUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = 3000): Promise<ApiStatus> {
  try {
    const response = await fetchFn(\`\${baseUrl}/health\`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? { state: 'up' } : { state: 'down', reason: \`HTTP \${response.status}\` };
  } catch (error) {
    return { state: 'down', reason: error instanceof Error ? error.message : String(error) };
  }
}
`;
}

// src/config.ts
function srcConfigTs(): string {
  return `/** Base URL of the API: \`VITE_API_URL\` when the bundle was built, otherwise \`/api\` on the site's own origin. */
export function apiBaseUrl(env: { readonly VITE_API_URL?: string } = import.meta.env): string {
  const url = env.VITE_API_URL?.trim();
  return url ? url.replace(/\\/+$/, '') : '/api';
}
`;
}

// src/vite-env.d.ts
function srcViteEnvDTs(): string {
  return `/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the API, fixed when the bundle is built (\`VITE_API_URL=https://api.example.com npm run build\`). */
  readonly VITE_API_URL?: string;
}
`;
}

// test/app.test.tsx
function testAppTestTsx(s: ServiceSettings): string {
  return `import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkApi } from '../src/api';
import { App } from '../src/App';
import { apiBaseUrl } from '../src/config';

afterEach(cleanup);

describe('App', () => {
  it('shows the title and that the API is being checked', () => {
    render(<App title="${s.serviceName}" apiBaseUrl="/api" check={() => new Promise(() => undefined)} />);
    expect(screen.getByRole('heading').textContent).toBe('${s.serviceName}');
    expect(screen.getByRole('status').textContent).toBe('Checking the API…');
  });

  it('shows the answer of the API', async () => {
    render(<App title="${s.serviceName}" apiBaseUrl="/api" check={async () => ({ state: 'up' })} />);
    expect((await screen.findByText('The API is up.')).getAttribute('role')).toBe('status');
  });

  it('shows why the API is down', async () => {
    render(<App title="${s.serviceName}" apiBaseUrl="/api" check={async () => ({ state: 'down', reason: 'HTTP 503' })} />);
    expect(await screen.findByText('The API is down: HTTP 503')).toBeTruthy();
  });

  it('ignores an answer that arrives after the page left', async () => {
    let answer: (status: { state: 'up' }) => void = () => undefined;
    const { unmount } = render(<App title="${s.serviceName}" apiBaseUrl="/api" check={() => new Promise((resolve) => (answer = resolve))} />);
    unmount();
    answer({ state: 'up' });
    await Promise.resolve();
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('checkApi', () => {
  it('is up when the liveness endpoint answers 2xx', async () => {
    const fetchFn = vi.fn(async () => new Response('{"status":"ok"}', { status: 200 }));
    expect(await checkApi('https://api.example.com', fetchFn)).toEqual({ state: 'up' });
    expect(fetchFn).toHaveBeenCalledWith('https://api.example.com/health', expect.objectContaining({ signal: expect.any(AbortSignal) }));
  });

  it('is down with the HTTP status otherwise', async () => {
    expect(await checkApi('/api', async () => new Response('', { status: 503 }))).toEqual({ state: 'down', reason: 'HTTP 503' });
  });

  it('is down with the reason when the request fails', async () => {
    expect(await checkApi('/api', async () => Promise.reject(new TypeError('Failed to fetch')))).toEqual({ state: 'down', reason: 'Failed to fetch' });
    expect(await checkApi('/api', async () => Promise.reject('offline'))).toEqual({ state: 'down', reason: 'offline' });
  });
});

describe('apiBaseUrl', () => {
  it('is /api on the same origin by default', () => {
    expect(apiBaseUrl({})).toBe('/api');
    expect(apiBaseUrl({ VITE_API_URL: '  ' })).toBe('/api');
  });

  it('is VITE_API_URL without trailing slashes', () => {
    expect(apiBaseUrl({ VITE_API_URL: 'https://api.example.com/v1/' })).toBe('https://api.example.com/v1');
  });

  it('reads the build environment when none is given', () => {
    expect(apiBaseUrl()).toBe('/api');
  });
});
`;
}

/** The repository's README, written once (team-owned). */
export function staticSiteReadme(s: ServiceSettings, bundleBudgetKb: number): string {
  return [
    `# ${s.serviceName}`,
    '',
    `A Paved static site owned by ${s.team}: a React single-page application built by Vite and served by`,
    'nginx-unprivileged. It was created from `@paved/service-blueprint`: the files the blueprint manages are re-generated',
    'by `npx projen` and read-only; `src/`, `test/`, `index.html`, this README and `.projenrc.ts` are yours.',
    '',
    '## Develop',
    '',
    '```sh',
    'npm ci                 # install',
    'npx projen dev         # Vite dev server with hot reload',
    `npx projen build       # type-check, unit tests with the ${s.coverageThreshold}% coverage gate, lint, bundle, size budget`,
    'npx projen start       # serve the built bundle (vite preview)',
    'docker compose up      # the production image: nginx with the generated nginx.conf',
    '```',
    '',
    'The page calls its API at `/api` on its own host. To call another origin, build with `VITE_API_URL` and list the',
    'origin in `connectSources` in `.projenrc.ts` (the Content-Security-Policy allows only listed origins). One image',
    'serves every environment, so the API URL is the same in all of them.',
    '',
    `The JavaScript of the bundle may weigh at most ${bundleBudgetKb} KiB gzipped (\`bundleBudgetKb\`): split routes with`,
    '`import()` before raising it.',
    '',
    ...generatedFilesSection(),
    '## Ship',
    '',
    'Every push to the default branch runs `.github/workflows/ci.yml`: lint, type-check, unit tests, bundle and budget,',
    'image build, vulnerability scan (fixable HIGH or CRITICAL findings fail the build), SBOM, push to ECR through GitHub',
    `OIDC (role \`${s.pushRoleArn}\`), then a pull request to \`${s.gitopsRepo}\` that writes \`${s.gitopsDescriptorPath}\``,
    'with the new image tag.',
    '',
    ...gitopsAppSection(s),
    ...joinPlatformSection(s),
  ].join('\n');
}
