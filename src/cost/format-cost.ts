import { COMPONENT_LABELS, type CostReport, type ScopeCost, type UnpricedLine } from './cost-report';
import { PRICE_DATA_FILE } from './price-table';

const usd = (n: number) => `$${n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** A total that leaves out unpriced lines is a lower bound, and says so. */
export const totalText = (amount: number, partial: boolean) => `${partial ? 'at least ' : ''}${usd(amount)}`;

/** `not priced: <what>, <why>`: one line per quantity the price table cannot price. */
export const unpricedText = (u: UnpricedLine) => `not priced: ${COMPONENT_LABELS[u.component]}, ${u.item}, ${u.reason}`;

function scopeTable(scope: ScopeCost, title: string): string[] {
  const rows = scope.components.map((c) => [c.label, usd(c.monthlyUsd)]);
  const total = totalText(scope.totalUsd, scope.unpriced.length > 0);
  const width = Math.max(...rows.map((r) => r[0].length), 'total'.length);
  const money = Math.max(...rows.map((r) => r[1].length), total.length);
  return [
    title,
    ...rows.map(([label, amount]) => `  ${label.padEnd(width)}  ${amount.padStart(money)}`),
    ...scope.unpriced.map((u) => `  ${unpricedText(u)}`),
    `  ${'-'.repeat(width)}  ${'-'.repeat(money)}`,
    `  ${'total'.padEnd(width)}  ${total.padStart(money)}`,
  ];
}

/** The human report: one table per environment and one for the platform-wide resources, then the grand total. */
export function formatCostTable(report: CostReport): string[] {
  const lines: string[] = [];
  for (const env of report.environments) {
    lines.push(...scopeTable(env, `${env.name} (${env.profile}, ${env.region}), per month`), '');
  }
  lines.push(...scopeTable(report.platform, `${report.platform.name} (${report.platform.region}), per month`), '');
  const counts = report.priceTable.linesByBasis;
  lines.push(`total ${totalText(report.totalUsd, report.partial)} per month, on-demand ${report.currency} list prices retrieved ${report.priceTable.retrieved}`);
  lines.push(`prices: ${counts.published} published, ${counts.derived} derived, ${counts['list-price']} list prices not re-read (see docs/cost-model.md)`);
  const scopes = [...report.environments, report.platform];
  const scaled = scopes.reduce((n, s) => n + s.lines.filter((l) => l.derivedFrom).length, 0);
  if (scaled > 0) lines.push(`${scaled} of the derived prices are us-east-1 prices times a regional multiplier (src/cost/prices/region-multipliers.ts; each line's derivedFrom in --format json)`);
  const unpriced = scopes.reduce((n, s) => n + s.unpriced.length, 0);
  if (unpriced > 0) {
    lines.push(`partial: ${unpriced} line${unpriced === 1 ? '' : 's'} not priced (shown above), so the totals are lower bounds; add the missing prices to ${PRICE_DATA_FILE} with their sources (see docs/cost-model.md)`);
  }
  lines.push(`not included: ${report.excluded.join('; ')}`);
  return lines;
}
