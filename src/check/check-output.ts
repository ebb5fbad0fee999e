import { ALL_RULES, formatTextReport, localDate, readOutput, runChecks, type CheckReport, type InMemoryManifest } from '@paved/guardrails';
import type { WaiverConfig } from '@paved/shared-config';
import { UserError } from '../cli/user-error';

/** Runs every guardrail over a synthesized output directory, with the config's waivers, judged on `today`. */
export function checkOutput(
  dir: string,
  waivers: readonly WaiverConfig[],
  today = localDate(),
  manifests?: readonly InMemoryManifest[],
): CheckReport {
  return runChecks(readOutput(dir, manifests), { rules: ALL_RULES, waivers, today });
}

/**
 * What `paved synth` does with the report: refuse the output when it fails (errors, expired or unknown waivers,
 * unreadable files), one line per problem.
 */
export function refuseFailingOutput(report: CheckReport, displayPath: string): void {
  if (report.ok) return;
  const lines = formatTextReport(report).filter((l) => l.startsWith('error:') || l.startsWith('paved check:'));
  throw new UserError([...lines, `${displayPath}: the output fails paved check; nothing written (fix the findings or add waivers with a reason)`]);
}
