/**
 * Turns StrykerJS JSON reports (mutation-testing-report-schema) into the scores and the markdown of
 * docs/mutation-report.md. Pure functions over parsed JSON: `run-mutation.ts` does the I/O.
 */

/** The subset of a mutation-testing-report-schema mutant this summary reads. */
export interface ReportMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** The subset of a mutation-testing-report-schema report this summary reads. */
export interface MutationReport {
  readonly files: Record<string, { readonly source?: string; readonly mutants: readonly ReportMutant[] }>;
}

/** A surviving mutant that no test can kill, documented in stryker/equivalent-mutants.json. */
export interface EquivalentMutant {
  /** Path as Stryker reports it (relative to the repository root). */
  readonly file: string;
  /** 1-based line where the mutant starts. */
  readonly line: number;
  /** Stryker's mutator name, e.g. `ConditionalExpression`. */
  readonly mutator: string;
  /** The mutated code; when given, it must equal the mutant's replacement. */
  readonly replacement?: string;
  /** A snippet of the original code; when given, the mutated source line must contain it. */
  readonly original?: string;
  /** Why the mutant cannot change observable behaviour. */
  readonly reason: string;
}

export interface Counts {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Survived or NoCoverage mutants documented as equivalent. */
  readonly equivalent: number;
}

export interface ScoreRow extends Counts {
  readonly group: string;
  /** Undefined for the row of the whole group. */
  readonly file?: string;
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), in percent; undefined without valid mutants. */
  readonly score?: number;
  /** The score with documented equivalent survivors counted as killed. */
  readonly adjustedScore?: number;
}

export interface Survivor {
  readonly group: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly status: string;
  /** The documented reason, when the mutant is a known equivalent. */
  readonly reason?: string;
}

export interface GroupSummary {
  readonly group: string;
  readonly rows: readonly ScoreRow[];
  readonly survivors: readonly Survivor[];
}

const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Scores every file of one group's report and lists its undetected mutants. */
export function summarizeGroup(group: string, report: MutationReport, equivalents: readonly EquivalentMutant[]): GroupSummary {
  const rows: ScoreRow[] = [];
  const survivors: Survivor[] = [];
  for (const file of Object.keys(report.files).sort()) {
    const { source, mutants } = report.files[file];
    const lines = source?.split('\n') ?? [];
    const counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0 };
    for (const m of mutants) {
      if (m.status === 'Killed') counts.killed++;
      else if (m.status === 'Timeout') counts.timeout++;
      else if (m.status === 'Survived') counts.survived++;
      else if (m.status === 'NoCoverage') counts.noCoverage++;
      if (!UNDETECTED.has(m.status)) continue;
      const line = m.location.start.line;
      const known = equivalents.find((e) => matches(e, file, m, lines[line - 1] ?? ''));
      if (known) counts.equivalent++;
      survivors.push({
        group,
        file,
        line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        replacement: m.replacement ?? '',
        status: m.status,
        reason: known?.reason,
      });
    }
    rows.push(scoreRow(group, counts, file));
  }
  const total = rows.reduce<Counts>(
    (sum, r) => ({
      killed: sum.killed + r.killed,
      timeout: sum.timeout + r.timeout,
      survived: sum.survived + r.survived,
      noCoverage: sum.noCoverage + r.noCoverage,
      equivalent: sum.equivalent + r.equivalent,
    }),
    { killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0 },
  );
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { group, rows: [scoreRow(group, total), ...rows], survivors };
}

function matches(e: EquivalentMutant, file: string, m: ReportMutant, sourceLine: string): boolean {
  return (
    e.file === file &&
    e.line === m.location.start.line &&
    e.mutator === m.mutatorName &&
    (e.replacement === undefined || e.replacement === m.replacement) &&
    (e.original === undefined || sourceLine.includes(e.original))
  );
}

function scoreRow(group: string, c: Counts, file?: string): ScoreRow {
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  return {
    group,
    file,
    ...c,
    score: valid === 0 ? undefined : (100 * detected) / valid,
    adjustedScore: valid === 0 ? undefined : (100 * (detected + c.equivalent)) / valid,
  };
}

/** Rows (group totals and files) whose adjusted score is below the threshold. */
export function rowsBelow(summaries: readonly GroupSummary[], thresholdPercent: number): ScoreRow[] {
  return summaries.flatMap((s) => s.rows).filter((r) => r.adjustedScore !== undefined && r.adjustedScore < thresholdPercent);
}

/** Equivalents that match no undetected mutant any more (the code moved or a test now kills it). */
export function staleEquivalents(summaries: readonly GroupSummary[], equivalents: readonly EquivalentMutant[]): EquivalentMutant[] {
  const reported = new Set(summaries.flatMap((s) => s.rows.map((r) => r.file)));
  const used = new Set(summaries.flatMap((s) => s.survivors).filter((s) => s.reason).map((s) => `${s.file}:${s.line}:${s.mutator}`));
  // Only files that were mutated this time can prove an entry stale.
  return equivalents.filter((e) => reported.has(e.file) && !used.has(`${e.file}:${e.line}:${e.mutator}`));
}

/** Checks the shape of stryker/equivalent-mutants.json; returns one problem per bad entry. */
export function parseEquivalents(json: unknown, fileName: string): { equivalents: EquivalentMutant[]; problems: string[] } {
  if (!Array.isArray(json)) return { equivalents: [], problems: [`error: ${fileName}: expected an array of entries`] };
  const problems: string[] = [];
  const equivalents: EquivalentMutant[] = [];
  json.forEach((e: Record<string, unknown>, i) => {
    const bad = [
      typeof e?.file === 'string' ? undefined : 'file (a string)',
      Number.isInteger(e?.line) ? undefined : 'line (an integer)',
      typeof e?.mutator === 'string' ? undefined : 'mutator (a string)',
      typeof e?.reason === 'string' && e.reason.trim() !== '' ? undefined : 'reason (a non-empty string)',
    ].filter((x) => x !== undefined);
    if (bad.length > 0) problems.push(`error: ${fileName}: [${i}]: missing or invalid ${bad.join(', ')}`);
    else equivalents.push(e as unknown as EquivalentMutant);
  });
  return { equivalents, problems };
}

export interface RenderOptions {
  /** When the report was written. */
  readonly date: Date;
  /** The command line that produced it. */
  readonly command: string;
  readonly thresholdPercent: number;
  /** Wall time per group run in this invocation, in seconds. */
  readonly durations: Readonly<Record<string, number>>;
  readonly stale: readonly EquivalentMutant[];
}

/** The markdown of docs/mutation-report.md. */
export function renderReport(summaries: readonly GroupSummary[], options: RenderOptions): string {
  const pct = (n?: number) => (n === undefined ? 'n/a' : `${n.toFixed(1)}%`);
  const below = new Set(rowsBelow(summaries, options.thresholdPercent));
  const out = [
    '# Mutation testing report',
    '',
    `- Date: ${options.date.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Command: \`${options.command}\``,
    '- Score = (killed + timeout) / (killed + timeout + survived + no coverage).',
    `- Gate: every group and every file must reach ${options.thresholdPercent}% **counting surviving mutants documented as ` +
      'equivalent in `stryker/equivalent-mutants.json` as killed** (column "adjusted").',
    '',
    '## Scores',
    '',
    '| Group | File | Killed | Timeout | Survived | No coverage | Equivalent | Score | Adjusted | Run time |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of summaries) {
    for (const r of s.rows) {
      const run = r.file === undefined && options.durations[s.group] !== undefined ? `${Math.round(options.durations[s.group])} s` : '';
      const name = r.file === undefined ? `**${s.group}**` : s.group;
      const file = r.file === undefined ? '(all)' : `\`${r.file}\``;
      const adjusted = `${pct(r.adjustedScore)}${below.has(r) ? ' ❌' : ''}`;
      out.push(
        `| ${name} | ${file} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.equivalent} | ${pct(r.score)} | ${adjusted} | ${run} |`,
      );
    }
  }
  const survivors = summaries.flatMap((s) => s.survivors);
  out.push('', `## Surviving mutants (${survivors.length})`, '');
  if (survivors.length === 0) {
    out.push('None.');
  } else {
    out.push('| File | Line | Mutator | Replacement | Status | Reason |', '|---|---:|---|---|---|---|');
    for (const v of survivors) {
      out.push(
        `| \`${v.file}\` | ${v.line}:${v.column} | ${v.mutator} | ${code(v.replacement)} | ${v.status} | ${cell(v.reason ?? 'undocumented: needs a test')} |`,
      );
    }
  }
  if (options.stale.length > 0) {
    out.push('', '## Stale equivalent entries', '', 'These entries of `stryker/equivalent-mutants.json` match no surviving mutant; remove or update them.', '');
    for (const e of options.stale) out.push(`- \`${e.file}\`:${e.line} ${e.mutator}: ${cell(e.reason)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Table cells are one line; `|` would end the cell. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

function code(text: string): string {
  const oneLine = cell(text);
  const short = oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
  return short === '' ? '(removed)' : `\`${short.replace(/`/g, "'")}\``;
}
