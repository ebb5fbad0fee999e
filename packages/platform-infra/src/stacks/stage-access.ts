import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import {
  ACCESS_LEVEL_TAG,
  databaseRole,
  redisUser,
  roleArnKey,
  stageNamespace,
  stageSecretReaders,
  type ResolvedEnvironment,
  type SecretReader,
} from '@paved/shared-config';
import { Construct } from 'constructs';
import { PodIdentityRole } from '../constructs/cluster/pod-identity-role';
import type { PostgresDatabase } from '../constructs/data/postgres-database';
import type { RedisCache } from '../constructs/data/redis-cache';
import type { PolicyStatement } from '../constructs/iam/policy-document';

/**
 * What a host's stacks create for the stages on its cluster (docs/stages.md). Stages have no stacks of their own: their
 * AWS resources live in the host's state, scoped by namespace.
 */

/** The Kubernetes `edit` access policy, scoped to namespaces by its association. */
const STAGE_DEPLOYER_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy';

/** Namespaces of the host's stages that read secrets, with what they read (one reader role each, as the host's own). */
export function stageReaders(host: ResolvedEnvironment): SecretReader[] {
  return (host.stages ?? []).flatMap((stage) => stageSecretReaders(host, stage));
}

/** Every namespace each stage deployer may edit, per principal (a role may deploy to several stages of a host). */
export function stageDeployers(host: ResolvedEnvironment): Map<string, string[]> {
  const byPrincipal = new Map<string, string[]>();
  for (const stage of host.stages ?? []) {
    const namespaces = stage.services.map((s) => stageNamespace(stage.name, s.name));
    for (const arn of stage.deployers) byPrincipal.set(arn, [...(byPrincipal.get(arn) ?? []), ...namespaces]);
  }
  for (const [arn, namespaces] of byPrincipal) byPrincipal.set(arn, [...new Set(namespaces)].sort());
  return byPrincipal;
}

export interface StageDeployerAccessProps {
  readonly cluster: EksCluster;
  readonly host: ResolvedEnvironment;
}

/**
 * Access entries of the stages' deployers: Kubernetes `edit` in their stages' namespaces only (`accessScope` of type
 * `namespace`), nothing cluster-wide. Ids are keyed by role name, as the cluster's own access entries.
 */
export class StageDeployerAccess extends Construct {
  constructor(scope: Construct, id: string, props: StageDeployerAccessProps) {
    super(scope, id);
    for (const [principalArn, namespaces] of stageDeployers(props.host)) {
      if (namespaces.length === 0) continue;
      const key = roleArnKey(principalArn);
      const entry = new EksAccessEntry(this, `${key}-entry`, {
        clusterName: props.cluster.name,
        principalArn,
        type: 'STANDARD',
        tags: { [ACCESS_LEVEL_TAG]: 'edit' },
      });
      new EksAccessPolicyAssociation(this, `${key}-policy`, {
        clusterName: props.cluster.name,
        principalArn: entry.principalArn,
        policyArn: STAGE_DEPLOYER_POLICY,
        accessScope: { type: 'namespace', namespaces },
      });
    }
  }
}

/** The host's Redis users of its stages' services (added to the host's cache). */
export function stageRedisUsers(host: ResolvedEnvironment): string[] {
  return (host.stages ?? []).flatMap((stage) =>
    stage.services.filter((s) => s.dependsOn.includes('redis')).map((s) => redisUser(host.naming, stageNamespace(stage.name, s.name))));
}

export interface StageDataAccessProps {
  readonly cluster: EksCluster;
  readonly host: ResolvedEnvironment;
  readonly postgres?: PostgresDatabase;
  readonly redis?: RedisCache;
}

/**
 * The Pod Identity role of each stage service that uses the host's PostgreSQL or Redis: it may connect as its own
 * database user (`<stage>_<service>`, created by the host's db-provisioner) and cache user only.
 */
export class StageDataAccess extends Construct {
  readonly serviceRoles: ReadonlyMap<string, PodIdentityRole>;

  constructor(scope: Construct, id: string, props: StageDataAccessProps) {
    super(scope, id);
    const { host } = props;
    const roles = new Map<string, PodIdentityRole>();
    for (const stage of host.stages ?? []) {
      for (const service of stage.services) {
        const namespace = stageNamespace(stage.name, service.name);
        const statements: PolicyStatement[] = [];
        if (props.postgres && service.dependsOn.includes('postgres')) statements.push(props.postgres.connectStatement(databaseRole(namespace)));
        if (props.redis && service.dependsOn.includes('redis')) statements.push(props.redis.connectStatement(redisUser(host.naming, namespace)));
        if (statements.length === 0) continue;
        roles.set(namespace, new PodIdentityRole(this, `service-${namespace}-identity`, {
          cluster: props.cluster,
          roleName: host.naming.name('iam-role', `service-${namespace}`),
          namespace,
          serviceAccount: service.name,
          statements,
        }));
      }
    }
    this.serviceRoles = roles;
  }
}
