import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { REQUIRED_TERRAFORM_VERSION } from '../platform/gitops-repository-credentials';

export interface DatabasePasswordSecretProps {
  /** Full Secrets Manager name (`databasePasswordSecret(naming, role)`). */
  readonly secretName: string;
  readonly description: string;
  readonly kmsKeyArn: string;
  /**
   * Bump to draw and write a new password (the `db-provisioner` Job sets it on the role at its next run).
   * @default 1
   */
  readonly version?: number;
}

/**
 * A Secrets Manager secret holding a generated database password that never enters plan or state: the value comes
 * from an ephemeral `aws_secretsmanager_random_password` (Terraform >= 1.10) and is written through the write-only
 * `secret_string_wo` (>= 1.11), which Terraform sends once per `secret_string_wo_version` and never stores. Only for
 * clients that cannot use IAM database authentication (Keycloak).
 *
 * Escape hatch: cdktf 0.21 has no `ephemeral` block, so the ephemeral resource is an override on the stack, named
 * after this construct's unique id.
 */
export class DatabasePasswordSecret extends Construct {
  readonly secret: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: DatabasePasswordSecretProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.secretName,
      description: props.description,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: 7,
    });
    const ephemeralName = `${this.secret.friendlyUniqueId}_value`;
    stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    // Secrets Manager's generator, without punctuation so the value needs no quoting in URLs or SQL.
    stack.addOverride(`ephemeral.aws_secretsmanager_random_password.${ephemeralName}`, {
      password_length: 40,
      exclude_punctuation: true,
    });
    new SecretsmanagerSecretVersion(this, 'value', {
      secretId: this.secret.id,
      secretStringWo: `\${ephemeral.aws_secretsmanager_random_password.${ephemeralName}.random_password}`,
      secretStringWoVersion: props.version ?? 1,
    });
  }
}
