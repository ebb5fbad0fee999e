import { performance } from 'node:perf_hooks';

export interface CheckJobResult {
  readonly readMs: number;
  readonly checkMs: number;
  readonly rules: number;
  readonly resources: number;
  readonly documents: number;
}

/**
 * `paved check` over an existing output directory: reading and parsing it (the baseline: what any checker must do),
 * then running every rule. Modules are loaded inside the timed job.
 */
export function checkJob(args: { outDir: string; rulesToo: boolean }): CheckJobResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ALL_RULES, readOutput, runChecks } = require('@paved/guardrails') as typeof import('@paved/guardrails');
  const started = performance.now();
  const input = readOutput(args.outDir);
  const read = performance.now();
  const report = args.rulesToo ? runChecks(input, { rules: ALL_RULES, today: '2026-01-01' }) : undefined;
  return {
    readMs: read - started,
    checkMs: performance.now() - read,
    rules: report?.summary.rules ?? 0,
    resources: report?.summary.resources ?? 0,
    documents: report?.summary.documents ?? 0,
  };
}
