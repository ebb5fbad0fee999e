import { PROFILES } from '../../profiles/profiles';
import { dataStoreEnabled, servicesIn } from '../../resolve/resolve-platform';
import { SUPPORTED_POSTGRES_MAJORS, SUPPORTED_REDIS_VERSIONS } from '../../versions/supported-versions';
import { at } from '../problem';
import { environmentsOf, servicesOf, type ValidationRule } from './rule';

const dataPath = (path: string, store: 'postgres' | 'redis', key: string) => at(at(at(path, 'data'), store), key);

export const dataEngineVersions: ValidationRule = {
  id: 'data-engine-versions',
  description: 'PostgreSQL and Redis engine versions are ones RDS and ElastiCache offer and Paved supports.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const pg = env.data?.postgres?.engineVersion;
      if (typeof pg === 'string' && !(SUPPORTED_POSTGRES_MAJORS as readonly string[]).includes(pg.split('.')[0])) {
        out.error(dataPath(path, 'postgres', 'engineVersion'), `PostgreSQL ${pg} is not supported`, `a version of major ${SUPPORTED_POSTGRES_MAJORS.join(', ')}`);
      }
      const redis = env.data?.redis?.engineVersion;
      if (typeof redis === 'string' && /^\d\.\d$/.test(redis) && !(SUPPORTED_REDIS_VERSIONS as readonly string[]).includes(redis)) {
        out.error(dataPath(path, 'redis', 'engineVersion'), `Redis ${redis} is not supported`, `one of ${SUPPORTED_REDIS_VERSIONS.join(', ')}`);
      }
    }
  },
};

export const postgresStorage: ValidationRule = {
  id: 'postgres-storage',
  description: 'The storage autoscaling ceiling is at least the allocated storage.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const pg = env.data?.postgres;
      const allocated = pg?.allocatedStorageGiB ?? PROFILES[env.profile]?.postgres.allocatedStorageGiB;
      if (typeof pg?.maxAllocatedStorageGiB === 'number' && typeof allocated === 'number' && pg.maxAllocatedStorageGiB < allocated) {
        out.error(dataPath(path, 'postgres', 'maxAllocatedStorageGiB'), `${pg.maxAllocatedStorageGiB} GiB is below the allocated ${allocated} GiB`, 'a ceiling >= allocatedStorageGiB');
      }
    }
  },
};

export const redisFailoverNeedsReplica: ValidationRule = {
  id: 'redis-failover-replica',
  description: 'Automatic failover of Redis has a replica to fail over to.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const profile = PROFILES[env.profile]?.redis;
      if (!profile) continue;
      const redis = env.data?.redis ?? {};
      const failover = redis.automaticFailover ?? profile.automaticFailover;
      const replicas = redis.replicas ?? profile.replicas;
      if (failover === true && replicas === 0) {
        out.error(dataPath(path, 'redis', 'automaticFailover'), 'is on, but the replication group has no replica', 'replicas >= 1, or automaticFailover: false');
      }
    }
  },
};

export const productionDataSafety: ValidationRule = {
  id: 'production-data-safety',
  description: 'Production data stores keep deletion protection, Multi-AZ and failover on (warning).',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      if (env.profile !== 'production') continue;
      const pg = env.data?.postgres;
      if (dataStoreEnabled(config, env, 'postgres')) {
        if (pg?.deletionProtection === false) {
          out.warning(dataPath(path, 'postgres', 'deletionProtection'), 'is off in production: one terraform destroy deletes the database', 'true in production');
        }
        if (pg?.multiAz === false) {
          out.warning(dataPath(path, 'postgres', 'multiAz'), 'is off in production: an availability-zone outage stops the database', 'true in production');
        }
      }
      if (dataStoreEnabled(config, env, 'redis') && env.data?.redis?.automaticFailover === false) {
        out.warning(dataPath(path, 'redis', 'automaticFailover'), 'is off in production: a primary failure stops the cache until it is replaced', 'true in production');
      }
    }
  },
};

export const serviceDependenciesAvailable: ValidationRule = {
  id: 'service-dependencies',
  description: 'A service that depends on postgres or redis runs only where that store is enabled.',
  check(config, out) {
    const services = servicesOf(config);
    for (const { env, path } of environmentsOf(config)) {
      if (typeof env.name !== 'string') continue;
      const running = servicesIn({ ...config, services: services.map((s) => s.service) }, env.name).map((s) => s.name);
      for (const store of ['postgres', 'redis'] as const) {
        if (dataStoreEnabled(config, env, store)) continue;
        for (const { service, path: servicePath } of services) {
          if (running.includes(service.name) && Array.isArray(service.dependsOn) && service.dependsOn.includes(store)) {
            out.error(
              at(servicePath, 'dependsOn'),
              `'${service.name}' needs ${store}, which ${path}.data.${store}.enabled turns off in '${env.name}'`,
              `enable ${store} there, or disable the service in that environment`,
            );
          }
        }
      }
    }
  },
};
