import type { ManifestDocument } from '../../model/manifests';
import { ALWAYS, type SeverityByProfile } from '../../rule';
import { manifestRule } from '../define';

/**
 * Annotation gitops-apps puts on the LoadBalancer Service and the NetworkPolicy it renders for a service's `public`
 * ports (`services[].ports[].public`), listing them as `name/protocol:port`, comma-separated.
 */
export const PUBLIC_PORTS = 'paved.dev/public-ports';

/** Reported, never blocking: the config asked for the port to face the internet. */
const REPORTED: SeverityByProfile = { production: 'warning', development: 'warning' };

/**
 * The ports the document's annotation declares public, by name and by number (a NetworkPolicy may name either), or
 * undefined without the annotation.
 */
function declaredPublic(doc: ManifestDocument): { list: string; names: Set<string> } | undefined {
  const value = (doc.object as any).metadata?.annotations?.[PUBLIC_PORTS];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const entries = value.split(',').map((p) => p.trim());
  return { list: value, names: new Set(entries.flatMap((p) => [p.split('/')[0], p.split(':')[1] ?? ''].filter((x) => x !== ''))) };
}

/** Whether a NetworkPolicy peer admits every address (an IPv4 or IPv6 /0 block without exceptions). */
const anySource = (peer: any) => typeof peer?.ipBlock?.cidr === 'string' && /\/0$/.test(peer.ipBlock.cidr) && (peer.ipBlock.except ?? []).length === 0;

/** The public ports of the platform's own output: refused elsewhere, reported where the config declares them. */
export const PUBLIC_PORT_RULES = [
  manifestRule({
    id: 'PAVED-K8S-NET-006',
    title: 'LoadBalancer Services and any-source NetworkPolicy rules serve only declared public ports',
    severity: ALWAYS,
    kinds: ['Service', 'NetworkPolicy'],
    mirrors: [],
    rationale:
      'A LoadBalancer Service, or a NetworkPolicy rule admitting 0.0.0.0/0 or ::/0, opens pods to the internet outside '
      + 'the ingress (no TLS, no WAF). Paved renders them only for ports the config marks public '
      + '(services[].ports[].public), annotated with the port list; anything else is a hand edit or an override.',
    fix: 'mark the port public: true in platform.config.ts (a TCP or UDP port, not HTTP), or expose HTTP through the ingress',
    check: (d) => {
      const o = d.object as any;
      const declared = declaredPublic(d);
      if (d.kind === 'Service') {
        if (o.spec?.type !== 'LoadBalancer') return undefined;
        if (!declared) return `type is LoadBalancer without the ${PUBLIC_PORTS} annotation of a public port`;
        const beyond = (o.spec.ports ?? []).map((p: any) => String(p.name)).filter((n: string) => !declared.names.has(n));
        return beyond.length > 0 ? `exposes ${beyond.join(', ')}, not declared public (${declared.list})` : undefined;
      }
      const problems: string[] = [];
      (o.spec?.ingress ?? []).forEach((rule: any, i: number) => {
        if (!(rule.from ?? []).some(anySource)) return;
        if (!declared) {
          problems.push(`ingress[${i}] admits any source without the ${PUBLIC_PORTS} annotation of a public port`);
          return;
        }
        const ports: any[] = rule.ports ?? [];
        if (ports.length === 0) problems.push(`ingress[${i}] admits any source on every port`);
        const beyond = ports.map((p) => String(p.port)).filter((n) => !declared.names.has(n));
        if (beyond.length > 0) problems.push(`ingress[${i}] admits any source on ${beyond.join(', ')}, not declared public (${declared.list})`);
      });
      return problems.length > 0 ? problems : undefined;
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-NET-007',
    title: 'Public ports are reported with their list',
    severity: REPORTED,
    kinds: ['Service'],
    mirrors: [],
    rationale:
      'services[].ports[].public puts a port on an internet-facing NLB that any address can reach. PAVED-K8S-NET-006 '
      + 'accepts it only for the declared ports; this rule keeps every such port visible in each check.',
    fix: 'remove public: true from the port if it does not need to face the internet',
    check: (d) => {
      const declared = declaredPublic(d);
      if (!declared || (d.object as any).spec?.type !== 'LoadBalancer') return undefined;
      return `ports ${declared.list} face the internet through an internet-facing load balancer`;
    },
  }),
];
