import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../platform.config';
import { DEFAULT_ASSUMPTIONS } from '../src/cost/assumptions';
import { estimateCost } from '../src/cost/estimate-cost';
import { AWS_PRICES } from '../src/cost/prices/aws-prices';
import { TerraformCounts } from '../src/cost/terraform-counts';
import { environmentPage } from '../src/platform-docs/environment-page';

/**
 * Issue 14: the environment page of an EKS Auto Mode environment says so in a Compute section and shows Auto Mode
 * instead of node groups in its diagram; pages of managed node groups are unchanged. In-process: no synthesis (an
 * empty output directory gives zero resource counts), the page is rendered from the resolved config.
 */
type Env = PlatformConfig['environments'][number];
function onAutoMode(env: Env): Env {
  const { nodeGroups: _dropped, ...cluster } = env.cluster ?? {};
  return { ...env, cluster: { ...cluster, compute: 'auto-mode' } };
}

const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-auto-docs-'));
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

function pages(config: PlatformConfig): Map<string, string> {
  const platform = resolvePlatform(config);
  const counts = new TerraformCounts(empty);
  const cost = estimateCost({ platform, counts, prices: AWS_PRICES, assumptions: DEFAULT_ASSUMPTIONS });
  const costOf = (name: string) => cost.environments.find((c) => c.name === name)!;
  return new Map(platform.environments.map((env) => [env.name, environmentPage(platform, env, counts, costOf(env.name))]));
}

describe('environment page of an Auto Mode environment', () => {
  const auto = pages({ ...example, environments: example.environments.map((e) => (e.name === 'prod' ? onAutoMode(e) : e)) });
  const prod = auto.get('prod')!;

  test('a Compute section says EKS Auto Mode, what EKS runs, and the assumed capacity with the fee', () => {
    const section = prod.slice(prod.indexOf('## Compute'), prod.indexOf('## Endpoints'));
    expect(prod.indexOf('## Compute')).toBeGreaterThan(prod.indexOf('## Architecture'));
    expect(section).toMatch(/^\*\*EKS Auto Mode\*\* \(`cluster\.compute: 'auto-mode'`\): no managed node groups\./m);
    expect(section).toMatch(/^\| nodes \| Auto Mode node pools `general-purpose`, `system`, on demand;/m);
    expect(section).toMatch(/^\| run by EKS \| VPC CNI, CoreDNS, kube-proxy, EBS volumes \(provisioner `ebs\.csi\.eks\.amazonaws\.com`\), Pod Identity agent \|$/m);
    expect(section).toMatch(/^\| load balancing \| IngressClass `alb` with controller `eks\.amazonaws\.com\/alb`/m);
    expect(section).toMatch(/^\| cost estimate \| 3 x m6i\.large on demand \(assumed from the profile\) plus the Auto Mode management fee \(~12% of the EC2 price\) \|$/m);
    expect(section).toMatch(/docs\/auto-mode\.md/);
  });

  test('the diagram shows one Auto Mode compute box instead of node groups', () => {
    const diagram = prod.slice(prod.indexOf('```mermaid'), prod.indexOf('```', prod.indexOf('```mermaid') + 3));
    expect(diagram).toMatch(/compute: EKS Auto Mode, node pools general-purpose \+ system/);
    expect(diagram).not.toMatch(/ng_|nodes general:/);
    // the load balancer controller chart is not installed on Auto Mode; the shared ALB still is there
    expect(diagram).toMatch(/add-ons: cert-manager, /);
    expect(diagram).not.toMatch(/aws-load-balancer-controller/);
    expect(diagram).toMatch(/alb\("Application Load Balancer/);
  });

  test('environments on managed node groups keep their node groups and get no Compute section', () => {
    for (const name of ['dev', 'staging']) {
      const page = auto.get(name)!;
      expect(page).not.toMatch(/## Compute|EKS Auto Mode/);
      expect(page).toMatch(/nodes general: \d+-\d+ x /);
    }
    // The page of the unchanged example is the same as before this section existed.
    expect(pages(example).get('prod')).not.toMatch(/## Compute/);
  });
});
