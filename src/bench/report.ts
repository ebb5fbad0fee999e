import type { BenchRow } from './bench-target';

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);

/** Whether a row meets its budget and required speed-up; the reasons when not. */
export function judge(row: BenchRow): string[] {
  const misses: string[] = [];
  if (row.budget?.wallMs !== undefined && row.wallMs > row.budget.wallMs) misses.push(`wall > ${ms(row.budget.wallMs)}`);
  if (row.budget?.peakRssMb !== undefined && (row.peakRssMb ?? 0) > row.budget.peakRssMb) misses.push(`RSS > ${row.budget.peakRssMb} MB`);
  if (row.versus?.minRatio !== undefined && row.versus.ratio < row.versus.minRatio) misses.push(`speed-up < ${row.versus.minRatio}x`);
  return misses;
}

/** The table `pnpm bench` prints: one line per row, phases and comparisons indented below. */
export function formatReport(results: { target: string; rows: BenchRow[] }[], host: { cpus: number; node: string }) {
  const lines = [`paved bench (${host.cpus} CPUs, Node ${host.node}); ratios compare runs made in this same invocation`, ''];
  let failures = 0;
  const width = Math.max(30, ...results.flatMap((r) => r.rows.map((row) => row.label.length)));
  for (const { target, rows } of results) {
    lines.push(`[${target}]`);
    for (const row of rows) {
      const misses = judge(row);
      failures += misses.length > 0 ? 1 : 0;
      const budget = [
        row.budget?.wallMs !== undefined ? `<= ${ms(row.budget.wallMs)}` : '',
        row.budget?.peakRssMb !== undefined ? `<= ${row.budget.peakRssMb} MB` : '',
      ].filter(Boolean).join(', ');
      const status = misses.length > 0 ? `FAIL (${misses.join(', ')})` : budget || row.versus?.minRatio ? 'ok' : '';
      const rss = row.peakRssMb !== undefined ? `${row.peakRssMb.toFixed(0).padStart(5)} MB` : ''.padStart(8);
      lines.push(`  ${row.label.padEnd(width)}  ${ms(row.wallMs).padStart(9)}  ${rss}  ${budget ? `budget ${budget}  ` : ''}${status}`);
      if (row.phases) lines.push(`  ${''.padEnd(width)}  ${Object.entries(row.phases).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
      if (row.versus) {
        const need = row.versus.minRatio !== undefined ? ` (required >= ${row.versus.minRatio}x)` : '';
        lines.push(`  ${''.padEnd(width)}  ${row.versus.ratio.toFixed(1)}x faster than ${row.versus.label}${need}`);
      }
      if (row.note) lines.push(`  ${''.padEnd(width)}  ${row.note}`);
    }
    lines.push('');
  }
  lines.push(failures > 0 ? `${failures} row(s) missed their budget` : 'every budget met');
  return { text: `${lines.join('\n')}\n`, failures };
}
