import { ARGOCD_CAPABILITY_GAPS, type ArgoCdCapabilityGap } from '@paved/shared-config';
import type { ManifestDocument } from '../../model/manifests';
import { isObj } from '../../model/values';
import { ALWAYS, type RuleContext, type Violations } from '../../rule';
import { manifestRule } from '../define';

/*
 * `gitops.argocd: 'eks-capability'`: what the EKS Capability for Argo CD does not run (EKS User Guide, "Comparing EKS
 * Capability for Argo CD to self-managed Argo CD", read 2026-12-03). The capability ignores such configuration
 * silently (it reads only the argocd-cm fields it supports), so a health check that orders add-ons, a plugin that
 * renders manifests or a notification would simply never happen: each finding is an error.
 */

const ARN_SERVER = /^arn:aws[\w-]*:eks:/;
const ARGOCD_CM = 'argocd-cm';

/**
 * Whether the subject's environment runs ArgoCD as the EKS capability: its platform stack creates an
 * `aws_eks_capability`, or its Applications name the cluster by ARN (only the capability accepts an ARN as server).
 */
function onCapability(context: RuleContext): boolean {
  const env = context.environment;
  if (!env) return false;
  if (context.terraform.ofType('aws_eks_capability', `${env}-platform`).length > 0) return true;
  return context.manifests.ofKind(env, 'Application').some((d) => ARN_SERVER.test(String((d.object as any).spec?.destination?.server ?? '')));
}

function cmKeys(d: ManifestDocument): string[] {
  const data = (d.object as any).data;
  return d.kind === 'ConfigMap' && d.name === ARGOCD_CM && isObj(data) ? Object.keys(data) : [];
}

function appSpecs(d: ManifestDocument): any[] {
  const o = d.object as any;
  const spec = d.kind === 'ApplicationSet' ? o.spec?.template?.spec : o.spec;
  return [...(spec?.source ? [spec.source] : []), ...(Array.isArray(spec?.sources) ? spec.sources : [])];
}

function capabilityRule(
  id: string,
  gap: ArgoCdCapabilityGap,
  title: string,
  kinds: readonly string[],
  check: (d: ManifestDocument) => Violations,
) {
  const { feature, fix } = ARGOCD_CAPABILITY_GAPS[gap];
  return manifestRule({
    id,
    title,
    severity: ALWAYS,
    kinds,
    mirrors: [],
    rationale: `The EKS Capability for Argo CD does not support ${feature}; it ignores the configuration without an error.`,
    fix: `${fix}; or set gitops.argocd: 'self-managed'`,
    check: (d, context) => (onCapability(context) ? check(d) : undefined),
  });
}

const notificationAnnotations = (d: ManifestDocument) =>
  Object.keys((d.object as any).metadata?.annotations ?? {}).filter((k) => k.startsWith('notifications.argoproj.io/'));

export const ARGOCD_CAPABILITY_RULES = [
  capabilityRule('PAVED-ARGO-CAP-001', 'luaHealthChecks', 'No custom Lua health check where the EKS Argo CD capability runs', ['ConfigMap'], (d) =>
    cmKeys(d).filter((k) => k.startsWith('resource.customizations.health.') || k === 'resource.customizations')
      .map((k) => `argocd-cm sets ${k}: the capability runs no custom Lua health check`)),
  capabilityRule('PAVED-ARGO-CAP-002', 'configManagementPlugins', 'No Config Management Plugin where the EKS Argo CD capability runs',
    ['Application', 'ApplicationSet', 'ConfigManagementPlugin', 'ConfigMap'], (d) => {
      if (d.kind === 'ConfigManagementPlugin') return `ConfigManagementPlugin ${d.name}: the capability runs no plugin sidecar`;
      if (d.kind === 'ConfigMap') return cmKeys(d).filter((k) => k === 'configManagementPlugins').map((k) => `argocd-cm sets ${k}`);
      return appSpecs(d).filter((s) => s?.plugin).map((s) => `source ${String(s.repoURL ?? '')} uses a plugin (${String(s.plugin?.name ?? 'discovered')})`);
    }),
  capabilityRule('PAVED-ARGO-CAP-003', 'notifications', 'No Argo CD Notifications where the EKS Argo CD capability runs',
    ['ConfigMap', 'Secret', 'Application', 'ApplicationSet', 'AppProject'], (d) => {
      if ((d.kind === 'ConfigMap' && d.name === 'argocd-notifications-cm') || (d.kind === 'Secret' && d.name === 'argocd-notifications-secret')) {
        return `${d.kind} ${d.name}: the capability has no Notifications controller`;
      }
      return notificationAnnotations(d).map((k) => `annotation ${k}: no Notifications controller reads it`);
    }),
  capabilityRule('PAVED-ARGO-CAP-004', 'resourceCustomizations', 'No argocd-cm resource customization where the EKS Argo CD capability runs', ['ConfigMap'], (d) =>
    cmKeys(d).filter((k) => /^resource\.customizations\.(ignoreDifferences|actions|knownTypeFields|ignoreResourceUpdates|useOpenLibs)\./.test(k))
      .map((k) => `argocd-cm sets ${k}`)),
];
