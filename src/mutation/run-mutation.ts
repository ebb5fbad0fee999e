import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type GroupSummary, type MutationReport, parseEquivalents, renderReport, rowsBelow, staleEquivalents, summarizeGroup } from './mutation-summary';
import { writeFileAtomically } from '../deploy/atomic-file';

/** Minimum adjusted mutation score of every group and every mutated file, in percent. */
export const THRESHOLD_PERCENT = 80;

const CONFIG_SUFFIX = '.config.json';
const USAGE = 'pnpm test:mutation [--group <name>] [--concurrency <n>] [--summary-only]';

/**
 * `pnpm test:mutation`: runs StrykerJS once per `stryker/<group>.config.json`, one group after the other (each group
 * already uses every core), then writes docs/mutation-report.md from the JSON reports and exits 1 when a group or a
 * file scores below the threshold. Conventions: stryker/README.md.
 */
function main(argv: string[]): number {
  const root = path.resolve(__dirname, '..', '..');
  let values: { 'group'?: string; 'concurrency'?: string; 'summary-only'?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'group': { type: 'string' }, 'concurrency': { type: 'string' }, 'summary-only': { type: 'boolean' } },
    }));
  } catch (e) {
    process.stderr.write(`error: arguments: ${(e as Error).message} (usage: ${USAGE})\n`);
    return 1;
  }
  if (values.concurrency !== undefined && !/^[1-9]\d*$/.test(values.concurrency)) {
    process.stderr.write(`error: --concurrency: '${values.concurrency}' is not a positive integer\n`);
    return 1;
  }

  const strykerDir = path.join(root, 'stryker');
  const groups = fs
    .readdirSync(strykerDir)
    .filter((f) => f.endsWith(CONFIG_SUFFIX))
    .map((f) => f.slice(0, -CONFIG_SUFFIX.length))
    .sort();
  if (values.group !== undefined && !groups.includes(values.group)) {
    process.stderr.write(`error: --group: no stryker/${values.group}${CONFIG_SUFFIX} (groups: ${groups.join(', ')})\n`);
    return 1;
  }

  const equivalentsFile = path.join('stryker', 'equivalent-mutants.json');
  const { equivalents, problems } = parseEquivalents(readJson(path.join(root, equivalentsFile)) ?? [], equivalentsFile);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    return 1;
  }

  const durations: Record<string, number> = {};
  const failedRuns: string[] = [];
  const toRun = values['summary-only'] ? [] : groups.filter((g) => values.group === undefined || g === values.group);
  for (const group of toRun) {
    const config = path.join('stryker', `${group}${CONFIG_SUFFIX}`);
    const args = ['run', config, ...(values.concurrency ? ['--concurrency', values.concurrency] : [])];
    process.stderr.write(`test:mutation: ${group}: stryker ${args.join(' ')}\n`);
    const started = process.hrtime.bigint();
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'stryker'), args, { cwd: root, stdio: 'inherit' });
    durations[group] = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) failedRuns.push(`error: ${config}: stryker exited with ${result.status ?? result.signal}`);
  }

  // Every group with a report, including groups not run this time (their report is the last one written).
  const summaries: GroupSummary[] = [];
  for (const group of groups) {
    const config = readJson(path.join(strykerDir, `${group}${CONFIG_SUFFIX}`)) as { jsonReporter?: { fileName?: string } };
    const reportFile = config?.jsonReporter?.fileName ?? path.join('reports', 'mutation', `${group}.json`);
    const report = readJson(path.join(root, reportFile)) as MutationReport | undefined;
    if (report) summaries.push(summarizeGroup(group, report, equivalents));
    else if (toRun.includes(group)) failedRuns.push(`error: ${reportFile}: stryker wrote no report for group '${group}'`);
  }

  const command = ['pnpm test:mutation', ...argv].join(' ');
  const stale = staleEquivalents(summaries, equivalents);
  const text = renderReport(summaries, { date: new Date(), command, thresholdPercent: THRESHOLD_PERCENT, durations, stale });
  writeFileAtomically(path.join(root, 'docs', 'mutation-report.md'), text);
  process.stderr.write('test:mutation: wrote docs/mutation-report.md\n');

  const below = rowsBelow(summaries, THRESHOLD_PERCENT).map(
    (r) => `error: ${r.file ?? `group ${r.group}`}: mutation score ${r.adjustedScore!.toFixed(1)}% is below ${THRESHOLD_PERCENT}% (kill the survivors listed in docs/mutation-report.md or document equivalents in ${equivalentsFile})`,
  );
  const errors = [...failedRuns, ...below];
  if (errors.length > 0) process.stderr.write(`${errors.join('\n')}\n`);
  return errors.length > 0 ? 1 : 0;
}

class UserError extends Error {}

/** Parsed JSON, or undefined when the file does not exist. */
function readJson(file: string): unknown {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`error: ${file}: not valid JSON (${(e as Error).message})`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UserError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
}
