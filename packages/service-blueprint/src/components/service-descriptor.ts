import { Component, JsonFile, type Project } from 'projen';
import { serviceDependencies } from '../service-options';
import { ServiceRuntime, type ServiceSettings } from '../settings';
import { type MigrateOptions, resolveMigrate } from './migrate-task';

/** Name of the descriptor file at the repository root. */
export const DESCRIPTOR_FILE = 'paved.service.json';

/**
 * Tag written to the descriptor in the service repository. CI replaces it with the pushed image's tag in the copy it
 * proposes to the platform repository, which is the copy the platform deploys.
 */
export const UNRELEASED_TAG = 'unreleased';

/** Options of `ServiceDescriptor`. */
export interface ServiceDescriptorOptions {
  /** The resolved service settings. */
  readonly service: ServiceSettings;
  /**
   * A migration the platform runs before each new version serves (the descriptor's `migrate`).
   * @default - none
   */
  readonly migrate?: MigrateOptions;
}

/**
 * `paved.service.json`: the service as an entry of the platform's services catalog (`ServiceConfig` of
 * `@paved/shared-config`), taken as it is. Plain JSON without a projen marker key, because the catalog rejects
 * unknown keys; projen still owns the file (read-only, listed in `.projen/files.json`).
 */
export class ServiceDescriptor extends Component {
  public static of(project: Project): ServiceDescriptor | undefined {
    return project.components.find((c): c is ServiceDescriptor => c instanceof ServiceDescriptor);
  }

  /** The descriptor object, as written. */
  public readonly descriptor: any;
  public readonly file: JsonFile;

  constructor(project: Project, options: ServiceDescriptorOptions) {
    super(project);
    const s = options.service;
    const environments: { [name: string]: any } = {};
    for (const env of s.environments) {
      const resourceEnv = s.awsResources ? resourceVariables(s, env) : {};
      environments[env] = { replicas: s.replicas[env], ...(Object.keys(resourceEnv).length > 0 ? { env: resourceEnv } : {}) };
    }
    const secrets = Object.keys(s.secrets).length > 0 ? s.secrets : undefined;
    const dependsOn = serviceDependencies(s);
    const migrate = resolveMigrate(options.migrate);
    this.descriptor = {
      name: s.serviceName,
      team: s.team,
      // The catalog's default runtime is node; other runtimes are written so that health defaults follow them.
      ...(s.runtime !== ServiceRuntime.NODE ? { runtime: s.runtime } : {}),
      image: { ...(s.imageRepository ? { repository: s.imageRepository } : {}), tag: UNRELEASED_TAG },
      port: s.port,
      health: { liveness: s.livenessPath, readiness: s.readinessPath },
      resources: { cpu: s.cpu, memory: s.memory },
      env: s.env,
      ...(secrets ? { secrets } : {}),
      ...(s.ingressHost ? { ingress: { host: s.ingressHost, visibility: 'public' } } : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
      ...(migrate ? { migrate } : {}),
      // The platform creates the CDK app's deploy roles for this repository (docs/service-resources.md).
      ...(s.awsResources
        ? {
          ci: { repository: s.awsResources.repository, branch: s.defaultBranch },
          awsResources: {
            types: s.awsResources.types,
            // Declared only when known: an empty list would make PavedServiceStack refuse the app's every resource.
            ...(s.awsResources.resources.length > 0
              ? { resources: s.awsResources.resources.map((r) => ({ type: r.type, name: r.name, ...(r.usage ? { usage: r.usage } : {}) })) }
              : {}),
          },
        }
        : {}),
      environments,
    };
    this.file = new JsonFile(project, DESCRIPTOR_FILE, { obj: this.descriptor, marker: false, newline: true });
  }
}

/**
 * The values of `awsResourceEnv` in `environment`: physical names (`<org>-<env>-<service>-<name>`, as the Paved
 * constructs name them), queue URLs and topic ARNs in the environment's account.
 */
export function resourceVariables(s: ServiceSettings, environment: string): { [name: string]: string } {
  const aws = s.awsResources;
  if (!aws) return {};
  const account = aws.accounts[environment] ?? s.awsAccount;
  const out: { [name: string]: string } = {};
  for (const [variable, reference] of Object.entries(aws.env)) {
    const [kind, name] = reference.split(':');
    const physical = `${s.organization}-${environment}-${s.serviceName}-${name}`;
    out[variable] = kind === 'queue-url'
      ? `https://sqs.${s.awsRegion}.amazonaws.com/${account}/${physical}`
      : kind === 'topic-arn' ? `arn:aws:sns:${s.awsRegion}:${account}:${physical}` : physical;
  }
  return out;
}
