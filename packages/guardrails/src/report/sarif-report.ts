import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { CheckReport } from '../engine/run-checks';
import { formatMirror, helpUri, type Rule } from '../rule';

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per Paved rule (with the public checks it mirrors), one result per
 * finding, waived findings as suppressed results with the waiver's reason.
 */
export function toSarif(report: CheckReport, rules: readonly Rule[], toolVersion: string): Log {
  const used = rules.filter((r) => report.findings.some((f) => f.ruleId === r.id));
  const index = new Map(used.map((r, i) => [r.id, i] as const));
  const descriptors: ReportingDescriptor[] = used.map((r) => ({
    id: r.id,
    name: r.id.replace(/-/g, ''),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: { text: `Fix: ${r.fix}${r.mirrors.length ? `\nMirrors: ${r.mirrors.map(formatMirror).join(', ')}` : ''}` },
    ...(r.mirrors[0] ? { helpUri: helpUri(r.mirrors[0]) } : {}),
    defaultConfiguration: { level: r.severity.production === 'off' ? 'warning' : r.severity.production },
    properties: { tags: ['security', ...r.mirrors.map(formatMirror)] },
  }));
  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: f.severity,
    message: { text: `${f.address}: ${f.problem}. Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: f.file, uriBaseId: 'OUTPUT' }, ...(f.line ? { region: { startLine: f.line } } : {}) },
        logicalLocations: [{ fullyQualifiedName: f.address }],
      },
    ],
    partialFingerprints: { pavedAddress: `${f.ruleId}:${f.address}` },
    ...(f.waiver ? { suppressions: [{ kind: 'external', justification: `${f.waiver.reason} (expires ${f.waiver.expires})` }] } : {}),
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'paved check', informationUri: 'https://github.com/paved', version: toolVersion, rules: descriptors } },
        originalUriBaseIds: { OUTPUT: { description: { text: 'The paved synth output directory' } } },
        results,
      },
    ],
  };
}
