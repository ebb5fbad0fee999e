import type { CostReport, ScopeCost } from './cost-report';

const usd = (n: number) => `$${n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

function scopeTable(scope: ScopeCost, title: string): string[] {
  const rows = scope.components.map((c) => [c.label, usd(c.monthlyUsd)]);
  const width = Math.max(...rows.map((r) => r[0].length), 'total'.length);
  const money = Math.max(...rows.map((r) => r[1].length), usd(scope.totalUsd).length);
  return [
    title,
    ...rows.map(([label, amount]) => `  ${label.padEnd(width)}  ${amount.padStart(money)}`),
    `  ${'-'.repeat(width)}  ${'-'.repeat(money)}`,
    `  ${'total'.padEnd(width)}  ${usd(scope.totalUsd).padStart(money)}`,
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
  lines.push(`total ${usd(report.totalUsd)} per month, on-demand ${report.currency} list prices retrieved ${report.priceTable.retrieved}`);
  lines.push(`prices: ${counts.published} published, ${counts.derived} derived, ${counts['list-price']} list prices not re-read (see docs/cost-model.md)`);
  lines.push(`not included: ${report.excluded.join('; ')}`);
  return lines;
}
