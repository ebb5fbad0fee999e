import * as fs from 'node:fs';
import * as path from 'node:path';
import { type PlatformConfig, resolvePlatform } from '@paved/shared-config';
import { ROOT, tempDir } from './support/run-paved';
import { SUPPORTED_REGIONS } from '../packages/shared-config/src/validation/aws-regions';
import example from '../platform.config';
import type { Io } from '../src/cli/commands';
import { costCommand, costOf } from '../src/cli/cost-command';
import { docsCommand } from '../src/cli/docs-command';
import { resolveAssumptions } from '../src/cost/assumptions';
import type { CostReport } from '../src/cost/cost-report';
import { estimateCost } from '../src/cost/estimate-cost';
import { AWS_PRICES } from '../src/cost/prices/aws-prices';
import { REGION_MULTIPLIERS } from '../src/cost/prices/region-multipliers';

// Every region gets the same Terraform counts (they depend on the config's zones, not its region): the example is
// synthesized once, and each region only re-runs the estimate, in-process. The real `paved docs` / `paved cost` run
// for a few configs only, through the commands' run functions.

const work = tempDir('paved-cost-regions-');
const EXAMPLE = path.join(ROOT, 'platform.config.ts');
const base = costOf(EXAMPLE, ROOT, undefined, true);

/** The example with every environment (and so the management account) in `region`. */
function inRegion(region: string): PlatformConfig {
  const config = structuredClone(example) as PlatformConfig & { environments: Array<{ region: string }> };
  for (const env of config.environments) env.region = region;
  return config;
}

const estimate = (config: PlatformConfig): CostReport =>
  estimateCost({ platform: resolvePlatform(config), counts: base.counts!, prices: AWS_PRICES, assumptions: resolveAssumptions() });

const allLines = (r: CostReport) => [...r.environments, r.platform].flatMap((s) => s.lines);
const allUnpriced = (r: CostReport) => [...r.environments, r.platform].flatMap((s) => s.unpriced);

function buffers(cwd = ROOT): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), cwd };
}

function writeConfig(name: string, config: unknown): string {
  const file = path.join(work, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('the price table covers every commercial region', () => {
  test('the multiplier table and the priced regions are exactly the aws partition', () => {
    expect(Object.keys(REGION_MULTIPLIERS).sort()).toEqual([...SUPPORTED_REGIONS].sort());
    expect(AWS_PRICES.regions).toEqual([...SUPPORTED_REGIONS].sort());
  });

  test('every region prices the same instance, database and cache classes as us-east-1', () => {
    for (const family of ['ec2', 'rds', 'elasticache'] as const) {
      const types = AWS_PRICES.typesIn(family, 'us-east-1');
      for (const region of SUPPORTED_REGIONS) expect([region, AWS_PRICES.typesIn(family, region)]).toEqual([region, types]);
    }
    // Current families: general purpose, compute, memory and burstable, Graviton and x86.
    const ec2 = AWS_PRICES.typesIn('ec2', 'us-east-1');
    for (const t of ['m7i.large', 'm7a.large', 'm7g.large', 'm8g.large', 'm6i.large', 'c7i.large', 'c7g.large', 'c8g.large', 'r7i.large', 'r7g.large', 'r8g.large', 't3.medium', 't4g.medium']) {
      expect(ec2).toContain(t);
    }
    expect(AWS_PRICES.typesIn('elasticache', 'us-east-1')).toEqual(expect.arrayContaining(['cache.m7g.large', 'cache.r7g.large', 'cache.t4g.micro']));
    expect(AWS_PRICES.typesIn('rds', 'us-east-1')).toEqual(expect.arrayContaining(['db.t4g.micro', 'db.m6g.large', 'db.r6g.large']));
  });

  test('a price computed with a multiplier is marked derived and says from what', () => {
    const m7i = AWS_PRICES.sized('ec2', 'm7i.large', 'sa-east-1');
    expect(m7i).toMatchObject({ basis: 'derived', usd: Math.round(0.1008 * REGION_MULTIPLIERS['sa-east-1'].compute * 1e6) / 1e6 });
    expect(m7i.derivedFrom).toBe(`us-east-1 x ${REGION_MULTIPLIERS['sa-east-1'].compute} (compute multiplier of sa-east-1)`);
    expect(m7i.sources).toContain('region-multipliers');
    // Read prices win over derived ones: ElastiCache has its own number in sa-east-1, and the EKS fee is the same everywhere.
    expect(AWS_PRICES.sized('elasticache', 'cache.t4g.small', 'sa-east-1')).toMatchObject({ basis: 'published', usd: 0.061 });
    expect(AWS_PRICES.regional('eks.cluster.standard', 'ap-southeast-6')).toMatchObject({ usd: 0.1, basis: 'list-price' });
    expect(AWS_PRICES.regional('vpc.nat-gateway.hour', 'ap-southeast-6').derivedFrom).toMatch(/taken from ap-southeast-2/);
  });
});

describe('paved cost for the example in every commercial region', () => {
  const reports = new Map(SUPPORTED_REGIONS.map((region) => [region, estimate(inRegion(region))]));

  test.each([...SUPPORTED_REGIONS])('%s: every line is priced', (region) => {
    const report = reports.get(region)!;
    expect(allUnpriced(report)).toEqual([]);
    expect(report.partial).toBe(false);
    expect(report.environments.every((e) => e.region === region && e.totalUsd > 0)).toBe(true);
    for (const line of allLines(report)) expect(Number.isFinite(line.monthlyUsd) && line.unitPriceUsd >= 0).toBe(true);
  });

  test('regions without read prices cost more than us-east-1 by their multiplier, and say so', () => {
    const east = reports.get('us-east-1')!;
    const tokyo = reports.get('ap-northeast-1')!;
    expect(tokyo.totalUsd).toBeGreaterThan(east.totalUsd);
    expect(allLines(east).some((l) => l.derivedFrom)).toBe(false);
    const nodes = allLines(tokyo).filter((l) => l.component === 'nodes');
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((l) => l.priceBasis === 'derived' && /^us-east-1 x 1\.266 /.test(l.derivedFrom!))).toBe(true);
  });
});

describe('an instance class the table does not have', () => {
  const unknown = structuredClone(example) as any;
  unknown.environments[0].cluster = { nodeGroups: [{ name: 'gpu', instanceTypes: ['p5.48xlarge'], minSize: 1, maxSize: 1 }] };
  const file = writeConfig('unknown-class', unknown);

  test('the estimate shows the line as not priced and the total as a lower bound', () => {
    const report = estimate(unknown);
    expect(report.partial).toBe(true);
    const dev = report.environments.find((e) => e.name === 'dev')!;
    expect(dev.unpriced).toEqual([
      expect.objectContaining({ component: 'nodes', priceId: 'ec2:p5.48xlarge', region: 'eu-west-1', reason: expect.stringMatching(/no price for EC2 instance type 'p5\.48xlarge' in eu-west-1 \(add it to src\/cost\/prices\/aws-prices\.ts/) }),
    ]);
    // The rest of the environment is still priced, and the gp3 root volumes of the same node group too.
    expect(dev.lines.some((l) => l.component === 'block-storage' && /gpu: /.test(l.item))).toBe(true);
    expect(report.totalUsd).toBeCloseTo([...report.environments, report.platform].reduce((n, s) => n + s.totalUsd, 0), 2);
  });

  test('paved cost exits 0, prints "not priced" and "at least", and says how to add the price', async () => {
    const io = buffers();
    expect(await costCommand.run(['--config', file], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/^ {2}not priced: Nodes \(EC2\), gpu: \d+ x p5\.48xlarge spot \(on-demand less \d+%\), the price table has no price for EC2 instance type 'p5\.48xlarge' in eu-west-1/m);
    expect(out).toMatch(/^ {2}total +at least \$[\d,.]+$/m);
    expect(out).toMatch(/^total at least \$[\d,.]+ per month/m);
    expect(out).toMatch(/^partial: 1 line not priced .*add the missing prices to src\/cost\/prices\/aws-prices\.ts/m);

    const json = buffers();
    expect(await costCommand.run(['--config', file, '--format', 'json'], json)).toBe(0);
    expect(JSON.parse(json.stdout.join('\n')).partial).toBe(true);
    expect(json.stderr.join('\n')).toMatch(/1 line not priced .*Add the prices to src\/cost\/prices\/aws-prices\.ts/);
  });

  test('paved docs writes its pages, the cost page listing the unpriced line', async () => {
    const out = path.join(work, 'docs-unknown');
    const io = buffers();
    expect(await docsCommand.run(['--config', file, '--out', out], io)).toBe(0);
    const dev = fs.readFileSync(path.join(out, 'dev.md'), 'utf8');
    expect(dev).toMatch(/^\| gpu: \d+ x p5\.48xlarge spot \(on-demand less \d+%\) \(Nodes \(EC2\)\) \| not priced \|$/m);
    expect(dev).toMatch(/^\| \*\*total\*\* \| \*\*at least \$[\d,.]+\*\* \|$/m);
    expect(dev).toMatch(/^- not priced: Nodes \(EC2\), gpu: .*p5\.48xlarge/m);
    expect(fs.readFileSync(path.join(out, 'index.md'), 'utf8')).toMatch(/^Total estimate: at least \$[\d,.]+ per month/m);
    expect(fs.readFileSync(path.join(out, 'cost.txt'), 'utf8')).toMatch(/not priced: Nodes \(EC2\)/);
  });
});

describe('paved docs in regions priced by multiplier', () => {
  test.each(['ap-southeast-6'])('%s: pages with fully priced totals', async (region) => {
    const out = path.join(work, `docs-${region}`);
    const io = buffers();
    expect(await docsCommand.run(['--config', writeConfig(region, inRegion(region)), '--out', out], io)).toBe(0);
    const cost = JSON.parse(fs.readFileSync(path.join(out, 'cost.json'), 'utf8')) as CostReport;
    expect(cost.partial).toBe(false);
    expect(cost.environments.map((e) => e.region)).toEqual([region, region, region]);
    expect(fs.readFileSync(path.join(out, 'prod.md'), 'utf8')).not.toMatch(/not priced|at least/);
    expect(fs.readFileSync(path.join(out, 'cost.txt'), 'utf8')).toMatch(/derived prices are us-east-1 prices times a regional multiplier/);
  });
});

describe('the instance, database and cache classes in current use are priced', () => {
  const EC2 = ['m7g.large', 'c7g.large', 'r7g.large', 'm7i.large', 'c7i.large', 'r7i.large', 'm8g.large', 'c8g.large', 't4g.large'];
  const RDS = ['db.m7g.large', 'db.r7g.large', 'db.m8g.large', 'db.r8g.large', 'db.m7i.large', 'db.r7i.large', 'db.t4g.large', 'db.m7g.2xlarge', 'db.t4g.micro'];
  const CACHE = ['cache.m7g.large', 'cache.r7g.large', 'cache.t4g.small'];

  /** The example with one node group per EC2 type, and each environment on the next database class and cache node type. */
  function current(region: string, offset: number): PlatformConfig {
    const config = structuredClone(inRegion(region)) as any;
    config.environments.forEach((env: any, i: number) => {
      env.cluster = { ...env.cluster, nodeGroups: EC2.map((t) => ({ name: t.replace('.', '-'), instanceTypes: [t], minSize: 1, maxSize: 2 })) };
      env.data = {
        ...env.data,
        postgres: { ...env.data?.postgres, enabled: true, instanceClass: RDS[(offset + i) % RDS.length] },
        redis: { ...env.data?.redis, enabled: true, nodeType: CACHE[(offset + i) % CACHE.length] },
      };
    });
    return config;
  }

  test.each(['us-east-1', 'eu-west-1', 'ap-south-1', 'sa-east-1', 'ap-southeast-6'])('%s: every line priced, the total not partial', (region) => {
    const seen = new Set<string>();
    for (let offset = 0; offset < RDS.length; offset += 3) {
      const report = estimate(current(region, offset));
      expect(allUnpriced(report)).toEqual([]);
      expect(report.partial).toBe(false);
      for (const line of allLines(report)) {
        expect(line.unitPriceUsd).toBeGreaterThan(0);
        seen.add(line.priceId);
      }
    }
    for (const t of EC2) expect(seen).toContain(`ec2:${t}`);
    for (const c of RDS) expect(seen).toContain(`rds:${c}`);
    for (const c of CACHE) expect(seen).toContain(`elasticache:${c}`);
  });

  test('each new database class says where its price comes from, and scales with size', () => {
    for (const c of ['db.m7g.large', 'db.r7g.large', 'db.m8g.large', 'db.m7i.large', 'db.r7i.large']) {
      const p = AWS_PRICES.sized('rds', c, 'us-east-1');
      expect([c, p.basis, p.sources]).toEqual([c, 'derived', expect.arrayContaining(['rds-current-generations'])]);
    }
    expect(AWS_PRICES.sized('rds', 'db.m7g.2xlarge', 'us-east-1').usd).toBeCloseTo(4 * AWS_PRICES.sized('rds', 'db.m7g.large', 'us-east-1').usd, 6);
    // Graviton stays cheaper than Intel of the same generation, and memory-optimized dearer than general purpose.
    expect(AWS_PRICES.sized('rds', 'db.m7g.large', 'us-east-1').usd).toBeLessThan(AWS_PRICES.sized('rds', 'db.m7i.large', 'us-east-1').usd);
    expect(AWS_PRICES.sized('rds', 'db.r7g.large', 'us-east-1').usd).toBeGreaterThan(AWS_PRICES.sized('rds', 'db.m7g.large', 'us-east-1').usd);
    // Other regions: the us-east-1 price times the managed-service multiplier.
    expect(AWS_PRICES.sized('rds', 'db.m8g.large', 'eu-west-1')).toMatchObject({
      basis: 'derived',
      usd: Math.round(AWS_PRICES.sized('rds', 'db.m8g.large', 'us-east-1').usd * REGION_MULTIPLIERS['eu-west-1'].managed * 1e6) / 1e6,
    });
  });
});
