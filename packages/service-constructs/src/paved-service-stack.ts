import { Aws, LegacyStackSynthesizer, RemovalPolicy, Stack, Tags, type IStackSynthesizer } from 'aws-cdk-lib';
import { Role, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct, IConstruct } from 'constructs';
import { addAwsSolutionsGate } from './aws-solutions-gate';
import { checkDeclaredResources, compareDeclaredResources, type CreatedResource, type PavedDeclaredResource } from './declared-resources';
import { checkComponent, PAVED_MANAGED_BY, PAVED_TAG_KEYS, type ResourceKind, serviceRoleName, servicePrefix } from './naming';

const PAVED_SERVICE_STACK = Symbol.for('@paved/service-constructs.PavedServiceStack');

export interface PavedServiceStackProps {
  /** The platform's `organization` (first component of every name). */
  readonly organization: string;
  /** The Paved environment this stack deploys to (`dev`, `staging`, `prod`, ...). */
  readonly environment: string;
  /** The service's name in the platform catalog. */
  readonly service: string;
  /**
   * Whether the environment holds production data: resources are then retained when removed from the app or when the
   * stack is deleted, and tables get deletion protection.
   * @default true (the safe choice; pass `false` for dev and test environments)
   */
  readonly production?: boolean;
  /**
   * The environments the service runs in (its descriptor's). When given, an `environment` outside it is an error.
   * @default - not checked
   */
  readonly serviceEnvironments?: string[];
  /**
   * The resources the service's descriptor declares (`awsResources.resources` of `paved.service.json`). When given,
   * synthesis fails with one line per resource declared but not created, created but not declared, or created
   * without a Paved construct (which cannot be matched by name).
   * @default - not compared
   */
  readonly declaredResources?: readonly PavedDeclaredResource[];
  /**
   * Last component of the stack name `<org>-<env>-<service>-<stackSuffix>`.
   * @default 'resources'
   */
  readonly stackSuffix?: string;
  /**
   * AWS account of the environment.
   * @default - environment-agnostic (resolved at deploy time)
   */
  readonly account?: string;
  /**
   * AWS region of the environment.
   * @default - environment-agnostic (resolved at deploy time)
   */
  readonly region?: string;
  /**
   * @default - names the service and environment
   */
  readonly description?: string;
  /**
   * The platform creates no CDK bootstrap stack: the legacy synthesizer passes the template inline to CloudFormation
   * and adds no bootstrap-version check. `cdk deploy --role-arn <org>-<env>-<service>-cfn-exec` deploys it.
   * @default new LegacyStackSynthesizer()
   */
  readonly synthesizer?: IStackSynthesizer;
}

/**
 * The stack of a service's own AWS resources in one environment: named `<org>-<env>-<service>-<suffix>` (the only
 * stacks the platform's deploy role may touch), tagged with the `paved:*` tags, and checked by cdk-nag's AwsSolutions
 * pack on every synthesis. Paved constructs find their service, environment, key and Pod Identity role here.
 */
export class PavedServiceStack extends Stack {
  /** The PavedServiceStack `construct` belongs to; an error if there is none. */
  static ofConstruct(construct: IConstruct): PavedServiceStack {
    // The nearest enclosing stack (Stack.of throws its own message when there is none).
    const stack = [...construct.node.scopes].reverse().find((s) => Stack.isStack(s));
    if (!PavedServiceStack.isPavedServiceStack(stack)) {
      throw new Error(`error: ${construct.node.path}: Paved constructs belong in a PavedServiceStack (it supplies the names, key and service role)`);
    }
    return stack;
  }

  static isPavedServiceStack(x: unknown): x is PavedServiceStack {
    return typeof x === 'object' && x !== null && PAVED_SERVICE_STACK in x;
  }

  readonly organization: string;
  /** The Paved environment (Stack's own `environment` is the `aws://account/region` string). */
  readonly environmentName: string;
  readonly service: string;
  readonly production: boolean;
  /** `<org>-<env>-<service>`: the first components of every resource name. */
  readonly prefix: string;
  /** What happens to a resource when it leaves the app: RETAIN in production, DESTROY elsewhere. */
  readonly resourceRemovalPolicy: RemovalPolicy;
  /** Name of the service's Pod Identity role, which the platform creates. */
  readonly serviceRoleName: string;
  /** The service's Pod Identity role, imported immutable: nothing here writes IAM (the execution role cannot). */
  readonly serviceRole: IRole;
  private key?: Key;
  private readonly created: CreatedResource[] = [];

  constructor(scope: Construct, id: string, props: PavedServiceStackProps) {
    const where = `${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
    const organization = checkComponent(where, 'organization', props.organization);
    const environment = checkComponent(where, 'environment', props.environment);
    const service = checkComponent(where, 'service', props.service);
    const suffix = checkComponent(where, 'stackSuffix', props.stackSuffix ?? 'resources');
    if (props.serviceEnvironments && !props.serviceEnvironments.includes(environment)) {
      throw new Error(
        `error: ${where}: environment: service '${service}' does not run in '${environment}' (it runs in: ${props.serviceEnvironments.join(', ') || 'none'})`,
      );
    }
    const declared = props.declaredResources ? checkDeclaredResources(where, props.declaredResources) : undefined;
    const prefix = servicePrefix(organization, environment, service);
    super(scope, id, {
      stackName: `${prefix}-${suffix}`,
      description: props.description ?? `AWS resources of service ${service} in ${environment} (Paved)`,
      env: props.account || props.region ? { account: props.account, region: props.region } : undefined,
      synthesizer: props.synthesizer ?? new LegacyStackSynthesizer(),
    });
    Object.defineProperty(this, PAVED_SERVICE_STACK, { value: true });
    this.organization = organization;
    this.environmentName = environment;
    this.service = service;
    this.production = props.production ?? true;
    this.prefix = prefix;
    this.resourceRemovalPolicy = this.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.serviceRoleName = serviceRoleName(organization, environment, service);
    this.serviceRole = Role.fromRoleName(this, 'ServiceRole', this.serviceRoleName, { mutable: false });

    const tags: Record<string, string> = {
      [PAVED_TAG_KEYS.organization]: organization,
      [PAVED_TAG_KEYS.environment]: environment,
      [PAVED_TAG_KEYS.managedBy]: PAVED_MANAGED_BY,
      [PAVED_TAG_KEYS.stack]: this.stackName,
      [PAVED_TAG_KEYS.service]: service,
    };
    for (const [key, value] of Object.entries(tags)) Tags.of(this).add(key, value);
    addAwsSolutionsGate(this);
    // A node validation, like the cdk-nag gate: it sees every construct the app added after the stack was created.
    if (declared) this.node.addValidation({ validate: () => compareDeclaredResources(this, declared, this.created) });
  }

  /**
   * Records a resource a Paved construct creates, for the comparison with `declaredResources` (the constructs call
   * it; an app does not need to).
   */
  registerResource(construct: IConstruct, type: ResourceKind, name: string): void {
    this.created.push({ construct, type, name });
  }

  /**
   * The service's customer managed KMS key, created on first use and shared by its resources: rotation on, alias
   * `alias/<prefix>-key`, tagged `paved:service` (the execution role creates no key without that tag).
   */
  get serviceKey(): Key {
    this.key ??= new Key(this, 'ServiceKey', {
      alias: `${this.prefix}-key`,
      description: `Encrypts the AWS resources of service ${this.service} in ${this.environmentName}`,
      enableKeyRotation: true,
      removalPolicy: this.resourceRemovalPolicy,
    });
    return this.key;
  }

  /** `<prefix>-<name>`: the physical name of a resource of this service. */
  physicalName(name: string): string {
    return `${this.prefix}-${name}`;
  }

  /** The ARN of a resource in this stack's account and region, from pseudo parameters (no reference to the resource). */
  arn(service: string, resource: string): string {
    return `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
  }
}
