import type { ResolvedProbe } from '@paved/shared-config';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';

/** How often a probe runs and how many failures it tolerates, per role. */
const TIMINGS = {
  // Up to two minutes to start before the liveness probe takes over.
  startup: { periodSeconds: 5, failureThreshold: 24 },
  liveness: { periodSeconds: 10, failureThreshold: 3 },
  readiness: { periodSeconds: 5, failureThreshold: 2 },
} as const;

export type ProbeRole = keyof typeof TIMINGS;

/** The Kubernetes probe of one resolved probe (HTTP GET, TCP connect, command or gRPC health check) in one role. */
export function renderProbe(probe: ResolvedProbe | undefined, role: ProbeRole): k8s.Probe | undefined {
  if (!probe) return undefined;
  const { periodSeconds, failureThreshold } = TIMINGS[role];
  const handler: Pick<k8s.Probe, 'httpGet' | 'tcpSocket' | 'exec' | 'grpc'> =
    probe.type === 'http' ? { httpGet: { path: probe.path, port: k8s.IntOrString.fromString(probe.port) } }
      : probe.type === 'tcp' ? { tcpSocket: { port: k8s.IntOrString.fromString(probe.port) } }
        : probe.type === 'exec' ? { exec: { command: [...probe.command] } }
          : { grpc: { port: probe.port } };
  return { ...handler, periodSeconds, failureThreshold, timeoutSeconds: 2 };
}
