import {
  type EquivalentMutant,
  type MutationReport,
  parseEquivalents,
  renderReport,
  rowsBelow,
  staleEquivalents,
  summarizeGroup,
} from '../src/mutation/mutation-summary';

const at = (line: number, column = 1) => ({ start: { line, column } });

/** A hand-written mutation-testing-report-schema report: two files, every status the summary distinguishes. */
const REPORT: MutationReport = {
  files: {
    'pkg/src/b.ts': {
      source: 'export const b = (x: number) => x > 1;\n',
      mutants: [
        { id: '1', mutatorName: 'EqualityOperator', replacement: 'x >= 1', status: 'Survived', location: at(1, 33) },
        { id: '2', mutatorName: 'BooleanLiteral', replacement: 'true', status: 'Killed', location: at(1, 33) },
        { id: '3', mutatorName: 'ArrowFunction', replacement: '() => undefined', status: 'Killed', location: at(1, 18) },
        { id: '4', mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Killed', location: at(1, 33) },
      ],
    },
    'pkg/src/a.ts': {
      source: "const a = 'x';\nif (a) go();\n",
      mutants: [
        { id: '5', mutatorName: 'StringLiteral', replacement: '""', status: 'Timeout', location: at(1, 11) },
        { id: '6', mutatorName: 'ConditionalExpression', replacement: 'true', status: 'NoCoverage', location: at(2, 5) },
        { id: '7', mutatorName: 'BlockStatement', replacement: '{}', status: 'CompileError', location: at(2, 8) },
        { id: '8', mutatorName: 'StringLiteral', status: 'Ignored', location: at(1, 11) },
      ],
    },
  },
};

const EQUIVALENT: EquivalentMutant = {
  file: 'pkg/src/b.ts',
  line: 1,
  mutator: 'EqualityOperator',
  replacement: 'x >= 1',
  original: 'x > 1',
  reason: 'x is never exactly 1 | by construction',
};

describe('summarizeGroup', () => {
  test('scores the group and each file: (killed + timeout) / (killed + timeout + survived + no coverage)', () => {
    const { rows } = summarizeGroup('demo', REPORT, []);
    expect(rows.map((r) => [r.file ?? '(all)', r.killed, r.timeout, r.survived, r.noCoverage, r.score])).toEqual([
      ['(all)', 3, 1, 1, 1, (100 * 4) / 6],
      ['pkg/src/a.ts', 0, 1, 0, 1, 50],
      ['pkg/src/b.ts', 3, 0, 1, 0, 75],
    ]);
  });

  test('lists survived and uncovered mutants; compile errors and ignored mutants are not scored', () => {
    const { survivors } = summarizeGroup('demo', REPORT, []);
    expect(survivors.map((s) => `${s.file}:${s.line}:${s.column} ${s.mutator} ${s.status}`)).toEqual([
      'pkg/src/a.ts:2:5 ConditionalExpression NoCoverage',
      'pkg/src/b.ts:1:33 EqualityOperator Survived',
    ]);
  });

  test('a documented equivalent counts as killed in the adjusted score and carries its reason', () => {
    const summary = summarizeGroup('demo', REPORT, [EQUIVALENT]);
    const b = summary.rows.find((r) => r.file === 'pkg/src/b.ts')!;
    expect([b.score, b.adjustedScore, b.equivalent]).toEqual([75, 100, 1]);
    expect(summary.survivors.find((s) => s.file === 'pkg/src/b.ts')?.reason).toBe(EQUIVALENT.reason);
    expect(staleEquivalents([summary], [EQUIVALENT])).toEqual([]);
  });

  test.each([
    ['another line', { line: 2 }],
    ['another mutator', { mutator: 'ConditionalExpression' }],
    ['another replacement', { replacement: 'x < 1' }],
    ['an original snippet the line lacks', { original: 'x < 1' }],
    ['another file', { file: 'pkg/src/a.ts' }],
  ])('an entry with %s matches nothing and is reported stale', (_, change) => {
    const entry = { ...EQUIVALENT, ...change };
    const summary = summarizeGroup('demo', REPORT, [entry]);
    expect(summary.rows[0].equivalent).toBe(0);
    expect(staleEquivalents([summary], [entry])).toEqual([entry]);
  });

  test('entries of files that were not mutated this time are not stale', () => {
    const elsewhere = { ...EQUIVALENT, file: 'other/src/c.ts' };
    expect(staleEquivalents([summarizeGroup('demo', REPORT, [])], [elsewhere])).toEqual([]);
  });
});

describe('rowsBelow', () => {
  test('gates every group and every file on the adjusted score', () => {
    const plain = summarizeGroup('demo', REPORT, []);
    expect(rowsBelow([plain], 75).map((r) => r.file ?? '(all)')).toEqual(['(all)', 'pkg/src/a.ts']);
    expect(rowsBelow([plain], 50).map((r) => r.file ?? '(all)')).toEqual([]);
    const adjusted = summarizeGroup('demo', REPORT, [EQUIVALENT]);
    expect(rowsBelow([adjusted], 75).map((r) => r.file ?? '(all)')).toEqual(['pkg/src/a.ts']);
  });

  test('a file without scored mutants has no score and never fails', () => {
    const empty = summarizeGroup('demo', { files: { 'pkg/src/c.ts': { mutants: [] } } }, []);
    expect(empty.rows.map((r) => r.score)).toEqual([undefined, undefined]);
    expect(rowsBelow([empty], 80)).toEqual([]);
  });
});

describe('parseEquivalents', () => {
  test('accepts well-formed entries and reports each bad one on its own line', () => {
    const { equivalents, problems } = parseEquivalents([EQUIVALENT, { file: 'x.ts', line: 'one', mutator: 'M', reason: ' ' }], 'eq.json');
    expect(equivalents).toEqual([EQUIVALENT]);
    expect(problems).toEqual(['error: eq.json: [1]: missing or invalid line (an integer), reason (a non-empty string)']);
  });

  test('rejects anything but an array', () => {
    expect(parseEquivalents({}, 'eq.json').problems).toEqual(['error: eq.json: expected an array of entries']);
  });
});

describe('renderReport', () => {
  const text = renderReport([summarizeGroup('demo', REPORT, [EQUIVALENT])], {
    date: new Date('2026-12-03T13:00:00.123Z'),
    command: 'pnpm test:mutation --group demo',
    thresholdPercent: 80,
    durations: { demo: 61.6 },
    stale: [],
  });

  test('states the date, the command and that documented equivalents count as killed', () => {
    expect(text).toContain('- Date: 2026-12-03T13:00:00Z');
    expect(text).toContain('- Command: `pnpm test:mutation --group demo`');
    expect(text).toMatch(/counting surviving mutants documented as equivalent .* as killed/);
  });

  test('one row per group and file with counts, scores, a mark below the threshold and the run time', () => {
    expect(text).toContain('| **demo** | (all) | 3 | 1 | 1 | 1 | 1 | 66.7% | 83.3% | 62 s |');
    expect(text).toContain('| demo | `pkg/src/a.ts` | 0 | 1 | 0 | 1 | 0 | 50.0% | 50.0% ❌ |  |');
    expect(text).toContain('| demo | `pkg/src/b.ts` | 3 | 0 | 1 | 0 | 1 | 75.0% | 100.0% |  |');
  });

  test('lists survivors with their reason, escaping table pipes', () => {
    expect(text).toContain('## Surviving mutants (2)');
    expect(text).toContain('| `pkg/src/b.ts` | 1:33 | EqualityOperator | `x >= 1` | Survived | x is never exactly 1 \\| by construction |');
    expect(text).toContain('| `pkg/src/a.ts` | 2:5 | ConditionalExpression | `true` | NoCoverage | undocumented: needs a test |');
  });
});
