import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchRow } from './bench-target';
import { formatReport } from './report';
import { BENCH_TARGETS } from './targets';

/**
 * `pnpm bench [--only name,...] [--sizes 3,30,300]`: runs every target, prints one table, writes
 * bench-results/latest.json and exits 1 when a row misses its budget or required speed-up.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, sizes: { type: 'string' } } });
  const only = values.only?.split(',');
  const sizes = (values.sizes ?? '3,30,300').split(',').map(Number);
  const root = path.resolve(__dirname, '..', '..');
  const targets = BENCH_TARGETS.filter((t) => !only || only.includes(t.name));
  const results: { target: string; rows: BenchRow[] }[] = [];
  for (const target of targets) {
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `paved-bench-${target.name}-`));
    try {
      process.stderr.write(`bench: ${target.name}: ${target.description}\n`);
      const rows = await target.run({ root, tmpDir, sizes, log: (l) => process.stderr.write(`  ${l}\n`) });
      results.push({ target: target.name, rows });
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  }
  const { text, failures } = formatReport(results, { cpus: os.cpus().length, node: process.version });
  process.stdout.write(text);
  fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench-results', 'latest.json'), `${JSON.stringify({ results }, null, 2)}\n`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
