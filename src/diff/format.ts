import type { DiffReport } from './diff-report';
import type { EnvironmentDiff, ObjectChange } from './manifest-diff';
import type { ResourceChange, StackDiff } from './terraform-diff';

const MAX_PATHS = 3;

/** The changed paths of one line, at most a few. */
function paths(changed: readonly string[]): string {
  if (changed.length === 0) return '';
  const shown = changed.slice(0, MAX_PATHS).join(', ');
  return `  (${shown}${changed.length > MAX_PATHS ? `, +${changed.length - MAX_PATHS} more` : ''})`;
}

function count<T extends { action: string }>(items: readonly T[], words: Readonly<Record<string, string>>): string {
  const parts = Object.entries(words)
    .map(([action, word]) => [items.filter((i) => i.action === action).length, word] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} to ${word}`);
  return parts.join(', ');
}

function stackSummary(s: StackDiff): string {
  const counts = count(s.resources, { create: 'add', update: 'change', replace: 'replace', destroy: 'destroy' });
  const settings = s.settings.length > 0 ? `${counts ? '; ' : ''}${s.settings.join(', ')} changed` : '';
  if (s.status === 'unchanged') return 'no changes';
  if (s.status === 'added') return `new stack: ${counts || 'no resources'}`;
  if (s.status === 'removed') return `stack removed: ${counts || 'no resources'}`;
  return `${counts}${settings}`;
}

function environmentSummary(e: EnvironmentDiff): string {
  const listed = e.objects.filter((o) => !o.inDeletedNamespace);
  const counts = count(listed, { create: 'add', update: 'change', replace: 'replace', destroy: 'delete' });
  const inside = e.objects.length - listed.length;
  const withNamespaces = inside > 0 ? `${counts ? ', ' : ''}${inside} deleted with their namespace` : '';
  if (e.status === 'unchanged') return 'no changes';
  if (e.status === 'added') return `new environment: ${counts}`;
  if (e.status === 'removed') return `environment removed: ${counts}${withNamespaces}`;
  return `${counts}${withNamespaces}`;
}

const SIGN: Readonly<Record<string, string>> = { create: '+', update: '~', replace: '-/+', destroy: '-' };

function resourceLine(r: ResourceChange): string {
  const unknown = r.action === 'update' && !r.replacementKnown ? '  [replacement rules unknown for this type: check terraform plan]' : '';
  return `    ${SIGN[r.action]} ${r.address}${r.action === 'update' ? paths(r.changed) : ''}${unknown}`;
}

const objectLine = (o: ObjectChange): string => `    ${SIGN[o.action]} ${o.object}${o.action === 'update' ? paths(o.changed) : ''}  [${o.file}]`;

/**
 * The text report: what will be destroyed or replaced first, then one summary line per stack and environment, then
 * the other changes. Everything is in a fixed order, so two runs over the same trees print the same bytes.
 */
export function formatText(report: DiffReport, header: string): string[] {
  const lines = [header];
  for (const note of report.notes) lines.push(`  note: ${note}`);
  if (report.destructive.length > 0) {
    lines.push('', `Will be DESTROYED or REPLACED (${report.destructive.length}):`);
    const width = Math.max(...report.destructive.map((d) => d.scope.length));
    for (const d of report.destructive) {
      const verb = d.action === 'destroy' ? 'DESTROYED' : 'REPLACED';
      lines.push(`  ${d.scope.padEnd(width)}  ${verb.padEnd(9)}  ${d.subject}${d.details.length > 0 ? `: ${d.details.join('; ')}` : ''}`);
    }
  } else if (report.changes) {
    lines.push('', 'Nothing will be destroyed or replaced.');
  }
  const rows: [string, string][] = [
    ...(report.terraform?.stacks ?? []).map((s): [string, string] => [`terraform/${s.stack}`, stackSummary(s)]),
    ...(report.gitops?.environments ?? []).map((e): [string, string] => [`gitops/${e.environment}`, environmentSummary(e)]),
  ];
  if (rows.length > 0) {
    const width = Math.max(...rows.map(([name]) => name.length));
    lines.push('', 'Summary:');
    for (const [name, text] of rows) lines.push(`  ${name.padEnd(width)}  ${text}`);
  }
  const other: string[] = [];
  for (const s of report.terraform?.stacks ?? []) {
    const rest = s.resources.filter((r) => r.action === 'create' || r.action === 'update');
    if (rest.length > 0) other.push(`  terraform/${s.stack}`, ...rest.map(resourceLine));
  }
  for (const e of report.gitops?.environments ?? []) {
    const rest = e.objects.filter((o) => o.action === 'create' || o.action === 'update');
    if (rest.length > 0) other.push(`  gitops/${e.environment}`, ...rest.map(objectLine));
  }
  if (other.length > 0) lines.push('', 'Other changes:', ...other);
  if (!report.changes) lines.push('', 'No changes: the new output matches the baseline.');
  return lines;
}

/** The JSON report: the same data, for machines. */
export function formatJson(report: DiffReport, meta: { baseline: string; source: string }): string {
  return JSON.stringify({ ...meta, ...report }, null, 2);
}
