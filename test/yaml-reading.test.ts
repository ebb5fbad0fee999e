import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readWithJsYaml, readWithYaml } from '@paved/guardrails/lib/engine/yaml-documents';
import { sharedSynth } from './support/shared-synth';

/**
 * paved check reads the GitOps manifests with js-yaml, not yaml (issue 14: 3x faster), and only where the two read a
 * file alike (packages/guardrails/src/engine/yaml-documents.ts). On Paved's own output js-yaml must read every file,
 * and read it exactly as yaml does: the same documents, deep and strictly equal, on the same lines.
 */
const CONFIGS = ['platform.config.ts', ...['community-health-api-gateway', 'api-spa-helm', 'fastapi-react', 'event-driven-chain', 'stages']
  .map((name) => path.join('examples', name, 'platform.config.ts'))];

test.each(CONFIGS)('%s: js-yaml reads every manifest file exactly as yaml does', (config) => {
  // `paved synth --config <config> --no-timings`, shared with the other files that read it (support/shared-synth.ts).
  const gitops = path.join(sharedSynth(config), 'gitops');
  const files = (fs.readdirSync(gitops, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f)).sort();
  expect(files.length).toBeGreaterThan(40);
  const notFast: string[] = [];
  const differing: string[] = [];
  let documents = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(gitops, file), 'utf8');
    const fast = readWithJsYaml(text);
    if (!fast) {
      notFast.push(file);
      continue;
    }
    documents += fast.documents.length;
    if (!isDeepStrictEqual(fast, readWithYaml(text))) differing.push(file);
  }
  expect(notFast).toEqual([]);
  expect(differing).toEqual([]);
  expect(documents).toBeGreaterThan(files.length);
}, 120_000);
