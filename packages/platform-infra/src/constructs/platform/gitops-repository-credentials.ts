import { DataAwsSecretsmanagerSecretVersions } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-versions';
import { ARGOCD_NAMESPACE, BRIDGE_LABELS } from '@paved/shared-config';
import { TerraformLocal, TerraformProvider, TerraformResource, TerraformStack, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { escapeTemplateLiteral } from './terraform-template';

/*
 * Escape hatches, kept in this one file on purpose. cdktf 0.21 has no `ephemeral` block and Paved does not depend on
 * @cdktf/provider-kubernetes (one resource does not justify a binding of several hundred thousand lines), so:
 * - the kubernetes provider and `kubernetes_secret_v1` are generic `TerraformProvider` / `TerraformResource`
 *   subclasses that write their arguments as Terraform JSON;
 * - the ephemeral resource is an override on the stack (`ephemeral.<type>.<name>`).
 * Every literal that reaches them goes through `escapeTemplateLiteral`.
 */

/**
 * hashicorp/kubernetes: `data_wo` / `data_wo_revision` on `kubernetes_secret_v1` since 2.36.0 (CHANGELOG, Feb 26,
 * 2025, GH-2692); 3.2.1 (Jun 30, 2026) fixes "Missing Resource Identity After Create" with `data_wo` (GH-2859).
 * Checked in the provider's CHANGELOG.md and kubernetes/resource_kubernetes_secret_v1.go (a write is sent only when
 * `data_wo_revision` >= 1, and `data` is then never read back into state).
 * Ephemeral blocks in `.tf.json` and write-only arguments need Terraform >= 1.11 (checked with terraform 1.11.4:
 * `terraform validate` accepts a top-level `"ephemeral"` object).
 */
export const KUBERNETES_PROVIDER_VERSION = '3.2.1';
export const REQUIRED_TERRAFORM_VERSION = '>= 1.11';

/** What ArgoCD reads from a repository Secret, and the only keys copied from the Secrets Manager secret. */
export const REPOSITORY_CREDENTIAL_KEYS = ['sshPrivateKey', 'githubAppID', 'githubAppInstallationID', 'githubAppPrivateKey'] as const;

export interface KubernetesProviderProps {
  readonly host: string;
  readonly clusterCaCertificate: string;
  /** The `exec` credential plugin: `aws eks get-token`, like the helm provider's. */
  readonly exec: { readonly apiVersion: string; readonly command: string; readonly args: readonly string[] };
}

/** The hashicorp/kubernetes provider, written as Terraform JSON (see the note at the top of this file). */
export class KubernetesProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly props: KubernetesProviderProps) {
    super(scope, id, {
      terraformResourceType: 'kubernetes',
      terraformGeneratorMetadata: { providerName: 'kubernetes', providerVersion: KUBERNETES_PROVIDER_VERSION },
      terraformProviderSource: 'hashicorp/kubernetes',
    });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const { host, clusterCaCertificate, exec } = this.props;
    return {
      host: escapeTemplateLiteral(host),
      cluster_ca_certificate: escapeTemplateLiteral(clusterCaCertificate),
      exec: { api_version: exec.apiVersion, command: escapeTemplateLiteral(exec.command), args: exec.args.map(escapeTemplateLiteral) },
    };
  }
}

/** A `kubernetes_secret_v1` whose data is write-only (see the note at the top of this file). */
class WriteOnlySecret extends TerraformResource {
  constructor(scope: Construct, id: string, provider: TerraformProvider, private readonly attributes: Record<string, unknown>) {
    super(scope, id, { terraformResourceType: 'kubernetes_secret_v1', terraformGeneratorMetadata: { providerName: 'kubernetes' }, provider });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }
}

export interface GitopsRepositoryCredentialsProps {
  /** Name (or ARN) of the Secrets Manager secret holding the credentials, in the stack's account and region. */
  readonly secretName: string;
  /** The repository URL, as the Applications name it (ArgoCD matches credentials to Applications by URL). */
  readonly repoUrl: string;
  /** Name of the Kubernetes Secret, in the ArgoCD namespace. */
  readonly secretObjectName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly provider: KubernetesProvider;
  /** What installs ArgoCD (and creates its namespace). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * An ArgoCD repository Secret whose credentials come from Secrets Manager and never enter state or plan: the secret
 * is read by an ephemeral resource and written through `data_wo`. `data_wo_revision` follows the creation time of the
 * secret's AWSCURRENT version (metadata only, from `aws_secretsmanager_secret_versions`), so rotating the secret in
 * Secrets Manager updates the Kubernetes Secret at the next apply.
 */
export class GitopsRepositoryCredentials extends Construct {
  constructor(scope: Construct, id: string, props: GitopsRepositoryCredentialsProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const secretId = escapeTemplateLiteral(props.secretName);
    const ephemeralName = 'gitops_repository_credentials';
    stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    stack.addOverride(`ephemeral.aws_secretsmanager_secret_version.${ephemeralName}`, { secret_id: secretId });

    const versions = new DataAwsSecretsmanagerSecretVersions(this, 'versions', { secretId });
    const fields = new TerraformLocal(this, 'fields', { url: escapeTemplateLiteral(props.repoUrl), type: 'git' });

    const secretString = `ephemeral.aws_secretsmanager_secret_version.${ephemeralName}.secret_string`;
    const keys = JSON.stringify(REPOSITORY_CREDENTIAL_KEYS);
    const current = `one([for v in data.aws_secretsmanager_secret_versions.${versions.friendlyUniqueId}.versions : v.created_time if contains(v.version_stages, "AWSCURRENT")])`;
    const secret = new WriteOnlySecret(this, 'secret', props.provider, {
      metadata: {
        name: escapeTemplateLiteral(props.secretObjectName),
        namespace: ARGOCD_NAMESPACE,
        labels: Object.fromEntries(
          Object.entries({ ...props.labels, [BRIDGE_LABELS.secretType]: 'repository' }).map(([k, v]) => [escapeTemplateLiteral(k), escapeTemplateLiteral(v)]),
        ),
      },
      type: 'Opaque',
      // Constants only inside these expressions; the URL reaches them through a local (a template, escaped).
      data_wo: `\${merge(local.${fields.friendlyUniqueId}, {for k, v in jsondecode(${secretString}) : k => tostring(v) if contains(${keys}, k)})}`,
      data_wo_revision: `\${parseint(formatdate("YYYYMMDDhhmmss", ${current}), 10)}`,
    });
    secret.dependsOn = props.dependsOn.map((d) => d.fqn);
  }
}
