import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { standardTags, type ResolvedPlatform } from '@paved/shared-config';
import type { Construct } from 'constructs';
import type { ZoneRef } from './network-stack';
import { PavedStack } from './paved-stack';
import { EncryptionKey } from '../constructs/kms/encryption-key';
import { ServiceRepository } from '../constructs/registry/service-repository';

export interface SharedStackProps {
  readonly platform: ResolvedPlatform;
}

/**
 * `shared`, in the management account: the root domain's hosted zone (or the existing one named in the config) and
 * the container registries, one per service and environment, so each environment keeps its own lifecycle.
 */
export class SharedStack extends PavedStack {
  readonly rootZone: ZoneRef;
  readonly repositories: Readonly<Record<string, ServiceRepository>> = {};

  constructor(scope: Construct, id: string, props: SharedStackProps) {
    const { platform } = props;
    super(scope, id, {
      platform,
      account: platform.management.account,
      region: platform.management.region,
      tags: standardTags({ organization: platform.organization }),
    });
    if (platform.dns.existingZoneId) {
      const zone = new DataAwsRoute53Zone(this, 'existing-root-zone', { zoneId: platform.dns.existingZoneId });
      this.rootZone = { zoneId: zone.zoneId, arn: zone.arn };
    } else {
      const zone = new Route53Zone(this, 'root-zone', { name: platform.domain, comment: `${platform.organization}: root domain` });
      this.rootZone = { zoneId: zone.zoneId, arn: zone.arn };
    }
    const key = new EncryptionKey(this, 'registry-key', {
      alias: platform.naming.kmsAlias('registry'),
      description: `${platform.organization} container images`,
      account: platform.management.account,
      region: platform.management.region,
      crossAccountDecrypt: {
        accounts: platform.accounts.filter((a) => a !== platform.management.account),
        viaService: `ecr.${platform.management.region}.amazonaws.com`,
      },
    });
    const repositories: Record<string, ServiceRepository> = {};
    for (const env of platform.environments) {
      // Third-party images are pulled from their own registry: no repository that nothing would ever push to.
      // The stages on the cluster pull from the host's repositories (docs/stages.md): one per service of the cluster.
      const onCluster = [...env.services, ...(env.stages ?? []).flatMap((stage) => stage.services)];
      for (const service of onCluster.filter((s) => s.platformImage)) {
        const name = env.naming.ecrRepository(service.name);
        if (repositories[name]) continue;
        repositories[name] = new ServiceRepository(this, `ecr-${env.name}-${service.name}`, {
          repositoryName: name,
          kmsKeyArn: key.arn,
          // Only the first environment of a service's promotion order receives builds; the others hold releases.
          buildsToKeep: env.registry.imagesToKeep,
          untaggedExpiryDays: env.registry.untaggedExpiryDays,
          pullAccounts: env.account === platform.management.account ? undefined : [env.account],
        });
      }
    }
    this.repositories = repositories;
  }
}
