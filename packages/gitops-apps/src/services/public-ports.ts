import type { ResolvedEnvironment, ResolvedPort, ResolvedService } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import type { Construct } from 'constructs';
import { PRIVATE_RANGES } from './service-manifests';

/**
 * Annotation on the LoadBalancer Service and the NetworkPolicy rendered for a service's `public` ports, listing them
 * (`p2p/TCP:30303,disc/UDP:30303`): `paved check` (PAVED-K8S-NET-006) reports them and refuses any LoadBalancer Service
 * or any-source ingress rule without it, or beyond the ports it lists.
 */
export const PUBLIC_PORTS_ANNOTATION = 'paved.dev/public-ports';

/** The AWS Load Balancer Controller's class for an NLB, and EKS Auto Mode's (its built-in load balancing). */
export const LBC_NLB_CLASS = 'service.k8s.aws/nlb';
export const AUTO_MODE_NLB_CLASS = 'eks.amazonaws.com/nlb';

/** Every public port of the pod: the main container's, then each sidecar's. */
export function publicPorts(svc: ResolvedService): ResolvedPort[] {
  if (svc.kind === 'job' || svc.kind === 'cron') return [];
  return [...svc.ports, ...svc.sidecars.flatMap((c) => c.ports)].filter((p) => p.public);
}

/** The annotation's value: `name/protocol:port`, comma-separated, in pod order. */
export function publicPortsAnnotation(ports: readonly ResolvedPort[]): string {
  return ports.map((p) => `${p.name}/${p.protocol}:${p.port}`).join(',');
}

export interface PublicPortsProps {
  readonly env: ResolvedEnvironment;
  readonly service: ResolvedService;
  readonly metadata: (name: string) => { name: string; namespace: string; labels: Record<string, string> };
  readonly selector: Record<string, string>;
}

/**
 * What makes a service's `public` ports reachable from the internet, when it has any: one Service of type LoadBalancer
 * (`<service>-public`) that the AWS Load Balancer Controller, or EKS Auto Mode, turns into an internet-facing NLB with IP
 * targets (the NLB sends straight to pod IPs, so no NodePort is involved), and a NetworkPolicy that admits any source,
 * IPv4 and IPv6, on exactly those ports (and lets the pods dial public addresses on the same port numbers, as peers do). Client IP preservation is the target group's default (off for TCP with IP
 * targets, always on for UDP); `externalTrafficPolicy` is left at its default because it only steers node-to-pod
 * forwarding, which IP targets bypass.
 *
 * One NLB per service: with several replicas (a `stateful` peer-to-peer node), each new connection reaches some
 * replica, not a chosen one, which peers that only need "a node" accept.
 */
export function servicePublicPorts(scope: Construct, props: PublicPortsProps): void {
  const { env, service: svc, metadata, selector } = props;
  const ports = publicPorts(svc);
  if (ports.length === 0) return;
  const annotations = { [PUBLIC_PORTS_ANNOTATION]: publicPortsAnnotation(ports) };
  const name = `${svc.name}-public`;
  const autoMode = env.cluster.compute === 'auto-mode';
  new k8s.KubeService(scope, 'PublicService', {
    metadata: {
      ...metadata(name),
      annotations: {
        ...annotations,
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      },
    },
    spec: {
      type: 'LoadBalancer',
      // Auto Mode provisions NLBs itself; elsewhere the AWS Load Balancer Controller does (never the in-tree controller).
      loadBalancerClass: autoMode ? AUTO_MODE_NLB_CLASS : LBC_NLB_CLASS,
      selector,
      ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromString(p.name), protocol: p.protocol })),
    },
  });
  new k8s.KubeNetworkPolicy(scope, 'AllowPublic', {
    metadata: { ...metadata(name), annotations },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{
        from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
        ports: ports.map((p) => ({ protocol: p.protocol, port: k8s.IntOrString.fromString(p.name) })),
      }],
      // Peers dial back on the same port numbers: out to public addresses only, never private ranges or the metadata
      // service (numbers, not names: a named port resolves against pods, and peers are outside the cluster).
      egress: [{
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [...PRIVATE_RANGES, '169.254.0.0/16'] } }],
        ports: ports.map((p) => ({ protocol: p.protocol, port: k8s.IntOrString.fromNumber(p.port) })),
      }],
    },
  });
}
