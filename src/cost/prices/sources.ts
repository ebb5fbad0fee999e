import type { PriceSource } from '../price-table';

/**
 * Every source the price table cites, as read on the table's retrieval date. Pages are third-party write-ups or AWS
 * pages; data files are pinned to the commit that was read. Numbers were learned from them, not copied text.
 */
export const PRICE_SOURCES: readonly PriceSource[] = [
  {
    id: 'eks-vantage',
    title: 'Vantage: Amazon EKS extended support cost',
    url: 'https://www.vantage.sh/blog/amazon-eks-extended-support-cost-kubernetes',
    note: 'EKS version support fee: $0.10 per cluster-hour in standard support, $0.60 in extended support.',
  },
  {
    id: 'eks-cloudburn',
    title: 'CloudBurn: Amazon EKS pricing (2026)',
    url: 'https://cloudburn.io/blog/amazon-eks-pricing',
    asOf: '2026-03-01',
    note: 'us-east-1 rates from the EKS pricing page as of March 2026: $73/month per cluster ($0.10/h), $438/month in extended support.',
  },
  {
    id: 'ec2-karpenter',
    title: 'Karpenter generated on-demand price list (aws/karpenter-provider-aws, pkg/providers/pricing/zz_generated.pricing_aws.go)',
    url: 'https://github.com/aws/karpenter-provider-aws/blob/6fc13b5236fd04fd16ff3f9dc7490d0813994099/pkg/providers/pricing/zz_generated.pricing_aws.go',
    asOf: '2026-07-20',
    note: 'Linux on-demand hourly prices for us-east-1, generated from the AWS Pricing API on 2026-07-20. Used verbatim.',
  },
  {
    id: 'ec2-karpenter-2026-01',
    title: 'Karpenter generated on-demand price list (aws/karpenter-provider-aws, pkg/providers/pricing/zz_generated.pricing_aws.go)',
    url: 'https://github.com/aws/karpenter-provider-aws/blob/031e72b6099630e960dacb88b48a7e9bb780945f/pkg/providers/pricing/zz_generated.pricing_aws.go',
    asOf: '2026-01-19',
    note:
      'Linux on-demand hourly prices for us-east-1, generated from the AWS Pricing API on 2026-01-19. The `large` price of each family in ec2-prices.ts is ' +
      'copied from it; other sizes are `large` x the size factor, which equals the listed price for these families (except the rounded ones listed as exceptions).',
  },
  {
    id: 'region-multipliers',
    title: 'Paved regional multipliers (src/cost/prices/region-multipliers.ts)',
    url: 'src/cost/prices/region-multipliers.ts (in the Paved repository)',
    asOf: '2026-12-03',
    note:
      'Ratio of a region\'s prices to us-east-1\'s, computed from the EC2 (2020) and ElastiCache (2025) price snapshots below. A price marked derived with ' +
      '`derivedFrom` is the us-east-1 price times this ratio: an approximation, to be replaced by a read price for that region.',
  },
  {
    id: 'ec2-kube-resource-report',
    title: 'kube-resource-report EC2 monthly cost table (hjacobs/kube-resource-report, aws-ec2-costs-monthly.csv)',
    url: 'https://github.com/hjacobs/kube-resource-report/blob/4242e21912556c6bbb8d6a5543c9abc080f594fa/kube_resource_report/aws-ec2-costs-monthly.csv',
    asOf: '2020-07-02',
    note:
      'Monthly Linux on-demand cost per region and instance type (hourly price x 730.5 h), from the AWS price list in July 2020. ' +
      'Hourly prices are derived by dividing by 730.5. Its us-east-1 rows equal the 2026 Karpenter list for every family used here ' +
      '(t3, t3a, m5), which is why the 2020 rows are trusted for eu-west-1 and ap-south-1; re-check them when refreshing.',
  },
  {
    id: 'nat-basavytix',
    title: 'Basavytix: AWS NAT Gateway pricing',
    url: 'https://basavytix.com/blog/aws-nat-gateway-pricing',
    note: 'us-east-1: $0.045 per NAT gateway-hour and $0.045 per GB processed, both directions; 730 h = $32.85.',
  },
  {
    id: 'nat-costpatrol',
    title: 'CostPatrol: AWS NAT Gateway costs explained',
    url: 'https://costpatrol.io/blog/reduce-aws-nat-gateway-costs',
    note: 'us-east-1: $0.045/h ($32.85/month) and $0.045/GB processed; partial hours bill as full hours.',
  },
  {
    id: 'nat-cloudpipelines',
    title: 'CloudPipelines: AWS NAT Gateway pricing 2026',
    url: 'https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/',
    note: 'Regional ranges: Europe (Ireland, Frankfurt, London) about $0.048-0.052 per hour and per GB. Used as a check on eu-west-1.',
  },
  {
    id: 'ipv4-cloudburn',
    title: 'CloudBurn: AWS NAT Gateway pricing guide',
    url: 'https://cloudburn.io/blog/aws-nat-gateway-pricing',
    asOf: '2026-02-24',
    note: 'Public IPv4 addresses cost $0.005 per hour each (the Elastic IP of every NAT gateway; also each public IP of a load balancer).',
  },
  {
    id: 'elb-awsnegotiations',
    title: 'AWS Negotiations: Elastic Load Balancer cost',
    url: 'https://awsnegotiations.com/elastic-load-balancer-cost.html',
    note: 'Network Load Balancer $0.0225 per hour plus $0.006 per NLCU-hour; ALB $0.0225/h plus $0.008 per LCU-hour (us-east-1).',
  },
  {
    id: 'alb-cloudhorizons',
    title: 'Cloud Horizons: ALB, the line item nobody watches',
    url: 'https://cloud-horizons.com/blog/alb-the-line-item-nobody-watches/',
    asOf: '2026-05-08',
    note: 'Application Load Balancer $0.0225 per ALB-hour plus $0.008 per LCU-hour; an LCU is the largest of 25 new connections/s, 3,000 active connections/min, 1 GB/hour processed and 1,000 rule evaluations/s.',
  },
  {
    id: 'elb-clustercost',
    title: 'ClusterCost: AWS Network Load Balancer pricing (us-east-1)',
    url: 'https://clustercost.com/blog/network-load-balancer-pricing-2025',
    note: 'NLB and ALB both $0.0225 per hour (about $16.42/month) in us-east-1 before capacity units.',
  },
  {
    id: 'rds-infratally',
    title: 'InfraTally: AWS RDS pricing explained (2026)',
    url: 'https://infratally.com/articles/aws-rds-pricing-explained-2026.html',
    note: 'RDS PostgreSQL us-east-1 Single-AZ: db.t4g.micro $0.016/h, db.t4g.small $0.032/h, db.t4g.medium $0.065/h; Multi-AZ is exactly double.',
  },
  {
    id: 'rds-usage-ai',
    title: 'Usage.ai: RDS pricing calculator guide',
    url: 'https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/',
    asOf: '2026-06-01',
    note: 'us-east-1, June 2026: gp3 storage $0.115 per GB-month (3,000 IOPS included); backup storage beyond 100% of provisioned storage about $0.095 per GB-month.',
  },
  {
    id: 'rds-backup-aws-blog',
    title: 'AWS Database Blog: Demystifying Amazon RDS backup storage costs',
    url: 'https://aws.amazon.com/blogs/database/demystifying-amazon-rds-backup-storage-costs/',
    note: 'Backup storage (automated backups and snapshots) is free up to 100% of the provisioned database storage in a region.',
  },
  {
    id: 'rds-multi-az-docs',
    title: 'Amazon RDS User Guide: On-Demand DB instances',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_OnDemandDBInstances.html',
    note: 'Multi-AZ instances bill instance hours and provisioned storage for both the primary and the standby.',
  },
  {
    id: 'rds-gist-eu-west-1',
    title: 'Guardian engineering gist: RDS costs based on eu-west-1 pricing',
    url: 'https://gist.github.com/philmcmahon/25bc821e34dd34a2335079e2a75145d4',
    asOf: '2021-11-01',
    note: 'eu-west-1: db.m6g.large instance cost $128/month; the hourly price is derived as 128 / 730, rounded to $0.175.',
  },
  {
    id: 'rds-mysql-terraform-provider',
    title: 'terraform-provider-aws RDS acceptance tests: `instanceClassesSlice`, instance classes ordered by price (package rds_test)',
    url: 'https://github.com/hashicorp/terraform-provider-aws/tree/main/internal/service/rds',
    asOf: '2024-02-02',
    note:
      'RDS for MySQL on-demand Single-AZ prices per hour (us-west-2, which bills these classes at the us-east-1 rate): db.m6g.large $0.152, ' +
      'db.m7g.large $0.168, db.r6g.large $0.215, db.r7g.large $0.239, db.m6i.large $0.171. Read on 2026-12-03.',
  },
  {
    id: 'rds-graviton4-usage-ai',
    title: 'Usage.ai: RDS MySQL on Graviton, R7g and M7g price-performance guide',
    url: 'https://www.usage.ai/blogs/aws/reserved-instances/rds/mysql/graviton-r7g/',
    asOf: '2026-05-15',
    note: 'Prices checked against the AWS API through Vantage (May 2026): Graviton4 (m8g, r8g) and Graviton3 (m7g, r7g) classes have identical on-demand rates. Read on 2026-12-03.',
  },
  {
    id: 'rds-current-generations',
    title: 'Paved: derivation of the RDS for PostgreSQL prices of current instance generations (src/cost/prices/aws-prices.ts)',
    url: 'src/cost/prices/aws-prices.ts (in the Paved repository)',
    asOf: '2026-12-03',
    note:
      'No page read on 2026-12-03 printed the us-east-1 PostgreSQL price of these classes, so they are derived: db.m7g/db.r7g = the MySQL price ' +
      '(rds-mysql-terraform-provider) x 1.046, the PostgreSQL/MySQL ratio of db.m6g and db.r6g (0.159/0.152, 0.225/0.215); db.m8g/db.r8g = the ' +
      'db.m7g/db.r7g price (rds-graviton4-usage-ai); db.m7i/db.r7i = db.m6i/db.r6i x 1.05, the step EC2 charges between these generations ' +
      '(m7i.large $0.1008 / m6i.large $0.096, ec2-karpenter-2026-01). Replace with read prices when a source prints them.',
  },
  {
    id: 'elasticache-ec2instances-info',
    title: 'ec2instances.info ElastiCache price data (LeanerCloud/ec2-instances-info, data/elasticache-instances.json)',
    url: 'https://github.com/LeanerCloud/ec2-instances-info/blob/32acf84f42eb1b5d4f4b95bb3e749a75fbae94f9/data/elasticache-instances.json',
    asOf: '2025-05-28',
    note:
      'Snapshot of https://instances.vantage.sh/cache/instances.json: on-demand hourly price per node type, region and engine. The Redis OSS price is used (Paved runs Redis OSS 7.x). ' +
      'Generated into elasticache-prices.ts for t3, t4g, m5, m6g, m7g, r5, r6g and r7g nodes in every region it lists; also the basis of the managed-service regional multipliers.',
  },
  {
    id: 'cloudwatch-c3x',
    title: 'C3X: CloudWatch Logs cost optimization',
    url: 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization',
    asOf: '2026-06-01',
    note: 'us-east-1, June 2026: ingestion $0.50 per GB, storage $0.03 per GB-month (Standard log class).',
  },
  {
    id: 'kms-aws',
    title: 'AWS KMS pricing',
    url: 'https://aws.amazon.com/kms/pricing/',
    note: 'Each KMS key costs $1/month; automatic rotation adds $1/month per rotated backing key (capped after the second rotation since May 2024). 20,000 requests/month free.',
  },
  {
    id: 'sqs-cloudburn',
    title: 'CloudBurn: Amazon SQS pricing (2026)',
    url: 'https://cloudburn.io/blog/amazon-sqs-pricing',
    asOf: '2026-03-14',
    note: 'us-east-1 as of March 2026: standard queues $0.40 per million requests for the first 100 billion a month (FIFO $0.50); 1 million requests a month free. Read 2026-12-03.',
  },
  {
    id: 'sqs-factualminds',
    title: 'FactualMinds: Amazon SQS pricing, the 64 KB rule',
    url: 'https://www.factualminds.com/blog/amazon-sqs-pricing-64kb-rule-fifo-vs-standard/',
    note: 'us-east-1, June 2026: $0.40 per million standard requests; each 64 KB chunk of a payload bills as one request. Read 2026-12-03.',
  },
  {
    id: 'sns-factualminds',
    title: 'FactualMinds: Amazon SNS pricing, publishes and deliveries',
    url: 'https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/',
    asOf: '2026-06-13',
    note: 'us-east-1: $0.50 per million standard topic publishes; deliveries bill separately by protocol (SQS and Lambda deliveries are free, HTTP $0.60 per million). Read 2026-12-03.',
  },
  {
    id: 'dynamodb-airbyte',
    title: 'Airbyte: Amazon DynamoDB pricing, on-demand and provisioned',
    url: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
    asOf: '2025-07-21',
    note: 'us-east-1 on-demand after the November 2024 reduction: $0.625 per million write request units, $0.125 per million read request units. Read 2026-12-03.',
  },
  {
    id: 'dynamodb-aws-pricing',
    title: 'AWS: Amazon DynamoDB pricing',
    url: 'https://aws.amazon.com/dynamodb/pricing/',
    note: 'Data storage, Standard table class: the first 25 GB per month free, then from $0.25 per GB-month. Read 2026-12-04.',
  },
  {
    id: 'secrets-hivebook',
    title: 'Hivebook: AWS Secrets Manager',
    url: 'https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms',
    note: '$0.40 per secret per month plus $0.05 per 10,000 API calls.',
  },
  {
    id: 'ecr-cloudburn',
    title: 'CloudBurn: Amazon ECR pricing',
    url: 'https://cloudburn.io/blog/amazon-ecr-pricing',
    asOf: '2026-03-01',
    note: 'us-east-1, March 2026: private repository storage $0.10 per GB-month (compressed layers); same-region pulls are free.',
  },
  {
    id: 'backup-druva',
    title: 'Druva: 4 things you should know about your AWS backup bill',
    url: 'https://druva.com/blog/4-things-you-should-know-about-your-aws-backup-bill',
    note: 'RDS backups beyond the free allowance (100% of allocated storage) are billed at about $0.095 per GB-month.',
  },
  {
    id: 'msk-serverless-gist',
    title: 'Vantage (Everett Berry): Amazon MSK Serverless pricing dimensions (GitHub gist d24aa940ad43c313803248cea6366682)',
    url: 'https://gist.github.com/EverettBerry/d24aa940ad43c313803248cea6366682',
    asOf: '2022-10-03',
    note:
      'MSK Serverless, us-east-1: $0.75 per cluster-hour, $0.0015 per partition-hour, $0.10 per GiB-month of storage, $0.10 per GiB in, ' +
      '$0.05 per GiB out. Read on 2026-12-03; the cluster and partition rates are used (data in/out and storage depend on traffic). The ' +
      'provisioned broker storage rate ($0.10 per GiB-month) is the same list price.',
  },
  {
    id: 'list-price',
    title: 'AWS list price known to the maintainers, not read on the retrieval date',
    url: 'https://calculator.aws/',
    note: 'No page with this number was read when the table was retrieved. It is the published AWS list price as known to Paved\'s maintainers; verify it with the AWS Pricing Calculator and replace this source when you do.',
  },
];
