import type { PlatformConfig } from '@paved/shared-config';
import { example, synthesize } from './support/synthesized';

describe('bring your own VPC and zone', () => {
  const config: PlatformConfig = {
    ...example,
    dns: { existingZoneId: 'Z0123456789ABCDEFGHIJ' },
    environments: example.environments.map((e) =>
      e.name === 'staging'
        ? {
          ...e,
          network: {
            existingVpc: {
              vpcId: 'vpc-0123456789abcdef0',
              publicSubnetIds: ['subnet-0a1', 'subnet-0a2'],
              privateSubnetIds: ['subnet-0b1', 'subnet-0b2'],
              dataSubnetIds: ['subnet-0c1', 'subnet-0c2'],
            },
          },
        }
        : e,
    ),
  } as PlatformConfig;
  const out = synthesize(config);

  test('an existing VPC is read, never created', () => {
    expect(out.resources('staging-network', 'aws_vpc')).toEqual([]);
    expect(out.resources('staging-network', 'aws_subnet')).toEqual([]);
    expect(out.dataSources('staging-network', 'aws_vpc')[0].body.id).toBe('vpc-0123456789abcdef0');
    const eks = out.resource('staging-cluster', 'aws_eks_cluster', 'eks/cluster').body;
    expect(eks.vpc_config.subnet_ids).toEqual(['subnet-0b1', 'subnet-0b2']);
    expect(out.resource('staging-data', 'aws_db_subnet_group', 'postgres/subnets').body.subnet_ids).toEqual(['subnet-0c1', 'subnet-0c2']);
  });

  test('an existing root zone is read, never created', () => {
    expect(out.resources('shared', 'aws_route53_zone')).toEqual([]);
    expect(out.dataSources('shared', 'aws_route53_zone')[0].body.zone_id).toBe('Z0123456789ABCDEFGHIJ');
  });
});
