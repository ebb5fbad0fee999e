import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { checkComponent, RESOURCE_NAME_LIMITS, type ResourceKind } from './naming';

/**
 * A resource the service's descriptor declares (`awsResources.resources` of `paved.service.json`): its type and the
 * last component of its name. Extra fields (`usage`) are ignored, so descriptor entries can be passed as they are.
 */
export interface PavedDeclaredResource {
  /** `bucket`, `queue`, `topic` or `table`. */
  readonly type: string;
  /** The construct's `name` (the last component of `<org>-<env>-<service>-<name>`). */
  readonly name: string;
}

/** CloudFormation types of the four kinds: a raw L1/L2 resource of one of them cannot be matched by name. */
const CFN_TYPES: Readonly<Record<string, ResourceKind>> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
  'AWS::DynamoDB::Table': 'table',
};

const CONSTRUCT_OF: Readonly<Record<ResourceKind, string>> = { bucket: 'PavedBucket', queue: 'PavedQueue', topic: 'PavedTopic', table: 'PavedTable' };

const key = (type: string, name: string) => `${type}:${name}`;

/** Checks the declared list (known types, valid and unique names) and returns it keyed by `type:name`. */
export function checkDeclaredResources(where: string, declared: readonly PavedDeclaredResource[]): Map<string, PavedDeclaredResource> {
  const byKey = new Map<string, PavedDeclaredResource>();
  const names = new Set<string>();
  declared.forEach((resource, i) => {
    const field = `declaredResources[${i}]`;
    if (!Object.hasOwn(RESOURCE_NAME_LIMITS, resource.type)) {
      throw new Error(`error: ${where}: ${field}.type: '${resource.type}' is not a resource type (one of ${Object.keys(RESOURCE_NAME_LIMITS).join(', ')})`);
    }
    checkComponent(where, `${field}.name`, resource.name);
    if (names.has(resource.name)) throw new Error(`error: ${where}: ${field}.name: '${resource.name}' is declared twice (names are unique per service)`);
    names.add(resource.name);
    byKey.set(key(resource.type, resource.name), resource);
  });
  return byKey;
}

/** What a Paved construct registers with its stack: the construct and the CloudFormation resources it owns. */
export interface CreatedResource {
  readonly type: ResourceKind;
  readonly name: string;
  readonly construct: IConstruct;
}

/**
 * One error line per difference between what the descriptor declares and what the app creates: declared but not
 * created, created but not declared, and a resource of one of the four types made without a Paved construct.
 */
export function compareDeclaredResources(
  stack: IConstruct,
  declared: ReadonlyMap<string, PavedDeclaredResource>,
  created: readonly CreatedResource[],
): string[] {
  const errors: string[] = [];
  const createdKeys = new Set(created.map((c) => key(c.type, c.name)));
  for (const resource of declared.values()) {
    if (!createdKeys.has(key(resource.type, resource.name))) {
      errors.push(
        `error: ${stack.node.path}: declaredResources: ${resource.type} '${resource.name}' is declared in the descriptor (awsResources.resources) `
        + `but the app creates no ${CONSTRUCT_OF[resource.type as ResourceKind]} named '${resource.name}' (create it, or remove it from the descriptor)`,
      );
    }
  }
  for (const c of created) {
    if (!declared.has(key(c.type, c.name))) {
      errors.push(
        `error: ${c.construct.node.path}: ${c.type} '${c.name}' is created but not declared in the descriptor's awsResources.resources `
        + `(add { type: '${c.type}', name: '${c.name}' } to it, or remove the construct)`,
      );
    }
  }
  const owned = new Set(created.map((c) => c.construct));
  for (const resource of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(resource)) continue;
    const type = CFN_TYPES[resource.cfnResourceType];
    if (!type || resource.node.scopes.some((s) => owned.has(s))) continue;
    errors.push(
      `error: ${resource.node.path}: a ${type} created without ${CONSTRUCT_OF[type]} cannot be matched with the descriptor's awsResources.resources `
      + `(use ${CONSTRUCT_OF[type]})`,
    );
  }
  return errors;
}
