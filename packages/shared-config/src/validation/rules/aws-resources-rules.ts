import type { PlatformConfig } from '../../config/platform-config';
import type { ServiceAwsResourceConfig, ServiceAwsResourceType, ServiceAwsResourceUsage, ServiceConfig } from '../../config/service-config';
import { at, show } from '../problem';
import { environmentsOf, isObject, reportDuplicates, servicesOf, type ValidationRule } from './rule';

/**
 * Name limits of each type a service's CDK app may create (SQS queue 80, SNS topic 256, S3 bucket 63, DynamoDB table
 * 255): the execution role allows only names starting `<org>-<env>-<service>-`, so that prefix must leave room.
 */
export const AWS_RESOURCE_NAME_LIMITS: Readonly<Record<ServiceAwsResourceType, { readonly max: number; readonly what: string }>> = {
  bucket: { max: 63, what: 'S3 bucket names' },
  queue: { max: 80, what: 'SQS queue names' },
  topic: { max: 256, what: 'SNS topic names' },
  table: { max: 255, what: 'DynamoDB table names' },
};

/** Suffixes of the two roles per environment: `<org>-<env>-<service>-cfn-deploy` and `<org>-<env>-<service>-cfn-exec`. */
export const CFN_DEPLOY_SUFFIX = 'cfn-deploy';
export const CFN_EXEC_SUFFIX = 'cfn-exec';

/** Characters a resource name needs after `<org>-<env>-<service>-` to be useful (`orders-dead-letter`). */
export const AWS_RESOURCE_NAME_ROOM = 20;

export const serviceAwsResources: ValidationRule = {
  id: 'service-aws-resources',
  description:
    'services[].awsResources needs services[].ci.repository (the repository its deploy role trusts), and '
    + '`<org>-<env>-<service>-` must leave room for resource names within the tightest limit of the chosen types.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const resources = service.awsResources;
      if (!resources || !Array.isArray(resources.types)) continue;
      const field = at(path, 'awsResources');
      if (typeof service.ci?.repository !== 'string') {
        out.error(field, 'needs services[].ci.repository: without it there is no repository for the deploy role to trust', 'set ci: { repository: \'owner/name\' }');
      }
      const types = resources.types.filter((t): t is ServiceAwsResourceType => Object.hasOwn(AWS_RESOURCE_NAME_LIMITS, t));
      if (types.length === 0) continue;
      const tightest = types.map((t) => ({ type: t, ...AWS_RESOURCE_NAME_LIMITS[t] })).sort((a, b) => a.max - b.max)[0];
      const longest = longestEnvironment(config, service);
      if (longest === undefined) continue;
      const prefix = `${config.organization}-${longest}-${service.name}-`;
      // The roles `<prefix>cfn-deploy` and `<prefix>cfn-exec` (IAM role names: at most 64 characters).
      const deployRole = `${prefix}${CFN_DEPLOY_SUFFIX}`;
      if (deployRole.length > 64) {
        out.error(field, `role '${deployRole}' would have ${deployRole.length} characters (IAM role names are at most 64)`, 'a shorter service name');
        continue;
      }
      const room = tightest.max - prefix.length;
      if (room < AWS_RESOURCE_NAME_ROOM) {
        out.error(
          at(field, 'types'),
          `'${prefix}' leaves ${room} characters for a ${tightest.type} name (${tightest.what} are at most ${tightest.max})`,
          `a shorter service name, or types without '${tightest.type}' (at least ${AWS_RESOURCE_NAME_ROOM} characters must remain)`,
        );
      }
    }
  },
};

/** The longest name of the environments `service` runs in (the one whose prefix leaves the least room), if any. */
function longestEnvironment(config: PlatformConfig, service: ServiceConfig): string | undefined {
  return environmentsOf(config).map(({ env }) => env.name)
    .filter((name) => typeof name === 'string' && service.environments?.[name]?.enabled !== false)
    .sort((a, b) => b.length - a.length)[0];
}

/** Which usage fields price which type (`paved cost`); any other field on that type is a mistake. */
export const AWS_RESOURCE_USAGE_FIELDS: Readonly<Record<ServiceAwsResourceType, readonly (keyof ServiceAwsResourceUsage)[]>> = {
  bucket: ['storageGb'],
  queue: ['requestsPerMonthMillions'],
  topic: ['publishesPerMonthMillions'],
  table: ['storageGb', 'readRequestUnitsPerMonthMillions', 'writeRequestUnitsPerMonthMillions'],
};

/** Every known usage field (unknown ones are the schema's). */
const AWS_RESOURCE_USAGE_FIELDS_ALL: Readonly<Record<string, true>> = Object.fromEntries(
  Object.values(AWS_RESOURCE_USAGE_FIELDS).flat().map((f) => [f, true]),
);

/** What PavedQueue appends for the dead-letter queue, which has the same limit. */
export const DEAD_LETTER_SUFFIX = '-dlq';

export const serviceAwsResourceDeclarations: ValidationRule = {
  id: 'service-aws-resource-declarations',
  description:
    'Each services[].awsResources.resources entry has one of the service\'s types, a name unique in the service, a '
    + 'physical name `<org>-<env>-<service>-<name>` within the AWS limit of its type in every environment the service '
    + 'runs in, and only the usage fields its type is priced by.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const declared: readonly ServiceAwsResourceConfig[] | undefined = service.awsResources?.resources;
      const types: readonly ServiceAwsResourceType[] | undefined = service.awsResources?.types;
      if (!Array.isArray(declared) || !Array.isArray(types)) continue;
      const base = at(at(path, 'awsResources'), 'resources');
      const entries = declared
        .map((resource: ServiceAwsResourceConfig, i) => ({ resource, path: at(base, i) }))
        .filter(({ resource }) => isObject(resource));
      const longest = longestEnvironment(config, service);
      for (const { resource, path: where } of entries) {
        const type = resource.type;
        if (!Object.hasOwn(AWS_RESOURCE_NAME_LIMITS, type)) continue; // the schema names the type
        if (!types.includes(type)) {
          out.error(at(where, 'type'), `${show(type)} is not one of the service's awsResources.types (${types.join(', ')})`, `one of ${types.join(', ')}, or add '${type}' to types`);
        }
        if (typeof resource.name === 'string' && longest !== undefined) {
          const limit = AWS_RESOURCE_NAME_LIMITS[type];
          const longestName = `${config.organization}-${longest}-${service.name}-${resource.name}${type === 'queue' ? DEAD_LETTER_SUFFIX : ''}`;
          if (longestName.length > limit.max) {
            const dlq = type === 'queue' ? `, its dead-letter queue's '${DEAD_LETTER_SUFFIX}' included` : '';
            const room = resource.name.length - (longestName.length - limit.max);
            out.error(
              at(where, 'name'),
              `'${longestName}' in '${longest}' would have ${longestName.length} characters (${limit.what} are at most ${limit.max}${dlq})`,
              room > 0 ? `a name of at most ${room} characters` : 'a shorter service or environment name',
            );
          }
        }
        const allowed = AWS_RESOURCE_USAGE_FIELDS[type];
        for (const field of isObject(resource.usage) ? Object.keys(resource.usage!) : []) {
          if (Object.hasOwn(AWS_RESOURCE_USAGE_FIELDS_ALL, field) && !allowed.includes(field as keyof ServiceAwsResourceUsage)) {
            out.error(at(at(where, 'usage'), field), `is not priced for a ${type}`, `for a ${type}: ${allowed.join(', ')}`);
          }
        }
      }
      reportDuplicates(entries, ({ resource }) => (typeof resource.name === 'string' ? resource.name : undefined), (item, first) => {
        const firstPath = entries[first].path;
        out.error(at(item.path, 'name'), `'${item.resource.name}' is already used by ${firstPath}`, 'a name unique among the service\'s resources, whatever their type');
      });
    }
  },
};
