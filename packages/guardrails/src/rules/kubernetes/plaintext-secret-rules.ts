import { detectSecretLiteral } from '@paved/shared-config';
import { isObj } from '../../model/values';
import { ALWAYS, kubeLinter } from '../../rule';
import { manifestRule } from '../define';
import { containers, WORKLOAD_KINDS } from './workloads';

const ARGOCD_SECRET_TYPE = 'argocd.argoproj.io/secret-type';
/** Keys of ArgoCD's declarative cluster and repository Secrets that hold no credential. */
const ARGOCD_PLAIN_KEYS = new Set(['name', 'server', 'url', 'project', 'type', 'namespaces', 'clusterResources', 'enableOCI', 'insecure', 'enableLfs', 'proxy', 'noProxy', 'username', 'githubAppID', 'githubAppInstallationID', 'githubAppEnterpriseBaseUrl', 'forceHttpBasicAuth']);
/** Fields of a cluster Secret's `config` JSON that are credentials (IRSA/Pod Identity `awsAuthConfig` is not). */
const ARGOCD_CONFIG_CREDENTIALS = /"(bearerToken|password|keyData|certData)"\s*:/;

function decode(value: unknown): string {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';
}

export const PLAINTEXT_SECRET_RULES = [
  manifestRule({
    id: 'PAVED-K8S-PLAIN-001',
    title: 'No Kubernetes Secret with data is committed to the GitOps repository',
    severity: ALWAYS,
    kinds: ['Secret'],
    mirrors: [],
    rationale:
      'The GitOps branch is read by every repository reader and cloned by ArgoCD; base64 is not encryption. Secrets '
      + 'come from Secrets Manager through ExternalSecret objects. ArgoCD\'s declarative cluster and repository Secrets '
      + '(labelled argocd.argoproj.io/secret-type) may carry names, URLs and Pod Identity settings, never a credential.',
    fix: 'create the value in Secrets Manager and reference it with services[].secrets (an ExternalSecret), then delete the Secret manifest',
    check: (d) => {
      const o = d.object as any;
      const data: Record<string, string> = {};
      if (isObj(o.data)) for (const [k, v] of Object.entries(o.data)) data[k] = decode(v);
      if (isObj(o.stringData)) for (const [k, v] of Object.entries(o.stringData)) data[k] = typeof v === 'string' ? v : JSON.stringify(v);
      const argocd = isObj(o.metadata?.labels) && typeof o.metadata.labels[ARGOCD_SECRET_TYPE] === 'string';
      return Object.entries(data).flatMap(([key, value]) => {
        if (argocd && ARGOCD_PLAIN_KEYS.has(key)) return [];
        if (argocd && key === 'config' && !ARGOCD_CONFIG_CREDENTIALS.test(value)) return [];
        return [`key ${key} holds a plaintext value${argocd ? ' (a credential in an ArgoCD Secret)' : ''}`];
      });
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-ENV-001',
    title: 'No secret-looking literal in container env or ConfigMaps',
    severity: ALWAYS,
    kinds: [...WORKLOAD_KINDS, 'ConfigMap'],
    mirrors: [kubeLinter('env-var-secret')],
    rationale:
      'A password under DB_PASS or a token such as sk_live_... in a manifest is in Git for good. paved validate rejects '
      + 'them in the config; this rule catches hand edits and manifests from elsewhere, by name and by value shape.',
    fix: 'move the value to Secrets Manager and reference it through services[].secrets (env valueFrom.secretKeyRef)',
    check: (d) => {
      if (d.kind === 'ConfigMap') {
        const data = (d.object as any).data;
        return Object.entries(isObj(data) ? data : {}).flatMap(([k, v]) => {
          const what = detectSecretLiteral(k, v);
          return what ? [`data key ${k} looks like a secret (${what})`] : [];
        });
      }
      return containers(d).flatMap(({ name, init, c }) => (Array.isArray(c?.env) ? c.env : []).flatMap((e: any) => {
        const what = typeof e?.value === 'string' ? detectSecretLiteral(String(e?.name ?? ''), e.value) : undefined;
        return what ? [`${init ? 'init container' : 'container'} ${name}: env ${String(e.name)} looks like a secret (${what})`] : [];
      }));
    },
  }),
];
