import { STAGE_LABEL, stageNamespace, type ResolvedStage } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { RESTRICTED_NAMESPACE_LABELS } from '../addons/pod-security';

export interface StageNamespacesProps {
  readonly stage: ResolvedStage;
  /** Labels of every object (the stage's common labels). */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The namespaces of a stage, one per service (`<stage>-<service>`), labelled with the stage and Pod Security
 * "restricted", each with the stage's ResourceQuota and LimitRange. Synced by the platform project (stage deployers
 * cannot change them through the stage's own project), before the stage's services.
 */
export function stageNamespaces(scope: Construct, props: StageNamespacesProps): string[] {
  const { stage, labels } = props;
  const names: string[] = [];
  for (const service of stage.services) {
    const namespace = stageNamespace(stage.name, service.name);
    names.push(namespace);
    new k8s.KubeNamespace(scope, `Namespace-${namespace}`, {
      metadata: { name: namespace, labels: { ...labels, [STAGE_LABEL]: stage.name, ...RESTRICTED_NAMESPACE_LABELS } },
    });
    const meta = (name: string) => ({ name, namespace, labels: { ...labels, [STAGE_LABEL]: stage.name } });
    new k8s.KubeResourceQuota(scope, `Quota-${namespace}`, {
      metadata: meta('stage-quota'),
      spec: {
        hard: {
          'requests.cpu': k8s.Quantity.fromString(stage.quota.cpu),
          'requests.memory': k8s.Quantity.fromString(stage.quota.memory),
          'pods': k8s.Quantity.fromNumber(stage.quota.pods),
        },
      },
    });
    // Containers without requests still count against the quota (a quota on requests refuses pods that set none).
    new k8s.KubeLimitRange(scope, `Limits-${namespace}`, {
      metadata: meta('stage-limits'),
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: {
              cpu: k8s.Quantity.fromString(stage.quota.defaultRequest.cpu),
              memory: k8s.Quantity.fromString(stage.quota.defaultRequest.memory),
            },
            default: { memory: k8s.Quantity.fromString(stage.quota.defaultLimit.memory) },
            max: { cpu: k8s.Quantity.fromString(stage.quota.cpu), memory: k8s.Quantity.fromString(stage.quota.memory) },
          },
        ],
      },
    });
  }
  return names;
}
