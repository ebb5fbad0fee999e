import type { ManifestDocument } from '../../model/manifests';
import type { SeverityByProfile } from '../../rule';
import { manifestRule } from '../define';
import { containers, WORKLOAD_KINDS } from './workloads';

/**
 * Annotation on a pod template recording why its main container (named after the workload) may write to its root file
 * system: what gitops-apps renders for `services[].securityContext.writableRootFilesystem.reason`.
 */
export const WRITABLE_ROOT_REASON = 'paved.dev/writable-root-filesystem-reason';

/** Reported, never blocking: the relaxation was asked for in the config, with its reason. */
const REPORTED: SeverityByProfile = { production: 'warning', development: 'warning' };

/** The reason recorded on a workload's pod template, when it has one. */
export function writableRootReason(doc: ManifestDocument): string | undefined {
  const o = doc.object as any;
  const template = doc.kind === 'Pod' ? o : doc.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : o.spec?.template;
  const reason = template?.metadata?.annotations?.[WRITABLE_ROOT_REASON];
  return typeof reason === 'string' && reason.trim().length > 0 ? reason : undefined;
}

/** Whether a container is the main container whose writable root file system has a reason on record. */
export function writableRootExcused(doc: ManifestDocument, containerName: string): boolean {
  return containerName === doc.name && writableRootReason(doc) !== undefined;
}

/** Security settings relaxed on purpose, through a documented config field: reported with the reason given. */
export const RELAXED_SECURITY_RULES = [
  manifestRule({
    id: 'PAVED-K8S-POD-012',
    title: 'A writable root file system is reported with its reason',
    severity: REPORTED,
    kinds: WORKLOAD_KINDS,
    mirrors: [],
    rationale:
      'services[].securityContext.writableRootFilesystem lets a main container write to its root file system (software '
      + 'that writes beside its binary). PAVED-K8S-POD-003 accepts it only with a reason on the pod template; this rule '
      + 'keeps every such exception visible in each check.',
    fix: 'write to a sharedVolumes or volumes path instead and remove securityContext.writableRootFilesystem',
    check: (d) => {
      const reason = writableRootReason(d);
      if (reason === undefined) return undefined;
      return containers(d, false)
        .filter(({ name, c }) => name === d.name && c?.securityContext?.readOnlyRootFilesystem !== true)
        .map(({ name }) => `container ${name} writes to its root file system: ${reason}`);
    },
  }),
];
