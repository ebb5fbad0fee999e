import { Component, type Project, YamlFile } from 'projen';
import type { ServiceSettings } from '../settings';
import { POSTGRES_IMAGE, REDIS_IMAGE } from '../versions';

/** Options of `LocalDevCompose`. */
export interface LocalDevComposeOptions {
  /** The resolved service settings. */
  readonly service: ServiceSettings;
  /**
   * Extra environment of the service container (local-development values of the runtime's own settings).
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * Writable in-memory paths of the service container (its root filesystem is read-only, as on the platform).
   * @default - none
   */
  readonly tmpfs?: string[];
}

/**
 * `docker-compose.yml` for local development: the service built from its Dockerfile, plus PostgreSQL and Redis when
 * the service declares them, each with a healthcheck the service waits for. Ports bind to 127.0.0.1 only; the local
 * database trusts local connections, so no password is written anywhere.
 */
export class LocalDevCompose extends Component {
  public static of(project: Project): LocalDevCompose | undefined {
    return project.components.find((c): c is LocalDevCompose => c instanceof LocalDevCompose);
  }

  public readonly file: YamlFile;

  constructor(project: Project, options: LocalDevComposeOptions) {
    super(project);
    const s = options.service;
    const name = s.serviceName;
    const environment: { [key: string]: string } = { PORT: String(s.port), LOG_LEVEL: 'debug', ...options.environment };
    const dependsOn: { [key: string]: any } = {};
    const services: { [key: string]: any } = {};
    const volumes: { [key: string]: any } = {};
    if (s.postgres) {
      environment.DATABASE_URL = `postgres://${dbName(name)}@postgres:5432/${dbName(name)}`;
      dependsOn.postgres = { condition: 'service_healthy' };
    }
    if (s.redis) {
      environment.REDIS_URL = 'redis://redis:6379';
      dependsOn.redis = { condition: 'service_healthy' };
    }
    services[name] = {
      build: { context: '.', target: 'runtime' },
      ports: [`127.0.0.1:${s.port}:${s.port}`],
      environment,
      ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
      read_only: true,
      ...(options.tmpfs && options.tmpfs.length > 0 ? { tmpfs: [...options.tmpfs] } : {}),
      cap_drop: ['ALL'],
      security_opt: ['no-new-privileges:true'],
    };
    if (s.postgres) {
      services.postgres = {
        image: POSTGRES_IMAGE,
        environment: { POSTGRES_USER: dbName(name), POSTGRES_DB: dbName(name), POSTGRES_HOST_AUTH_METHOD: 'trust' },
        ports: ['127.0.0.1:5432:5432'],
        volumes: ['postgres-data:/var/lib/postgresql/data'],
        healthcheck: { test: ['CMD', 'pg_isready', '-U', dbName(name), '-d', dbName(name)], interval: '5s', timeout: '3s', retries: 10 },
      };
      volumes['postgres-data'] = {};
    }
    if (s.redis) {
      services.redis = {
        image: REDIS_IMAGE,
        ports: ['127.0.0.1:6379:6379'],
        healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10 },
      };
    }
    this.file = new YamlFile(project, 'docker-compose.yml', {
      obj: { name, services, ...(Object.keys(volumes).length > 0 ? { volumes } : {}) },
    });
  }
}

/** PostgreSQL identifiers: the service name with hyphens as underscores. */
function dbName(service: string): string {
  return service.replace(/-/g, '_');
}
