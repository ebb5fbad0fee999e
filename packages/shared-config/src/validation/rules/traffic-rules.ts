import type { ServiceConfig } from '../../config/service-config';
import { at } from '../problem';
import { environmentsOf, servicesOf, type ValidationRule } from './rule';
import { detectSecretLiteral } from './secret-rules';
import { sharedStageServes } from './stage-rules';

/** Whether a service runs in an environment: the rule `servicesIn` applies (an override `enabled: false` removes it). */
function runsIn(service: ServiceConfig, envName: string): boolean {
  return service.environments?.[envName]?.enabled !== false;
}

export const serviceChartOrImage: ValidationRule = {
  id: 'service-chart-or-image',
  description: 'Each catalog entry runs either an image (`image`) or a third-party Helm chart (`chart`), never both.',
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      if (service.chart !== undefined && service.image !== undefined) {
        out.error(at(path, 'image'), 'is set together with chart', 'either image (a service Paved renders) or chart (a third-party Helm chart), not both');
      } else if (service.chart === undefined && service.image === undefined) {
        out.error(at(path, 'image'), 'is missing', "image: { tag: '1.0.0' } for a service Paved renders, or chart: { repoUrl, name, version } for a Helm chart");
      } else if (service.chart !== undefined && service.ingress !== undefined) {
        out.error(at(path, 'ingress'), 'is set on a chart entry', 'no ingress: a chart renders its own (set it in chart.values)');
      }
    }
  },
};

export const serviceCallsKnown: ValidationRule = {
  id: 'service-calls-known',
  description: 'Each `calls` entry names another service that runs in every environment the caller runs in (a chart callee with a port).',
  check(config, out) {
    const services = servicesOf(config).map(({ service }) => service);
    const byName = new Map(services.filter((s) => typeof s.name === 'string').map((s) => [s.name, s]));
    const envNames = environmentsOf(config).map(({ env }) => env.name).filter((n): n is string => typeof n === 'string');
    for (const { service, path } of servicesOf(config)) {
      if (!Array.isArray(service.calls)) continue;
      service.calls.forEach((call, j) => {
        const callPath = at(at(path, 'calls'), j);
        const name = typeof call === 'string' ? call : call?.service;
        const port = typeof call === 'string' ? undefined : call?.port;
        if (typeof name !== 'string') return;
        const others = services.filter((s) => s !== service && typeof s.name === 'string').map((s) => s.name);
        if (name === service.name) {
          out.error(callPath, `'${name}' is the service itself`, others.length > 0 ? `another service: ${others.join(', ')}` : 'another service of the catalog');
          return;
        }
        const callee = byName.get(name);
        if (!callee) {
          out.error(callPath, `'${name}' is not a service`, others.length > 0 ? `one of ${others.join(', ')}` : 'a service of the catalog (there is none besides this one)');
          return;
        }
        // In a stage, a callee the stage does not run may be served by a shared stage of the same host (docs/stages.md).
        const missing = envNames.filter((e) => runsIn(service, e) && !runsIn(callee, e) && !sharedStageServes(config, e, callee));
        if (missing.length > 0) {
          const env = missing[0];
          const there = services.filter((s) => s !== service && typeof s.name === 'string' && runsIn(s, env)).map((s) => s.name);
          out.error(
            callPath,
            `'${name}' does not run in ${missing.map((e) => `'${e}'`).join(', ')}, where ${service.name} runs`,
            `in '${env}': ${there.length > 0 ? there.join(', ') : 'no other service'}; or disable the caller there (environments.${env}.enabled: false)`,
          );
          return;
        }
        if (callee.chart !== undefined && port === undefined) {
          out.error(callPath, `'${name}' is a chart entry, whose ports Paved does not know`, `{ service: '${name}', port: <the port its pods listen on> }`);
        }
      });
    }
  },
};

export const ssoConfigured: ValidationRule = {
  id: 'sso-configured',
  description: "`ingress.auth: 'sso'` needs the platform's `sso` provider, and the provider says who may sign in.",
  check(config, out) {
    const sso = config.sso;
    if (sso) {
      if (sso.provider === 'oidc' && sso.issuerUrl === undefined) {
        out.error('sso.issuerUrl', "is missing for provider 'oidc'", 'the issuer URL such as https://login.example.com/realms/acme');
      } else if (sso.provider !== 'oidc' && sso.issuerUrl !== undefined) {
        out.error('sso.issuerUrl', `is set for provider '${sso.provider}', which has a fixed issuer`, "no issuerUrl, or provider: 'oidc'");
      }
      const groups = Array.isArray(sso.allowedGroups) ? sso.allowedGroups : [];
      if (sso.provider === 'google' && groups.length > 0) {
        out.error('sso.allowedGroups', "is set for provider 'google', whose groups need a Workspace admin service account", 'allowedDomains (the Workspace domains) instead');
      }
      const orgs = new Set(groups.map((g) => g.split('/')[0]));
      if (sso.provider === 'github' && (orgs.size > 1 || groups.some((g) => g.split('/').length > 2))) {
        out.error('sso.allowedGroups', `names ${[...orgs].map((o) => `'${o}'`).join(', ')}: oauth2-proxy checks one GitHub organization`, "'org' or 'org/team' entries of one organization");
      }
      if (sso.allowedDomains === undefined && sso.allowedGroups === undefined) {
        out.error('sso', 'names neither allowedDomains nor allowedGroups: anyone with an account at the provider could sign in', "allowedDomains: ['acme.io'] and/or allowedGroups: [...]");
      }
    }
    for (const { service, path } of servicesOf(config)) {
      if (service.ingress?.auth === 'sso' && !sso) {
        out.error(at(at(path, 'ingress'), 'auth'), "is 'sso' but the platform names no sso provider", "sso: { provider: 'google' | 'github' | 'oidc', clientId, clientSecret, allowedDomains } at the top of the config");
      }
    }
  },
};

export const chartValuesNoSecrets: ValidationRule = {
  id: 'chart-values-no-secrets',
  description: "A chart's `values` carry no secret literal (by key or shape): they are committed to Git; charts read secrets from existing Secrets.",
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const values = service.chart?.values;
      if (values !== undefined) walkValues(values, at(at(path, 'chart'), 'values'), '', out);
    }
  },
};

/** Every string leaf of a values tree, judged by its own key (the nearest object key for list items). */
function walkValues(value: unknown, path: string, key: string, out: Parameters<ValidationRule['check']>[1]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkValues(item, at(path, i), key, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walkValues(v, at(path, k), k, out);
  } else {
    const what = detectSecretLiteral(key, value);
    if (what) out.error(path, `looks like ${what}`, "the chart's existingSecret-style value naming a Secret, filled from Secrets Manager (the Secret is not rendered by Paved)");
  }
}
