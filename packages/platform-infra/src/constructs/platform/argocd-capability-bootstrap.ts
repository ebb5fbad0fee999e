import { DataResource, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { escapeTemplateLiteral } from './terraform-template';

/**
 * Applies the objects a self-managed install renders through the chart's `extraObjects` (the namespace, the GitOps
 * bridge cluster Secret, the bootstrap AppProject and the root Application) once the EKS capability is active.
 *
 * Why a `terraform_data` running kubectl, not `kubernetes_manifest`: the AppProject and Application CRDs only exist
 * once the capability created in the same apply is active, and `kubernetes_manifest` needs the CRD at plan time
 * (hashicorp/terraform-provider-kubernetes documents this limitation). kubectl at apply time does not.
 *
 * The manifests reach the shell through an environment variable, never through the command text, so nothing in them
 * is ever parsed by the shell. Apply is server-side with field manager `paved`, and re-runs whenever the manifests
 * change (`triggers_replace` holds them). Nothing runs at destroy: like the root Application, whose deletion
 * deletes nothing it deployed, removing this leaves the objects to the capability.
 */
export const BOOTSTRAP_APPLY_SCRIPT = [
  'set -eu',
  'KUBECONFIG="$(mktemp)"',
  'export KUBECONFIG',
  "trap 'rm -f \"$KUBECONFIG\"' EXIT",
  'if [ -n "$PAVED_ROLE_ARN" ]; then set -- --role-arn "$PAVED_ROLE_ARN"; else set --; fi',
  'aws eks update-kubeconfig --name "$PAVED_CLUSTER" --region "$PAVED_REGION" "$@" >/dev/null',
  'printf \'%s\' "$PAVED_MANIFESTS" | kubectl apply --server-side --field-manager=paved --force-conflicts -f -',
].join('\n');

export interface ArgoCdCapabilityBootstrapProps {
  readonly clusterName: string;
  readonly region: string;
  /** The role Terraform deploys with, if any: kubectl authenticates as it, like the providers. */
  readonly deployRoleArn?: string;
  /** The objects to apply, in order. Strings may hold Terraform references. */
  readonly objects: readonly object[];
  /** What must exist first: the capability (its CRDs) and its access to the cluster. */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class ArgoCdCapabilityBootstrap extends Construct {
  readonly resource: DataResource;

  constructor(scope: Construct, id: string, props: ArgoCdCapabilityBootstrapProps) {
    super(scope, id);
    // One kubectl List; JSON text with the literals escaped for Terraform's template syntax, references kept.
    const manifests = escapeTemplateLiteral(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: props.objects }));
    this.resource = new DataResource(this, 'apply', {
      // The manifests themselves (no credential among them): any change replaces the resource, which re-applies.
      triggersReplace: { manifests },
      dependsOn: [...props.dependsOn],
      provisioners: [
        {
          type: 'local-exec',
          interpreter: ['/bin/sh', '-c'],
          command: escapeTemplateLiteral(BOOTSTRAP_APPLY_SCRIPT),
          environment: {
            PAVED_MANIFESTS: manifests,
            PAVED_CLUSTER: escapeTemplateLiteral(props.clusterName),
            PAVED_REGION: escapeTemplateLiteral(props.region),
            PAVED_ROLE_ARN: escapeTemplateLiteral(props.deployRoleArn ?? ''),
          },
        },
      ],
    });
  }
}
