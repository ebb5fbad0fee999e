import type { ResolvedEnvironment, ResolvedPlatform } from '@paved/shared-config';
import type { CostAssumptions } from './assumptions';
import { autoModeLines, autoModeSourcesUsed } from './auto-mode';
import { COMPONENT_LABELS, COST_COMPONENTS, type ComponentCost, type CostComponent, type CostLine, type CostReport, type ScopeCost, type UnpricedLine } from './cost-report';
import { type GlobalSku, MissingPriceError, type PriceBasis, type PriceEntry, type PriceTable, type RegionalSku, type SizedFamily } from './price-table';
import type { TerraformCounts } from './terraform-counts';

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** A price, or why there is none. */
type PriceLookup = PriceEntry | MissingPriceError;

/**
 * The table's lookups, returning a missing price instead of throwing it: one unknown instance type or region makes
 * its lines "not priced" and the totals lower bounds, instead of failing `paved cost` and `paved docs`.
 */
function lenient(prices: PriceTable) {
  const attempt = (lookup: () => PriceEntry): PriceLookup => {
    try {
      return lookup();
    } catch (e) {
      if (e instanceof MissingPriceError) return e;
      throw e;
    }
  };
  return {
    regional: (sku: RegionalSku, region: string) => attempt(() => prices.regional(sku, region)),
    sized: (family: SizedFamily, type: string, region: string) => attempt(() => prices.sized(family, type, region)),
    global: (sku: GlobalSku) => attempt(() => prices.global(sku)),
  };
}

/** The Auto Mode lines, or the price they are missing (they share one EC2 price, so they fail together). */
function lenientAutoMode(env: ResolvedEnvironment, prices: PriceTable, hoursPerMonth: number): ReturnType<typeof autoModeLines> | MissingPriceError {
  try {
    return autoModeLines(env, prices, hoursPerMonth);
  } catch (e) {
    if (e instanceof MissingPriceError) return e;
    throw e;
  }
}

/** Collects priced lines of one scope (an environment or the platform-wide resources). */
class ScopeBuilder {
  readonly lines: CostLine[] = [];
  readonly unpriced: UnpricedLine[] = [];
  readonly priceIds = new Set<string>();
  readonly sources = new Set<string>();

  add(component: CostComponent, item: string, quantity: number, price: PriceLookup, factor = 1): void {
    if (quantity <= 0) return;
    if (price instanceof MissingPriceError) {
      const rounded = Math.round(quantity * 1000) / 1000;
      this.unpriced.push({ component, item, quantity: rounded, priceId: price.priceId, region: price.region, reason: price.message });
      return;
    }
    const unitPriceUsd = price.usd * factor;
    this.lines.push({
      component,
      item,
      quantity: Math.round(quantity * 1000) / 1000,
      unit: { 'hour': 'h', 'GiB': 'GiB', 'GiB-month': 'GiB-month', 'key-month': 'key-month', 'secret-month': 'secret-month', 'zone-month': 'zone-month', 'million-requests': 'million requests' }[price.unit],
      unitPriceUsd: Math.round(unitPriceUsd * 1e6) / 1e6,
      monthlyUsd: cents(quantity * unitPriceUsd),
      priceId: price.id,
      priceBasis: price.basis,
      ...(price.derivedFrom ? { derivedFrom: price.derivedFrom } : {}),
    });
    price.sources.forEach((s) => this.sources.add(s));
  }

  build(name: string, account: string, region: string): ScopeCost {
    const order = (c: CostComponent) => COST_COMPONENTS.indexOf(c);
    const lines = [...this.lines].sort((a, b) => order(a.component) - order(b.component) || a.item.localeCompare(b.item));
    const components: ComponentCost[] = COST_COMPONENTS.filter((c) => lines.some((l) => l.component === c)).map((component) => ({
      component,
      label: COMPONENT_LABELS[component],
      monthlyUsd: cents(lines.filter((l) => l.component === component).reduce((n, l) => n + l.monthlyUsd, 0)),
    }));
    const unpriced = [...this.unpriced].sort((a, b) => order(a.component) - order(b.component) || a.item.localeCompare(b.item));
    return { name, account, region, lines, components, totalUsd: cents(lines.reduce((n, l) => n + l.monthlyUsd, 0)), unpriced };
  }
}

export interface EstimateInput {
  readonly platform: ResolvedPlatform;
  /** Resource counts of the synthesized Terraform of the same platform. */
  readonly counts: TerraformCounts;
  readonly prices: PriceTable;
  readonly assumptions: CostAssumptions;
  /** @default - every environment */
  readonly environments?: readonly string[];
}

const envStacks = (env: string) => ['network', 'cluster', 'data', 'platform'].map((s) => `${env}-${s}`);

function environmentCost(env: ResolvedEnvironment, input: EstimateInput): ScopeCost & { profile: ResolvedEnvironment['profile'] } {
  const { counts, assumptions: a } = input;
  const prices = lenient(input.prices);
  const usage = a.usage[env.profile];
  const h = a.hoursPerMonth;
  const region = env.region;
  const stacks = envStacks(env.name);
  const b = new ScopeBuilder();
  const addonOn = (name: string) => env.addons.some((x) => x.name === name);

  b.add('eks-control-plane', `cluster ${env.cluster.name} (${env.cluster.kubernetesVersion}, standard support)`, h, prices.regional('eks.cluster.standard', region));
  for (const g of env.cluster.nodeGroups) {
    const type = g.instanceTypes[0];
    const spot = g.capacityType === 'spot';
    const item = `${g.name}: ${g.desiredSize} x ${type} ${spot ? `spot (on-demand less ${Math.round(a.spotDiscount * 100)}%)` : 'on-demand'}`;
    b.add('nodes', item, g.desiredSize * h, prices.sized('ec2', type, region), spot ? 1 - a.spotDiscount : 1);
    b.add('block-storage', `${g.name}: ${g.desiredSize} x ${g.diskSizeGiB} GiB gp3 root volumes`, g.desiredSize * g.diskSizeGiB, prices.regional('ebs.gp3.storage', region));
  }
  // EKS Auto Mode: no node groups; the nodes it would launch, with its management fee (auto-mode.ts).
  const autoMode = lenientAutoMode(env, input.prices, h);
  if (autoMode instanceof MissingPriceError) b.add('nodes', `Auto Mode nodes and management fee (${env.cluster.autoModeCapacity?.desiredSize ?? 0} nodes)`, h, autoMode);
  else for (const l of autoMode) b.add(l.component, l.item, l.quantity, l.price);
  if (addonOn('kube-prometheus-stack')) {
    b.add('block-storage', 'Prometheus volume (assumption)', usage.prometheusVolumeGiB, prices.regional('ebs.gp3.storage', region));
  }
  // `stateful` services: one gp3 volume per `volumes` entry and replica (at the autoscaling minimum); sizes are Gi or Ti.
  for (const s of env.services) {
    const replicas = s.scaling.kind === 'fixed' ? s.scaling.replicas : s.scaling.minReplicas;
    for (const v of s.volumes) {
      const gib = parseInt(v.size, 10) * (v.size.endsWith('Ti') ? 1024 : 1);
      b.add('block-storage', `${s.name}: ${replicas} x ${v.size} ${v.name} volume${replicas === 1 ? '' : 's'} (gp3)`, replicas * gib, prices.regional('ebs.gp3.storage', region));
    }
  }

  const nats = counts.count('aws_nat_gateway', stacks);
  b.add('nat-gateways', `${nats} NAT gateway${nats === 1 ? '' : 's'} (from ${env.name}-network)`, nats * h, prices.regional('vpc.nat-gateway.hour', region));
  b.add('nat-gateways', 'data processed (assumption)', nats > 0 ? usage.natDataProcessedGiB : 0, prices.regional('vpc.nat-gateway.data', region));
  const eips = counts.count('aws_eip', stacks);
  b.add('nat-gateways', `${eips} public IPv4 address${eips === 1 ? '' : 'es'} of the NAT gateways`, eips * h, prices.regional('vpc.public-ipv4.hour', region));

  if (addonOn('aws-load-balancer-controller')) {
    // One shared ALB per scheme (an IngressGroup, or the Gateway): public when anything is exposed, internal when a
    // service is internal. An internet-facing ALB also holds a public IPv4 address per availability zone.
    const exposed = env.services.filter((s) => s.ingress);
    const internal = exposed.some((s) => s.ingress?.visibility === 'internal') ? 1 : 0;
    const publicAlbs = exposed.some((s) => s.ingress?.visibility !== 'internal') || addonOn('keycloak') || addonOn('oauth2-proxy') ? 1 : 0;
    const albs = publicAlbs + internal;
    const zones = env.network.mode === 'create' ? env.network.azCount : env.network.publicSubnetIds.length;
    b.add('load-balancers', `${albs} Application Load Balancer${albs === 1 ? '' : 's'} (shared by the environment's ingresses)`, albs * h, prices.regional('elb.alb.hour', region));
    b.add('load-balancers', `capacity units, ${usage.lcuPerLoadBalancer} LCU each (assumption)`, albs * usage.lcuPerLoadBalancer * h, prices.regional('elb.alb.lcu', region));
    b.add('load-balancers', `${publicAlbs * zones} public IPv4 address${publicAlbs * zones === 1 ? '' : 'es'} of the internet-facing ALB (one per zone)`, publicAlbs * zones * h, prices.regional('vpc.public-ipv4.hour', region));
  }

  if (env.postgres) {
    const p = env.postgres;
    const copies = p.multiAz ? 2 : 1;
    b.add('postgres', `${p.instanceClass}${p.multiAz ? ', Multi-AZ (billed twice)' : ''}`, copies * h, prices.sized('rds', p.instanceClass, region));
    b.add('postgres', `${p.allocatedStorageGiB} GiB gp3 storage${p.multiAz ? ' x 2' : ''}`, copies * p.allocatedStorageGiB, prices.regional('rds.gp3.storage', region));
    // Backup storage up to the allocated size is free; beyond it, each retained day adds its changed data.
    const used = p.allocatedStorageGiB * usage.postgresUsedFraction;
    const backups = used + used * usage.postgresDailyChangeFraction * p.backupRetentionDays;
    const billable = Math.max(0, backups - p.allocatedStorageGiB);
    b.add('backups', `RDS backups beyond the free allowance (${p.backupRetentionDays} days kept)`, billable, prices.regional('rds.backup.storage', region));
  }
  if (env.redis) {
    const r = env.redis;
    const nodes = 1 + r.replicas;
    b.add('redis', `${nodes} x ${r.nodeType}`, nodes * h, prices.sized('elasticache', r.nodeType, region));
  }
  if (env.kafka) {
    const k = env.kafka;
    if (k.mode === 'serverless') {
      // Data in, out and stored bill by traffic, which the config does not state: not estimated.
      const topics = new Set(env.services.flatMap((s) => s.kafka?.topics ?? [])).size;
      const partitions = topics * usage.kafkaPartitionsPerTopic;
      b.add('kafka', 'MSK Serverless cluster', h, prices.regional('msk.serverless.cluster', region));
      b.add('kafka', `${topics} topic${topics === 1 ? '' : 's'} x ${usage.kafkaPartitionsPerTopic} partitions (assumption)`, partitions * h, prices.regional('msk.serverless.partition', region));
    } else {
      b.add('kafka', `${k.brokers} x ${k.instanceType}`, k.brokers * h, prices.sized('msk', k.instanceType, region));
      b.add('kafka', `${k.brokers} x ${k.storageGiB} GiB broker storage`, k.brokers * k.storageGiB, prices.regional('msk.storage', region));
    }
  }

  const s3 = prices.regional('s3.standard.storage', region);
  if (addonOn('velero')) {
    const kept = Math.max(1, Math.round(env.backups.veleroTtlHours / 24));
    b.add('object-storage', `Velero: ${kept} nightly backups of ${usage.veleroBackupGiB} GiB (assumption)`, kept * usage.veleroBackupGiB, s3);
  }
  if (addonOn('loki')) {
    b.add('object-storage', `Loki: ${usage.lokiGiBPerDay} GiB/day for ${env.logs.retentionDays} days (assumption)`, usage.lokiGiBPerDay * env.logs.retentionDays, s3);
  }

  const logGroups = counts.count('aws_cloudwatch_log_group', stacks);
  const logsIn = usage.flowLogsGiB + usage.controlPlaneLogsGiB;
  b.add('logs', `flow logs and control-plane logs ingested into ${logGroups} log groups (assumption)`, logsIn, prices.regional('cloudwatch.logs.ingest', region));
  const monthsKept = Math.min(env.logs.retentionDays, 365) / 30;
  b.add('logs', `stored logs, ~${monthsKept.toFixed(1)} months kept (compressed ~15%)`, logsIn * 0.15 * monthsKept, prices.regional('cloudwatch.logs.storage', region));

  const zones = counts.count('aws_route53_zone', stacks);
  b.add('dns', `${zones} delegated hosted zone${zones === 1 ? '' : 's'}`, zones, prices.global('route53.hosted-zone'));
  const keys = counts.count('aws_kms_key', stacks);
  b.add('encryption-keys', `${keys} customer-managed keys (from the ${env.name} stacks)`, keys, prices.regional('kms.key', region));
  const tfSecrets = counts.count('aws_secretsmanager_secret', stacks);
  const referenced = new Set(env.services.flatMap((s) => s.secrets.map((x) => x.secretName)));
  const secrets = tfSecrets + referenced.size + (input.platform.alerting.slack ? 1 : 0);
  b.add('secrets', `${tfSecrets} connection secrets + ${referenced.size + (input.platform.alerting.slack ? 1 : 0)} referenced by services and alerting`, secrets, prices.regional('secretsmanager.secret', region));

  serviceResourceLines(env, prices, b);

  return { ...b.build(env.name, env.account, region), profile: env.profile };
}

/**
 * The AWS resources services declare (`awsResources.resources`): the service's KMS key (PavedServiceStack creates one
 * per service and environment, shared by its resources) and, where the descriptor gives `usage`, the usage-based
 * charges. A resource without usage is named in the key's line as not estimated; that does not make the total partial.
 */
function serviceResourceLines(env: ResolvedEnvironment, prices: ReturnType<typeof lenient>, b: ScopeBuilder): void {
  const region = env.region;
  for (const s of env.services) {
    const resources = s.awsResources?.resources ?? [];
    if (resources.length === 0) continue;
    const unestimated = resources.filter((r) => !r.usage).map((r) => `${r.type} ${r.name}`);
    const note = unestimated.length > 0 ? `; usage not estimated for ${unestimated.join(', ')} (no usage in the descriptor)` : '';
    b.add('service-resources', `${s.name}: 1 KMS key shared by its ${resources.length} AWS resource${resources.length === 1 ? '' : 's'}${note}`, 1, prices.regional('kms.key', region));
    for (const r of resources) {
      const u = r.usage;
      if (!u) continue;
      const what = `${s.name}: ${r.type} ${r.physicalName}`;
      if (r.type === 'bucket') b.add('service-resources', `${what}, ${u.storageGb ?? 0} GB S3 Standard (versions included)`, u.storageGb ?? 0, prices.regional('s3.standard.storage', region));
      if (r.type === 'queue') b.add('service-resources', `${what}, SQS requests`, u.requestsPerMonthMillions ?? 0, prices.regional('sqs.standard.requests', region));
      if (r.type === 'topic') b.add('service-resources', `${what}, SNS publishes (deliveries not included)`, u.publishesPerMonthMillions ?? 0, prices.regional('sns.standard.publishes', region));
      if (r.type === 'table') {
        b.add('service-resources', `${what}, on-demand read request units`, u.readRequestUnitsPerMonthMillions ?? 0, prices.regional('dynamodb.on-demand.read', region));
        b.add('service-resources', `${what}, on-demand write request units`, u.writeRequestUnitsPerMonthMillions ?? 0, prices.regional('dynamodb.on-demand.write', region));
        b.add('service-resources', `${what}, ${u.storageGb ?? 0} GB stored`, u.storageGb ?? 0, prices.regional('dynamodb.storage', region));
      }
    }
  }
}

function platformCost(input: EstimateInput): ScopeCost {
  const { platform, counts, assumptions: a } = input;
  const prices = lenient(input.prices);
  const region = platform.management.region;
  const b = new ScopeBuilder();
  const shared = ['shared', 'bootstrap'];
  const zones = counts.count('aws_route53_zone', shared);
  b.add('dns', `${zones} root hosted zone${zones === 1 ? '' : 's'}`, zones, prices.global('route53.hosted-zone'));
  const keys = counts.count('aws_kms_key', counts.stacks.filter((s) => s.startsWith('bootstrap') || s === 'shared'));
  b.add('encryption-keys', `${keys} keys (state, registry)`, keys, prices.regional('kms.key', region));
  for (const env of platform.environments.filter((e) => !input.environments || input.environments.includes(e.name))) {
    // Only images the platform builds have a repository (third-party images and charts have none).
    const repositories = env.services.filter((s) => s.platformImage).length;
    const gib = repositories * env.registry.imagesToKeep * a.usage[env.profile].imageSizeGiB;
    b.add('container-registry', `${env.name}: ${repositories} repositories x ${env.registry.imagesToKeep} images kept`, gib, prices.regional('ecr.storage', region));
  }
  return b.build('platform (management account)', platform.management.account, region);
}

const EXCLUDED = [
  'data transfer out to the internet and between zones',
  'Route 53 queries, CloudWatch metrics and alarms, Container Insights',
  'AWS Backup storage for resources other than RDS (Paved selects RDS by tag)',
  'taxes, support plans, Savings Plans and reserved capacity',
  'autoscaling above the node groups\' desired size',
];

/** The monthly estimate of a platform: per environment and component, from the resolved config and the synthesized Terraform. */
export function estimateCost(input: EstimateInput): CostReport {
  const environments = input.platform.environments
    .filter((e) => !input.environments || input.environments.includes(e.name))
    .map((env) => environmentCost(env, input));
  const platform = platformCost(input);
  const all = [...environments, platform];
  const linesByBasis: Record<PriceBasis, number> = { 'published': 0, 'derived': 0, 'list-price': 0 };
  const used = new Set<string>();
  for (const scope of all) {
    for (const line of scope.lines) {
      linesByBasis[line.priceBasis]++;
      const entry = input.prices.data.prices.find((p) => p.id === line.priceId && (p.region === scope.region || p.region === 'global'));
      entry?.sources.forEach((s) => used.add(s));
    }
  }
  return {
    currency: 'USD',
    priceTable: {
      retrieved: input.prices.data.retrieved,
      model: input.prices.data.model,
      sources: [...input.prices.sourcesOf(used), ...autoModeSourcesUsed(all.flatMap((s) => s.lines.map((l) => l.priceId)))],
      linesByBasis,
    },
    assumptions: input.assumptions,
    environments,
    platform,
    totalUsd: cents(all.reduce((n, s) => n + s.totalUsd, 0)),
    partial: all.some((s) => s.unpriced.length > 0),
    excluded: EXCLUDED,
  };
}
