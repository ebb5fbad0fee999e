import type { ServiceAwsResourceType } from '../../config/service-config';
import { at } from '../problem';
import { environmentsOf, servicesOf, type ValidationRule } from './rule';

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
      const runsIn = environmentsOf(config).map(({ env }) => env.name)
        .filter((name) => typeof name === 'string' && service.environments?.[name]?.enabled !== false);
      const longest = runsIn.sort((a, b) => b.length - a.length)[0];
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
