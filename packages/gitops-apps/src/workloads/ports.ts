import type { ResolvedPort, ResolvedService } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';

/** Port a `web` service's ClusterIP Service exposes its HTTP port on; the container port is the service's own. */
export const SERVICE_PORT = 80;

/** Name of a port (the main container's or a sidecar's) that Prometheus scrapes for `/metrics`. */
export const METRICS_PORT_NAME = 'metrics';

/**
 * The ports the ServiceMonitor scrapes beyond the first HTTP port: every port named `metrics`, the main container's
 * first, then the sidecars'. Only `web` and `stateful` services have a Service to scrape through.
 */
export function metricsPorts(svc: ResolvedService): ResolvedPort[] {
  if (svc.kind !== 'web' && svc.kind !== 'stateful') return [];
  return [...svc.ports, ...svc.sidecars.flatMap((c) => c.ports)].filter((p) => p.name === METRICS_PORT_NAME && p !== svc.httpPort);
}

/** Container ports, by name. */
export function containerPorts(ports: readonly ResolvedPort[]): k8s.ContainerPort[] | undefined {
  return ports.length > 0 ? ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })) : undefined;
}

/**
 * Ports of the service's Service: a `web` service exposes its HTTP port on 80 (what the ingress targets) and any other
 * port on its own number; a `stateful` service's headless Service exposes every port on its own number (peers address
 * pods directly). A sidecar's `metrics` port comes last.
 */
export function servicePorts(svc: ResolvedService): k8s.ServicePort[] {
  // A sidecar's `metrics` port joins the Service so that the ServiceMonitor can scrape it.
  const sidecarMetrics = svc.sidecars.flatMap((c) => c.ports).filter((p) => p.name === METRICS_PORT_NAME);
  return [...svc.ports, ...sidecarMetrics].map((p) => ({
    name: p.name,
    port: svc.kind === 'web' && p === svc.httpPort ? SERVICE_PORT : p.port,
    targetPort: k8s.IntOrString.fromString(p.name),
    protocol: p.protocol,
  }));
}
