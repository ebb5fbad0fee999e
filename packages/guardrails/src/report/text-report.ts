import type { CheckReport, Finding } from '../engine/run-checks';

function findingLine(f: Finding): string {
  const where = f.line ? `${f.file}:${f.line}` : f.file;
  const mirrors = f.mirrors.length ? ` [${f.mirrors.join(', ')}]` : '';
  return `${f.severity}: ${f.ruleId}${mirrors}: ${f.address}: ${f.problem} (fix: ${f.fix}) at ${where}`;
}

/** The human report: one line per finding and per waiver, then the counts. */
export function formatTextReport(report: CheckReport): string[] {
  const lines: string[] = [];
  for (const p of report.problems) lines.push(`error: ${p.file}:${p.line}: ${p.message}`);
  for (const f of report.findings.filter((x) => !x.waiver)) lines.push(findingLine(f));
  for (const outcome of report.waivers) {
    const w = outcome.waiver;
    const what = `${w.rule} on ${w.resource} (reason: ${w.reason}; expires ${w.expires})`;
    switch (outcome.state) {
      case 'applied':
        lines.push(`waived: ${what}: ${outcome.addresses.length} finding${outcome.addresses.length === 1 ? '' : 's'}: ${outcome.addresses.join(', ')}`);
        break;
      case 'unused':
        lines.push(`warning: waiver ${what} matches no finding (remove it, or fix the rule id or resource)`);
        break;
      case 'expired':
        lines.push(`error: waiver ${what} expired on ${w.expires} (fix the finding${outcome.addresses.length ? `s on ${outcome.addresses.join(', ')}` : ''} or extend the waiver with a new reason)`);
        break;
      case 'unknown-rule':
        lines.push(`error: waiver ${what} names no rule of paved check (rule ids look like PAVED-AWS-RDS-001)`);
        break;
    }
  }
  const s = report.summary;
  lines.push(
    `paved check: ${s.rules} rules (${s.awsRules} AWS, ${s.kubernetesRules} Kubernetes/ArgoCD) over ${s.resources} resources in ${s.stacks} stacks and ` +
      `${s.documents} manifests in ${s.manifestFiles} files (${s.evaluations} evaluations): ${s.errors} error${s.errors === 1 ? '' : 's'}, ` +
      `${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.waived} waived by ${report.waivers.length} waiver${report.waivers.length === 1 ? '' : 's'}`,
  );
  return lines;
}
