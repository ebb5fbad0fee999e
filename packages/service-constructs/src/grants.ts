import { Aws, Token } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { PavedServiceStack } from './paved-service-stack';

/**
 * The role a grant goes to: the service's own Pod Identity role, nothing else. Resources of one service are not for
 * another service's pods; a role given explicitly must be that same role.
 */
export function granteeOf(construct: IConstruct, stack: PavedServiceStack, grantee?: IRole): IRole {
  if (!grantee) return stack.serviceRole;
  const name = grantee.roleName;
  if (Token.isUnresolved(name) || name !== stack.serviceRoleName) {
    const shown = Token.isUnresolved(name) ? 'a role whose name is only known at deploy time' : `role '${name}'`;
    throw new Error(
      `error: ${construct.node.path}: grant: ${shown} is not the Pod Identity role of service '${stack.service}' (only '${stack.serviceRoleName}' may be granted)`,
    );
  }
  return stack.serviceRole;
}

/**
 * A key-policy statement letting `role` use the service key for `actions`, only through `awsService` (S3, SQS, SNS or
 * DynamoDB acting for the role), so the role cannot decrypt with the key directly.
 */
export function keyUseStatement(role: IRole, awsService: string, actions: string[]): PolicyStatement {
  return new PolicyStatement({
    principals: [role],
    actions,
    resources: ['*'],
    conditions: { StringEquals: { 'kms:ViaService': `${awsService}.${Aws.REGION}.amazonaws.com` } },
  });
}

/** A resource-policy statement for `role`: no IAM policy is written (the platform's execution role writes no IAM). */
export function resourceStatement(role: IRole, actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ principals: [role], actions, resources });
}
