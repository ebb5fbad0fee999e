import type { ResolvedPlatform } from '@paved/shared-config';
import { type DocsFile, generatePlatformDocs } from './generate-docs';
import { techdocsSite } from '../catalog/techdocs-site';
import type { CostReport } from '../cost/cost-report';
import { formatCostTable } from '../cost/format-cost';
import type { TerraformCounts } from '../cost/terraform-counts';

/**
 * Everything `paved docs` (and `pnpm docs:generate`) writes into a docs folder: the pages, and the cost estimate as a
 * table and as JSON. One list for both, so the folder's ownership marker names every file and neither deletes the
 * other's.
 */
export function docsOutputFiles(platform: ResolvedPlatform, counts: TerraformCounts, cost: CostReport): DocsFile[] {
  const pages = generatePlatformDocs(platform, counts, cost);
  return [
    ...pages,
    { path: 'cost.txt', content: `${formatCostTable(cost).join('\n')}\n` },
    { path: 'cost.json', content: `${JSON.stringify(cost, null, 2)}\n` },
    // The same pages as a TechDocs site (mkdocs.yml + docs/), which the catalog's System entity points at.
    ...techdocsSite(platform, pages),
  ];
}
