import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

export interface SecretsReaderRoleProps {
  readonly cluster: EksCluster;
  readonly roleName: string;
  readonly account: string;
  readonly region: string;
  /** Kubernetes namespace whose SecretStore assumes the role (documentation and tags only: the name carries it). */
  readonly namespace: string;
  /** Full Secrets Manager names the namespace reads. */
  readonly secretNames: readonly string[];
  /** Name prefix the namespace owns (`<org>/<env>/<namespace>/`): everything below it is readable too. */
  readonly ownedPrefix: string;
  /** KMS key the environment's secrets are encrypted with. */
  readonly secretsKeyArn: string;
  /** Role of the External Secrets controller (EKS Pod Identity), the only principal that may assume this one. */
  readonly controllerRoleArn: string;
  /** Namespace and service account of the controller, as EKS Pod Identity tags its sessions. */
  readonly controllerNamespace: string;
  readonly controllerServiceAccount: string;
}

/**
 * The role one namespace's SecretStore assumes to read its own secrets.
 *
 * Why a role per namespace and not one policy keyed on `${aws:PrincipalTag/kubernetes-namespace}`: with EKS Pod
 * Identity, External Secrets calls AWS with its controller's credentials for every store (it cannot act as another
 * namespace's service account: external-secrets issue 2951), so the `kubernetes-namespace` session tag is always the
 * controller's own, and Pod Identity's tags are transitive, so a chained session cannot replace it. The namespace
 * boundary is therefore this role: the SecretStore of namespace N names N's role, and N's role reads only N's secrets.
 * Its trust admits only the controller's sessions of this cluster (the tags Pod Identity sets cannot be forged by a
 * pod).
 */
export class SecretsReaderRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: SecretsReaderRoleProps) {
    super(scope, id);
    const trust = policyDocument([
      {
        sid: 'ExternalSecretsControllerOfThisCluster',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'AWS', identifiers: [props.controllerRoleArn] }],
        conditions: [
          { test: 'StringEquals', variable: 'aws:PrincipalTag/eks-cluster-arn', values: [props.cluster.arn] },
          { test: 'StringEquals', variable: 'aws:PrincipalTag/kubernetes-namespace', values: [props.controllerNamespace] },
          { test: 'StringEquals', variable: 'aws:PrincipalTag/kubernetes-service-account', values: [props.controllerServiceAccount] },
        ],
      },
    ]);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `Secrets of namespace ${props.namespace}, read by its SecretStore`,
      assumeRolePolicy: trust.json,
    });
    // Secrets Manager appends six random characters to a secret's ARN: `<name>-??????` matches exactly one name.
    const arn = (pattern: string) => `arn:aws:secretsmanager:${props.region}:${props.account}:secret:${pattern}`;
    const owned = arn(`${props.ownedPrefix}*`);
    const arns = [owned, ...props.secretNames.filter((name) => !name.startsWith(props.ownedPrefix)).map((name) => arn(`${name}-??????`))];
    const permissions = policyDocument([
      { sid: 'ReadTheNamespaceSecrets', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: arns },
      {
        sid: 'DecryptThroughSecretsManager',
        actions: ['kms:Decrypt'],
        resources: [props.secretsKeyArn],
        conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`secretsmanager.${props.region}.amazonaws.com`] }],
      },
    ]);
    new IamRolePolicy(this, 'policy', { role: this.role.id, name: 'namespace-secrets', policy: permissions.json });
  }
}
