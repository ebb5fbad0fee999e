import type { AddonName } from '../../addons/catalog';
import type { EnvironmentConfig } from '../../config/environment-config';
import type { PlatformConfig } from '../../config/platform-config';
import { PROFILES } from '../../profiles/profiles';
import { resolveAddons, servicesIn } from '../../resolve/resolve-platform';
import { at, type ProblemCollector } from '../problem';
import { environmentsOf, isObject, type ValidationRule } from './rule';

/** Where to point at when an add-on's state is wrong: the most local setting that decided it. */
function addonPath(config: PlatformConfig, env: EnvironmentConfig, envPath: string, addon: AddonName): string {
  if (isObject(env.addons) && env.addons?.[addon] !== undefined) return at(at(envPath, 'addons'), addon);
  if (isObject(config.addons) && config.addons?.[addon] !== undefined) return at('addons', addon);
  return at(envPath, 'addons');
}

interface Requirement {
  readonly needs: readonly AddonName[];
  /** Why, and for what: returns a reason when the requirement applies to this environment. */
  readonly when: (config: PlatformConfig, env: EnvironmentConfig, enabled: Set<AddonName>) => string | undefined;
  readonly severity: 'error' | 'warning';
}

const REQUIREMENTS: readonly Requirement[] = [
  // An ingress without its controller is the ingress-needs-controller rule; its TLS comes from ACM, not cert-manager.
  {
    needs: ['external-dns'],
    when: (c, e) => (servicesIn(c, e.name).some((s) => s.ingress) ? 'ingress hosts need DNS records' : undefined),
    severity: 'warning',
  },
  {
    needs: ['external-secrets'],
    when: (c, e) =>
      servicesIn(c, e.name).some((s) => (s.dependsOn?.length ?? 0) > 0 || Object.keys(s.secrets ?? {}).length > 0)
        ? 'services read secrets from AWS Secrets Manager'
        : undefined,
    severity: 'error',
  },
  {
    needs: ['metrics-server'],
    when: (c, e) =>
      servicesIn(c, e.name).some((s) => s.autoscaling || s.environments?.[e.name]?.autoscaling)
        ? 'services autoscale on CPU'
        : undefined,
    severity: 'error',
  },
  {
    needs: ['loki'],
    when: (_c, _e, enabled) => (enabled.has('alloy') ? 'alloy ships logs to Loki' : undefined),
    severity: 'error',
  },
  {
    needs: ['kube-prometheus-stack'],
    when: (c) => (c.alerting?.slack ? 'alerting.slack routes Alertmanager alerts' : undefined),
    severity: 'error',
  },
];

export const addonRequirements: ValidationRule = {
  id: 'addon-requirements',
  description: 'Add-ons that other parts of the platform rely on are enabled (secrets need External Secrets, autoscaling needs metrics-server, ...).',
  check(config, out: ProblemCollector) {
    for (const { env, path } of environmentsOf(config)) {
      if (!PROFILES[env.profile] || typeof env.name !== 'string') continue;
      let enabled: Set<AddonName>;
      try {
        enabled = new Set(resolveAddons(config, env).map((a) => a.name));
      } catch {
        continue; // malformed add-on settings are reported by the schema
      }
      for (const req of REQUIREMENTS) {
        const reason = req.when(config, env, enabled);
        if (!reason || req.needs.some((n) => enabled.has(n))) continue;
        const names = req.needs.map((n) => `'${n}'`).join(' or ');
        const report = req.severity === 'error' ? out.error.bind(out) : out.warning.bind(out);
        report(addonPath(config, env, path, req.needs[0]), `${names} is off in '${env.name}', but ${reason}`, `enable ${names}`);
      }
    }
  },
};
