import { ADDON_CATALOG, requiredSecrets, resolvePlatform, secretReaders, secretsReaderRoleArn, type PlatformConfig } from '@paved/shared-config';
import example from '../../../platform.config';
import { renderGitops, validateRendered } from '../src';
import { ADDON_POD_SECURITY } from '../src/addons/pod-security';

/**
 * Issue 13, cluster findings on the GitOps side: secret stores per namespace (no ClusterSecretStore), Pod Security labels
 * on every add-on namespace, Grafana and Keycloak admins from Secrets Manager, Keycloak's strict hostname, Loki with
 * tenants, external-dns on the environment's zone only.
 */
const platform = resolvePlatform(example);
const files = renderGitops(platform);
const docs = (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.documents) as any[];
const one = (prefix: string, kind: string, name: string) => {
  const found = docs(prefix).filter((d) => d.kind === kind && d.metadata.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind} ${name} under ${prefix}`);
  return found[0];
};
const values = (env: string, addon: string) => {
  const app = docs(`${env}/apps/`).find((d) => (d.kind === 'Application' || d.kind === 'ApplicationSet') && d.metadata.name === addon);
  return (app.kind === 'ApplicationSet' ? app.spec.template.spec : app.spec).source.helm.valuesObject;
};

/** The example with Keycloak on in prod (it is off by default). */
function withKeycloak() {
  const config = structuredClone(example) as PlatformConfig & { environments: any[] };
  const prod: any = config.environments.find((e) => e.name === 'prod');
  prod.addons = { ...prod.addons, keycloak: { enabled: true } };
  const p = resolvePlatform(config);
  return { platform: p, files: renderGitops(p, ['prod']) };
}

describe('secret scope per namespace', () => {
  test('there is no ClusterSecretStore, and External Secrets ignores any that is applied by hand', () => {
    expect(docs('').filter((d) => d.kind === 'ClusterSecretStore')).toEqual([]);
    expect(values('prod', 'external-secrets').processClusterStore).toBe(false);
  });

  test.each(['dev', 'staging', 'prod'])('%s: every ExternalSecret reads through the SecretStore of its own namespace, and that store assumes the namespace reader role', (name) => {
    const env = platform.environments.find((e) => e.name === name)!;
    const externalSecrets = docs(`${name}/`).filter((d) => d.kind === 'ExternalSecret');
    expect(externalSecrets.length).toBeGreaterThanOrEqual(4);
    for (const es of externalSecrets) {
      expect(es.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'aws-secrets-manager' });
      const store = docs(`${name}/`).filter((d) => d.kind === 'SecretStore' && d.metadata.namespace === es.metadata.namespace);
      expect(store).toHaveLength(1);
      expect(store[0].spec).toEqual({ provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', role: secretsReaderRoleArn(env, es.metadata.namespace) } } });
    }
  });

  test.each(['dev', 'staging', 'prod'])('%s: stores exist exactly for the namespaces platform-infra gives a reader role, and reads stay inside its grant', (name) => {
    const env = platform.environments.find((e) => e.name === name)!;
    const readers = secretReaders(platform, env);
    const stores = docs(`${name}/`).filter((d) => d.kind === 'SecretStore').map((d) => d.metadata.namespace).sort();
    expect(stores).toEqual(readers.map((r) => r.namespace));
    // Planted bug caught: an ExternalSecret reading a secret its namespace's role is not granted (fails at runtime).
    for (const es of docs(`${name}/`).filter((d) => d.kind === 'ExternalSecret')) {
      const reader = readers.find((r) => r.namespace === es.metadata.namespace)!;
      for (const key of es.spec.data.map((d: any) => d.remoteRef.key)) {
        const granted = reader.secrets.includes(key) || key.startsWith(reader.ownedPrefix);
        expect({ namespace: reader.namespace, key, granted }).toEqual({ namespace: reader.namespace, key, granted: true });
      }
    }
    expect(readers.map((r) => r.namespace)).toEqual(['alloy', 'api', 'logging', 'monitoring', 'worker']);
  });

  test('an admission policy denies ClusterSecretStores and SecretStores with another role, another provider or their own credentials', () => {
    const policy = one('prod/addons/external-secrets/', 'ValidatingAdmissionPolicy', 'paved-secret-store-scope');
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: ['external-secrets.io'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['secretstores', 'clustersecretstores'] },
    ]);
    expect(policy.spec.validations.map((v: any) => v.expression)).toEqual([
      "request.kind.kind != 'ClusterSecretStore'",
      "request.kind.kind != 'SecretStore' || (has(object.spec.provider.aws) && !has(object.spec.provider.aws.auth) "
        + "&& has(object.spec.provider.aws.role) && object.spec.provider.aws.role == 'arn:aws:iam::345678901234:role/northwind-prod-secrets-' + request.namespace)",
    ]);
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(one('prod/addons/external-secrets/', 'ValidatingAdmissionPolicyBinding', 'paved-secret-store-scope').spec).toEqual({
      policyName: 'paved-secret-store-scope',
      validationActions: ['Deny'],
    });
  });
});

describe('Pod Security on add-on namespaces', () => {
  const apps = docs('prod/apps/').filter((d) => d.kind === 'Application' || d.kind === 'ApplicationSet');
  const spec = (d: any) => (d.kind === 'ApplicationSet' ? d.spec.template.spec : d.spec);

  test('every add-on namespace ArgoCD creates is labelled with its level, and warns and audits against restricted', () => {
    const addons = platform.environments.find((e) => e.name === 'prod')!.addons;
    for (const addon of addons) {
      const app = apps.find((a) => a.metadata.name === addon.name)!;
      const metadata = spec(app).syncPolicy.managedNamespaceMetadata;
      const level = ADDON_POD_SECURITY[addon.name];
      if (addon.namespace === 'kube-system') {
        expect({ addon: addon.name, metadata }).toEqual({ addon: addon.name, metadata: undefined });
        continue;
      }
      expect({ addon: addon.name, labels: metadata.labels }).toEqual({
        addon: addon.name,
        labels: { 'pod-security.kubernetes.io/enforce': level!.enforce, 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' },
      });
    }
  });

  test('levels: restricted where the chart complies, privileged only for host agents and with the reason', () => {
    const level = (name: string) => spec(apps.find((a) => a.metadata.name === name)).syncPolicy.managedNamespaceMetadata;
    expect(level('cert-manager')).toEqual({ labels: expect.objectContaining({ 'pod-security.kubernetes.io/enforce': 'restricted' }), annotations: {} });
    expect(level('external-secrets').labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(level('external-dns').labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(level('loki').labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    // Alloy tails logs through the Kubernetes API: no hostPath, so its namespace is baseline (Promtail needed privileged).
    expect(level('alloy').labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(ADDON_CATALOG.alloy.namespace).toBe('alloy');
    expect(ADDON_CATALOG.loki.namespace).toBe('logging');
    const privileged = Object.entries(ADDON_POD_SECURITY).filter(([, l]) => l?.enforce === 'privileged').map(([n]) => n).sort();
    expect(privileged).toEqual(['kube-prometheus-stack']);
    for (const [name, l] of Object.entries(ADDON_POD_SECURITY)) if (l && l.enforce !== 'restricted') expect({ name, reason: typeof l.reason }).toEqual({ name, reason: 'string' });
  });
});

describe('add-on admin credentials', () => {
  test('Grafana reads its admin from a Secret that External Secrets fills from <org>/<env>/grafana/admin', () => {
    expect(values('prod', 'kube-prometheus-stack').grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    const es = one('prod/addons/kube-prometheus-stack/', 'ExternalSecret', 'grafana-admin');
    expect(es.metadata.namespace).toBe('monitoring');
    expect(es.spec.target).toEqual({ name: 'grafana-admin', creationPolicy: 'Owner' });
    expect(es.spec.data).toEqual([
      { secretKey: 'admin-password', remoteRef: { key: 'northwind/prod/grafana/admin', property: 'admin-password' } },
      { secretKey: 'admin-user', remoteRef: { key: 'northwind/prod/grafana/admin', property: 'admin-user' } },
    ]);
    expect(requiredSecrets(platform, 'prod').find((s) => s.name === 'northwind/prod/grafana/admin')).toMatchObject({
      keys: ['admin-password', 'admin-user'],
      usedBy: ['grafana (admin login of kube-prometheus-stack)'],
    });
  });

  test('Keycloak: bootstrap admin from <org>/<env>/keycloak/admin, strict hostname on https://auth.<domain>', () => {
    const k = withKeycloak();
    const app = k.files.flatMap((f) => f.documents as any[]).find((d) => d.kind === 'Application' && d.metadata.name === 'keycloak');
    const v = app.spec.source.helm.valuesObject;
    expect(v.command).toEqual([
      '/opt/keycloak/bin/kc.sh', 'start', '--http-enabled=true', '--http-port=8080',
      '--hostname=https://auth.northwind.dev', '--hostname-strict=true', '--proxy-headers=xforwarded',
    ]);
    expect(v.command.join(' ')).not.toContain('hostname-strict=false');
    expect(v.extraEnvFrom).toBe('- secretRef:\n    name: keycloak-database\n- secretRef:\n    name: keycloak-admin\n');
    const manifests = k.files.filter((f) => f.path === 'prod/addons/keycloak/manifests.yaml').flatMap((f) => f.documents as any[]);
    const admin = manifests.find((d) => d.kind === 'ExternalSecret' && d.metadata.name === 'keycloak-admin');
    expect(admin.spec.data).toEqual([
      { secretKey: 'KC_BOOTSTRAP_ADMIN_USERNAME', remoteRef: { key: 'northwind/prod/keycloak/admin', property: 'username' } },
      { secretKey: 'KC_BOOTSTRAP_ADMIN_PASSWORD', remoteRef: { key: 'northwind/prod/keycloak/admin', property: 'password' } },
    ]);
    expect(manifests.filter((d) => d.kind === 'SecretStore').map((d) => d.metadata.namespace)).toEqual(['keycloak']);
    expect(requiredSecrets(k.platform, 'prod').find((s) => s.name === 'northwind/prod/keycloak/admin')?.keys).toEqual(['password', 'username']);
    expect(validateRendered(k.files, k.platform.gitops.path).filter((p) => p.file.includes('keycloak'))).toEqual([]);
  });
});

describe('Loki and external-dns', () => {
  test('Loki requires a tenant; Alloy and the Grafana data source send the environment as tenant, with the gateway user', () => {
    expect(values('prod', 'loki').loki.auth_enabled).toBe(true);
    const alloy = values('prod', 'alloy');
    expect(alloy.controller).toEqual({ type: 'daemonset' });
    const config: string = alloy.alloy.configMap.content;
    expect(config).toContain('url       = "http://loki-gateway.logging.svc.cluster.local/loki/api/v1/push"');
    expect(config).toContain('tenant_id = "prod"');
    expect(config).toContain(`external_labels = { cluster = "${platform.environments.find((e) => e.name === 'prod')!.cluster.name}" }`);
    for (const label of ['namespace', 'pod', 'container']) expect(config).toContain(`target_label  = "${label}"`);
    expect(config).toContain('password = sys.env("LOKI_PASSWORD")');
    expect(alloy.alloy.extraEnv).toEqual([
      { name: 'LOKI_USERNAME', valueFrom: { secretKeyRef: { name: 'loki-gateway-client', key: 'username' } } },
      { name: 'LOKI_PASSWORD', valueFrom: { secretKeyRef: { name: 'loki-gateway-client', key: 'password' } } },
    ]);
    const grafana = values('dev', 'kube-prometheus-stack').grafana;
    expect(grafana.additionalDataSources).toEqual([{
      name: 'Loki',
      type: 'loki',
      access: 'proxy',
      url: 'http://loki-gateway.logging.svc.cluster.local',
      basicAuth: true,
      basicAuthUser: '$LOKI_USERNAME',
      jsonData: { httpHeaderName1: 'X-Scope-OrgID' },
      secureJsonData: { basicAuthPassword: '$LOKI_PASSWORD', httpHeaderValue1: 'dev' },
    }]);
    expect(grafana.envValueFrom.LOKI_PASSWORD).toEqual({ secretKeyRef: { name: 'loki-gateway-client', key: 'password' } });
  });

  test('Loki authentication: gateway htpasswd from Secrets Manager, the same user in alloy and monitoring, and a NetworkPolicy', () => {
    expect(values('prod', 'loki').gateway.basicAuth).toEqual({ enabled: true, existingSecret: 'loki-gateway-htpasswd' });
    const htpasswd = one('prod/addons/loki/', 'ExternalSecret', 'loki-gateway-htpasswd');
    expect(htpasswd.apiVersion).toBe('external-secrets.io/v1');
    expect(htpasswd.metadata.namespace).toBe('logging');
    expect(htpasswd.spec.target.template.data).toEqual({ '.htpasswd': '{{ htpasswd .username .password "bcrypt" }}' });
    expect(htpasswd.spec.data.map((d: any) => d.remoteRef)).toEqual([
      { key: 'northwind/prod/loki/gateway', property: 'username' },
      { key: 'northwind/prod/loki/gateway', property: 'password' },
    ]);
    for (const [prefix, namespace] of [['prod/addons/alloy/', 'alloy'], ['prod/addons/kube-prometheus-stack/', 'monitoring']]) {
      const client = one(prefix, 'ExternalSecret', 'loki-gateway-client');
      expect(client.metadata.namespace).toBe(namespace);
      expect(client.spec.data[0].remoteRef.key).toBe('northwind/prod/loki/gateway');
    }
    const policy = one('prod/addons/loki/', 'NetworkPolicy', 'loki-clients-only');
    expect(policy.spec.podSelector).toEqual({});
    expect(policy.spec.ingress[0].from.map((f: any) => f.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toEqual(['logging', 'alloy', 'monitoring']);
    expect(requiredSecrets(platform, 'prod').find((s) => s.name === 'northwind/prod/loki/gateway')?.keys).toEqual(['password', 'username']);
  });

  test('Prometheus and Grafana keep their data on gp3 volumes', () => {
    const kps = values('prod', 'kube-prometheus-stack');
    expect(kps.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe('gp3');
    expect(kps.grafana.persistence).toMatchObject({ enabled: true, storageClassName: 'gp3' });
    const sc = one('prod/addons/kube-prometheus-stack/', 'StorageClass', 'gp3');
    expect(sc).toMatchObject({ provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true' }, volumeBindingMode: 'WaitForFirstConsumer' });
  });

  test('external-dns manages only the environment domain, in the environment zone from the bridge', () => {
    expect(values('dev', 'external-dns').domainFilters).toEqual(['dev.northwind.dev']);
    expect(values('dev', 'external-dns').extraArgs).toEqual(['--aws-zone-type=public', '--zone-id-filter={{ index .metadata.annotations "hosted_zone_id" }}']);
  });
});
