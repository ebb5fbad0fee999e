import { addonEnabledLabel, type AddonName, type ResolvedEnvironment, type ResolvedPlatform } from '@paved/shared-config';
import { App, Chart } from 'cdk8s';
import type { AddonContext } from '../addons/addon';
import { GATEWAY_API_APP, gatewayApiCrds, usesGatewayApi } from '../addons/gateway-api';
import { ADDON_SPECS } from '../addons/registry';
import { ApplicationFactory } from '../argocd/applications';
import { commonLabels } from '../labels';
import { GitopsLayout } from '../layout';
import { DatabaseProvisioner } from '../services/db-provisioner';
import { ServiceManifests } from '../services/service-manifests';
import { renderThirdPartyCharts } from '../services/third-party-chart';
import { renderStages } from '../stages/stage-tree';
import type { Manifest } from '../yaml';
import { renderArgoCdSso } from './argocd-sso';
import { renderAutoModeNetworkPolicy } from './auto-mode-network-policy';
import { renderSsoPlatformIngress } from './sso-platform-ingress';
import { serviceStorageClass } from '../workloads/storage-class';

/** One rendered file of an environment: its path relative to the environment folder and its documents. */
export interface RenderedFile {
  readonly path: string;
  readonly documents: readonly Manifest[];
}

/**
 * Renders one environment: `apps/` (AppProjects, the root Application, one Application or ApplicationSet per add-on,
 * one Application per add-on configuration and per service), `addons/<addon>/` and `services/<service>/`.
 */
export function renderEnvironment(platform: ResolvedPlatform, env: ResolvedEnvironment): RenderedFile[] {
  const layout = new GitopsLayout(platform, env);
  const labels = commonLabels(platform, env);
  const apps = new ApplicationFactory(layout, labels);
  const enabled = new Set<AddonName>(env.addons.map((a) => a.name));
  const files: RenderedFile[] = [];
  const app = new App();
  const appFiles: RenderedFile[] = [];
  const autoMode = env.cluster.compute === 'auto-mode';

  for (const addon of env.addons) {
    const spec = ADDON_SPECS[addon.name];
    const ctx: AddonContext = { platform, env, addon, layout, labels, has: (n) => enabled.has(n), production: env.profile === 'production' };
    // EKS Auto Mode runs the load balancer controller itself: no chart, only the configuration (its IngressClasses).
    if (!(autoMode && addon.name === 'aws-load-balancer-controller')) {
      const values = spec.values(ctx);
      const application = spec.bridged ? apps.bridgedHelmAddon(addon, addonEnabledLabel(addon.name), values) : apps.helmAddon(addon, values);
      appFiles.push({ path: `${GitopsLayout.APPS}/addon-${addon.name}.yaml`, documents: [application as unknown as Manifest] });
    }
    if (spec.configuration) {
      const chart = new Chart(app, `addon-${addon.name}`, { disableResourceNameHashes: true });
      spec.configuration.render(chart, ctx);
      const documents = chart.toJson() as Manifest[];
      if (documents.length > 0) {
        const dir = layout.addonDir(addon.name);
        files.push({ path: `${dir}/manifests.yaml`, documents });
        const config = apps.platformDirectory(`${addon.name}-config`, dir, spec.configuration.wave, spec.configuration.options);
        appFiles.push({ path: `${GitopsLayout.APPS}/addon-${addon.name}-config.yaml`, documents: [config as unknown as Manifest] });
      }
    }
  }

  if (usesGatewayApi(env)) {
    appFiles.push({ path: `${GitopsLayout.APPS}/addon-${GATEWAY_API_APP}.yaml`, documents: [gatewayApiCrds(labels, apps) as unknown as Manifest] });
  }

  // EKS Auto Mode enforces NetworkPolicies only once its network policy controller is switched on.
  if (autoMode) {
    const chart = new Chart(app, 'auto-mode', { disableResourceNameHashes: true });
    renderAutoModeNetworkPolicy(chart, labels);
    const dir = layout.platformDir('auto-mode');
    files.push({ path: `${dir}/manifests.yaml`, documents: chart.toJson() as Manifest[] });
    appFiles.push({ path: `${GitopsLayout.APPS}/platform-auto-mode.yaml`, documents: [apps.platformDirectory('auto-mode', dir, 'operators') as unknown as Manifest] });
  }

  // The StorageClass of service volumes, installed with the first stateful service (an environment without one renders
  // nothing new): encrypted gp3, tagged for the environment's backup plan.
  if (env.services.some((s) => s.kind === 'stateful')) {
    const chart = new Chart(app, 'storage', { disableResourceNameHashes: true });
    serviceStorageClass(chart, env, labels);
    const dir = layout.platformDir('storage');
    files.push({ path: `${dir}/manifests.yaml`, documents: chart.toJson() as Manifest[] });
    appFiles.push({ path: `${GitopsLayout.APPS}/platform-storage.yaml`, documents: [apps.platformDirectory('storage', dir, 'operators') as unknown as Manifest] });
  }

  // The database roles of the services and Keycloak, created by the one workload that can read the master secret.
  if (env.postgres) {
    const chart = new DatabaseProvisioner(app, 'db-provisioner', { platform, env, keycloak: enabled.has('keycloak') });
    const dir = layout.platformDir('db-provisioner');
    files.push({ path: `${dir}/manifests.yaml`, documents: chart.toJson() as Manifest[] });
    appFiles.push({ path: `${GitopsLayout.APPS}/platform-db-provisioner.yaml`, documents: [apps.platformDirectory('db-provisioner', dir, 'observability') as unknown as Manifest] });
  }

  const serviceNamespaces: string[] = [];
  const serviceKinds = new Map<string, { group: string; kind: string }>();
  for (const service of env.services) {
    const chart = new ServiceManifests(app, `service-${service.name}`, {
      platform,
      env,
      service,
      addons: {
        externalSecrets: enabled.has('external-secrets'),
        prometheus: enabled.has('kube-prometheus-stack'),
        ingressController: enabled.has('aws-load-balancer-controller'),
        certManager: enabled.has('cert-manager'),
      },
    });
    const documents = chart.toJson() as Manifest[];
    const dir = layout.serviceDir(service.name);
    files.push({ path: `${dir}/manifests.yaml`, documents });
    serviceNamespaces.push(chart.namespaceName);
    for (const doc of documents) {
      if (doc.kind === 'Namespace') continue;
      const group = doc.apiVersion.includes('/') ? doc.apiVersion.split('/')[0] : '';
      serviceKinds.set(`${group}/${doc.kind}`, { group, kind: doc.kind });
    }
    appFiles.push({ path: `${GitopsLayout.APPS}/service-${service.name}.yaml`, documents: [apps.service(service.name, chart.namespaceName, dir) as unknown as Manifest] });
  }

  appFiles.push(...renderThirdPartyCharts(app, apps, env, labels));
  appFiles.push(...renderArgoCdSso(app, apps, platform, env, labels));
  appFiles.push(...renderSsoPlatformIngress(app, apps, platform, env, labels));
  const kinds = [...serviceKinds.values()].sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
  appFiles.push({ path: `${GitopsLayout.APPS}/projects.yaml`, documents: apps.projects(serviceNamespaces.sort(), kinds) as unknown as Manifest[] });
  appFiles.push({ path: `${GitopsLayout.APPS}/root.yaml`, documents: [apps.root() as unknown as Manifest] });
  // Stages on this cluster: `<stage>/...` beside the environment's own folders, one Application each in `apps/`.
  files.push(...renderStages(platform, env));
  return [...appFiles, ...files].sort((a, b) => a.path.localeCompare(b.path));
}
