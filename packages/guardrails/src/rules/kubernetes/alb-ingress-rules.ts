import type { ManifestDocument } from '../../model/manifests';
import { ALWAYS, type RuleContext, type SeverityByProfile } from '../../rule';
import { manifestRule } from '../define';

const LBC = 'aws-load-balancer-controller';
const ANNOTATION = 'alb.ingress.kubernetes.io/';

/** Advisory in production (a WAF is a separate AWS resource that Paved cannot create for you); not checked in development. */
const PROD_ADVISORY: SeverityByProfile = { production: 'warning', development: 'off' };

/** The IngressClassParams spec the controller's chart creates for an IngressClass, read from its Application's values. */
function classParams(d: ManifestDocument, documents: readonly ManifestDocument[], className: string): Record<string, unknown> | undefined {
  for (const app of documents) {
    if (app.environment !== d.environment || app.name !== LBC || (app.kind !== 'Application' && app.kind !== 'ApplicationSet')) continue;
    const o = app.object as any;
    const values = (app.kind === 'ApplicationSet' ? o.spec?.template?.spec : o.spec)?.source?.helm?.valuesObject;
    const params = values?.ingressClassParams;
    if (params?.create && (params.name ?? values?.ingressClass) === className && values?.ingressClass === className) return params.spec ?? {};
  }
  return undefined;
}

/**
 * The IngressClassParams spec of an EKS Auto Mode IngressClass (controller `eks.amazonaws.com/alb`, parameters in the
 * `eks.amazonaws.com` group), when the class and its parameters are among the environment's manifests.
 */
function autoModeClassParams(d: ManifestDocument, c: RuleContext, className: string): Record<string, unknown> | undefined {
  const ingressClass = c.manifests.find(d.environment, 'IngressClass', className)?.object as any;
  const ref = ingressClass?.spec?.parameters;
  if (ingressClass?.spec?.controller !== 'eks.amazonaws.com/alb' || ref?.apiGroup !== 'eks.amazonaws.com') return undefined;
  return (c.manifests.find(d.environment, 'IngressClassParams', ref.name)?.object as any)?.spec ?? {};
}

/** The listeners of an ALB Ingress, from its listen-ports annotation (`[{"HTTP":80},{"HTTPS":443}]`). */
function listeners(annotations: Record<string, string>): string[] | undefined {
  const raw = annotations[`${ANNOTATION}listen-ports`];
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.flatMap((p) => Object.entries(p ?? {}).map(([proto, port]) => `${proto}:${String(port)}`)) : [];
  } catch {
    return [];
  }
}

/**
 * ALB Ingresses (the AWS Load Balancer Controller's `alb*` classes): what the nginx annotations used to guarantee
 * (`force-ssl-redirect`, TLS on every host), stated for the ALB's listeners, and a WAF in front of the internet.
 */
export const ALB_INGRESS_RULES = [
  manifestRule({
    id: 'PAVED-K8S-ALB-001',
    title: 'ALB Ingresses listen on HTTPS and redirect HTTP to it',
    severity: ALWAYS,
    kinds: ['Ingress'],
    mirrors: [],
    rationale:
      'Without an HTTPS listener the ALB serves the hosts in plain HTTP (the TLS section of the Ingress is not enough: '
      + 'the controller opens only the ports listen-ports names); an HTTP listener without ssl-redirect forwards plain '
      + 'requests to the service.',
    fix: `set ${ANNOTATION}listen-ports to '[{"HTTP":80},{"HTTPS":443}]' and ssl-redirect '443' (annotation or the class's IngressClassParams sslRedirectPort)`,
    check: (d, c) => {
      const o = d.object as any;
      const className: string = o.spec?.ingressClassName ?? o.metadata?.annotations?.['kubernetes.io/ingress.class'] ?? '';
      if (!className.startsWith('alb')) return undefined;
      const annotations: Record<string, string> = o.metadata?.annotations ?? {};
      const params = classParams(d, c.manifests.documents, className);
      const ports = listeners(annotations) ?? [];
      const problems: string[] = [];
      if (!ports.includes('HTTPS:443')) problems.push(`no HTTPS:443 listener (listen-ports is ${annotations[`${ANNOTATION}listen-ports`] ?? 'unset'})`);
      const redirect = annotations[`${ANNOTATION}ssl-redirect`] ?? (params?.sslRedirectPort as string | undefined);
      if (ports.some((p) => p.startsWith('HTTP:')) && redirect !== '443') problems.push('HTTP is not redirected to HTTPS (no ssl-redirect)');
      return problems;
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-ALB-002',
    title: 'Internet-facing ALBs have a WAF in production',
    severity: PROD_ADVISORY,
    kinds: ['Application', 'ApplicationSet', 'Ingress'],
    mirrors: [],
    rationale:
      'An internet-facing ALB takes every request the internet sends; a web ACL (AWS managed rule groups, rate limits) '
      + 'stops common exploits and floods before they reach the services.',
    fix: 'set ingress.wafAclArn for the environment (a regional WAFv2 web ACL), which Paved attaches to the shared ALB',
    check: (d, c) => {
      const o = d.object as any;
      if (d.kind === 'Ingress') {
        // An Ingress that makes its own internet-facing ALB outside the shared group.
        const a: Record<string, string> = o.metadata?.annotations ?? {};
        if (a[`${ANNOTATION}wafv2-acl-arn`]) return undefined;
        if (a[`${ANNOTATION}scheme`] === 'internet-facing') return 'internet-facing ALB without wafv2-acl-arn';
        // EKS Auto Mode: no controller chart; the WAF is an annotation of each Ingress on the internet-facing class.
        const className: string = o.spec?.ingressClassName ?? '';
        const params = className ? autoModeClassParams(d, c, className) : undefined;
        return params?.scheme === 'internet-facing' ? `internet-facing ALB of the Auto Mode IngressClass ${className} without wafv2-acl-arn` : undefined;
      }
      if (d.name !== LBC) return undefined;
      const values = (d.kind === 'ApplicationSet' ? o.spec?.template?.spec : o.spec)?.source?.helm?.valuesObject;
      const spec = values?.ingressClassParams?.create ? values.ingressClassParams.spec : undefined;
      return spec?.scheme === 'internet-facing' && !spec.wafv2AclArn ? `the shared ALB of IngressClass ${values.ingressClass} has no WAF (ingressClassParams.spec.wafv2AclArn)` : undefined;
    },
  }),
];
