import * as fs from 'node:fs';
import * as path from 'node:path';
import example from '../platform.config';
import { ROOT, runPaved, tempDir } from './support/run-paved';
import { costOf } from '../src/cli/cost-command';
import type { CostReport, ScopeCost } from '../src/cost/cost-report';

const work = tempDir('paved-cost-');
const FASTAPI = path.join(ROOT, 'examples', 'fastapi-react', 'platform.config.ts');
const fastapi = costOf(FASTAPI, ROOT).report;
const env = (r: CostReport, name: string) => r.environments.find((e) => e.name === name)!;
const component = (s: ScopeCost, c: string) => s.components.find((x) => x.component === c)?.monthlyUsd ?? 0;
const line = (s: ScopeCost, c: string, item: RegExp) => s.lines.find((l) => l.component === c && item.test(l.item))!;

describe('price arithmetic (hand-computed, us-east-1, 730 hours)', () => {
  const dev = env(fastapi, 'dev');
  const prod = env(fastapi, 'prod');

  test('RDS: instance hours, Multi-AZ billed twice, gp3 storage per copy', () => {
    expect(line(dev, 'postgres', /db\.t3\.micro/).monthlyUsd).toBe(13.14); // 0.018 x 730
    expect(line(dev, 'postgres', /100 GiB/).monthlyUsd).toBe(11.5); // 100 x 0.115
    expect(line(prod, 'postgres', /db\.t3\.small, Multi-AZ/).monthlyUsd).toBe(52.56); // 0.036 x 730 x 2
    expect(line(prod, 'postgres', /100 GiB gp3 storage x 2/).monthlyUsd).toBe(23); // 200 x 0.115
  });

  test('ElastiCache: one node per replica plus the primary', () => {
    expect(component(dev, 'redis')).toBe(12.41); // 0.017 x 730
    expect(component(prod, 'redis')).toBe(74.46); // 3 x 0.034 x 730
  });

  test('NAT: gateways counted in the synthesized network stack, hours, data, public addresses', () => {
    expect(line(dev, 'nat-gateways', /1 NAT gateway/)).toMatchObject({ quantity: 730, monthlyUsd: 32.85 });
    expect(line(prod, 'nat-gateways', /2 NAT gateways/)).toMatchObject({ quantity: 1460, monthlyUsd: 65.7 });
    expect(line(dev, 'nat-gateways', /data processed/).monthlyUsd).toBe(2.25); // 50 GiB x 0.045
    expect(line(prod, 'nat-gateways', /public IPv4/).monthlyUsd).toBe(7.3); // 2 x 730 x 0.005
  });

  test('EKS control plane and spot nodes', () => {
    expect(component(dev, 'eks-control-plane')).toBe(73); // 0.10 x 730
    expect(line(dev, 'nodes', /2 x t3\.medium spot/).monthlyUsd).toBe(24.29); // 2 x 730 x 0.0416 x 0.4
  });

  test('totals are the sums of the lines', () => {
    for (const scope of [...fastapi.environments, fastapi.platform]) {
      expect(scope.totalUsd).toBeCloseTo(scope.lines.reduce((n, l) => n + l.monthlyUsd, 0), 2);
    }
  });
});

describe('the seed that states its costs (fastapi-react, seed 003)', () => {
  // The seed prices only what it ran on AWS: RDS, Redis, NAT and (in production) a load balancer.
  const seedComparable = (s: ScopeCost) => ['postgres', 'redis', 'nat-gateways', 'load-balancers'].reduce((n, c) => n + component(s, c), 0);
  const within = (value: number, [low, high]: [number, number]) => value >= low / 1.5 && value <= high * 1.5;

  test('the parts the seed prices are within a factor of 1.5 of its figures', () => {
    expect(within(seedComparable(env(fastapi, 'dev')) - component(env(fastapi, 'dev'), 'load-balancers'), [80, 100])).toBe(true);
    expect(within(seedComparable(env(fastapi, 'prod')), [180, 250])).toBe(true);
  });

  test('the whole estimate is higher, and docs/cost-model.md says why', () => {
    expect(env(fastapi, 'dev').totalUsd).toBeGreaterThan(100 * 1.5);
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'cost-model.md'), 'utf8');
    expect(docs).toContain('## The fastapi-react example against its seed');
    expect(docs).toMatch(/EKS control plane/);
  });
});

describe('paved cost', () => {
  test('prints a table per environment with totals', () => {
    const run = runPaved(['cost', '--config', FASTAPI]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^dev \(development, us-east-1\), per month$/m);
    expect(run.stdout).toMatch(/^ {2}PostgreSQL \(RDS\) +\$24\.64$/m);
    expect(run.stdout).toMatch(/^total \$[\d,.]+ per month, on-demand USD list prices retrieved \d{4}-\d{2}-\d{2}$/m);
  });

  test('--format json has a stable shape and the same bytes twice', () => {
    const a = runPaved(['cost', '--config', FASTAPI, '--format', 'json', '--env', 'prod']);
    const b = runPaved(['cost', '--config', FASTAPI, '--format', 'json', '--env', 'prod']);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(Object.keys(report)).toEqual(['currency', 'priceTable', 'assumptions', 'environments', 'platform', 'totalUsd', 'partial', 'excluded']);
    expect(report.environments.map((e: any) => e.name)).toEqual(['prod']);
    expect(report.priceTable.sources.length).toBeGreaterThan(0);
  });

  test('an unpriced instance type is a "not priced" line naming what is supported, and the total a lower bound (exit 0)', () => {
    // Every commercial region is priced (test/cost-regions.test.ts); an instance type the table lacks is not an error.
    const typed = structuredClone(example) as any;
    typed.environments[0].cluster = { nodeGroups: [{ name: 'gpu', instanceTypes: ['p5.48xlarge'], minSize: 1, maxSize: 1 }] };
    fs.writeFileSync(path.join(work, 'gpu.json'), JSON.stringify(typed));
    const gpu = runPaved(['cost', '--config', path.join(work, 'gpu.json')]);
    expect(gpu.status).toBe(0);
    expect(gpu.stderr).toBe('');
    expect(gpu.stdout).toMatch(/not priced: .*no price for EC2 instance type 'p5\.48xlarge' in eu-west-1 \(add it to .*, or use one it has: c5, c5a, /);
    expect(gpu.stdout).toMatch(/^total at least \$/m);
  });
});
