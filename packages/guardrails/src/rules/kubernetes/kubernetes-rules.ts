import { CHART_BACKENDS } from '@paved/shared-config';
import { effectiveNamespace } from '../../model/manifests';
import { ALWAYS, DEV_WARNING, kubeLinter, kubeScore, polaris, PROD_ONLY } from '../../rule';
import { manifestRule } from '../define';
import { writableRootExcused } from './relaxed-security-rules';
import { matchesSelector, perContainer, podLabels, podSpec, WORKLOAD_KINDS } from './workloads';

const W = WORKLOAD_KINDS;
const sc = (c: any) => c?.securityContext ?? {};

/** Pod security, resources, probes, images, availability and networking of rendered workloads. */
export const KUBERNETES_RULES = [
  manifestRule({
    id: 'PAVED-K8S-POD-001',
    title: 'Containers run as non-root',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('run-as-non-root'), polaris('runAsRootAllowed')],
    rationale: 'A root process that escapes its container is root on the node.',
    fix: 'set runAsNonRoot: true (pod or container securityContext) and a non-zero runAsUser',
    check: (d) => perContainer(d, ({ c }, pod) => (sc(c).runAsNonRoot === true || (sc(c).runAsNonRoot === undefined && pod?.securityContext?.runAsNonRoot === true) ? undefined : 'runAsNonRoot is not true')),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-002',
    title: 'Containers never run as UID 0',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeScore('container-security-context-user-group-id')],
    rationale: 'runAsNonRoot is only checked at start; an explicit runAsUser: 0 overrides the image user.',
    fix: 'remove runAsUser: 0 (Paved runs services as 1000:1000)',
    check: (d) => perContainer(d, ({ c }, pod) => ((sc(c).runAsUser ?? pod?.securityContext?.runAsUser) === 0 ? 'runAsUser is 0' : undefined)),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-003',
    title: 'Root file systems are read-only',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('no-read-only-root-fs'), polaris('notReadOnlyRootFilesystem')],
    rationale: 'A writable root lets an attacker persist tools inside the container.',
    fix: 'set readOnlyRootFilesystem: true and mount an emptyDir where the process must write',
    // The main container of a workload whose config asks for a writable root with a reason: PAVED-K8S-POD-012 reports it.
    check: (d) => perContainer(d, ({ c, name }) => (sc(c).readOnlyRootFilesystem === true || writableRootExcused(d, name) ? undefined : 'readOnlyRootFilesystem is not true')),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-004',
    title: 'Privilege escalation is not allowed',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('privilege-escalation-container'), polaris('privilegeEscalationAllowed')],
    rationale: 'setuid binaries could otherwise gain privileges the container was not given.',
    fix: 'set allowPrivilegeEscalation: false',
    check: (d) => perContainer(d, ({ c }) => (sc(c).allowPrivilegeEscalation === false ? undefined : 'allowPrivilegeEscalation is not false')),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-005',
    title: 'Containers are not privileged',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('privileged-container'), polaris('privilegedContainer')],
    rationale: 'A privileged container has every device and capability of the node.',
    fix: 'remove privileged: true',
    check: (d) => perContainer(d, ({ c }) => (sc(c).privileged === true ? 'privileged is true' : undefined)),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-006',
    title: 'Containers drop every capability',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('drop-net-raw-capability'), polaris('insecureCapabilities')],
    rationale: 'Default capabilities such as NET_RAW allow spoofing inside the cluster network.',
    fix: 'set capabilities.drop: [ALL] (add back only what the process needs)',
    check: (d) => perContainer(d, ({ c }) => ((sc(c).capabilities?.drop ?? []).includes('ALL') ? undefined : 'capabilities.drop does not contain ALL')),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-007',
    title: 'Pods use the RuntimeDefault seccomp profile',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeScore('container-seccomp-profile')],
    rationale: 'Seccomp blocks system calls containers never need; Pod Security restricted requires it.',
    fix: 'set securityContext.seccompProfile.type: RuntimeDefault on the pod',
    check: (d) => perContainer(d, ({ c }, pod) => ((sc(c).seccompProfile?.type ?? pod?.securityContext?.seccompProfile?.type) === 'RuntimeDefault' ? undefined : 'no RuntimeDefault seccomp profile')),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-008',
    title: 'Pods do not share the host network',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('host-network'), polaris('hostNetworkSet')],
    rationale: 'The host network bypasses NetworkPolicies and exposes node-local services.',
    fix: 'remove hostNetwork: true',
    check: (d) => ((podSpec(d) as any)?.hostNetwork === true ? 'hostNetwork is true' : undefined),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-009',
    title: 'Pods do not share host PID or IPC namespaces',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('host-pid'), kubeLinter('host-ipc'), polaris('hostPIDSet'), polaris('hostIPCSet')],
    rationale: 'Host PID and IPC let a container see and signal every process of the node.',
    fix: 'remove hostPID and hostIPC',
    check: (d) => {
      const pod = podSpec(d) as any;
      return [pod?.hostPID === true ? 'hostPID is true' : undefined, pod?.hostIPC === true ? 'hostIPC is true' : undefined].filter((x): x is string => !!x);
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-010',
    title: 'Pods mount no host paths',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('sensitive-host-mounts'), polaris('hostPathSet')],
    rationale: 'Host paths give a container the node\'s files.',
    fix: 'use an emptyDir or a PersistentVolumeClaim',
    check: (d) => ((podSpec(d) as any)?.volumes ?? []).filter((v: any) => v?.hostPath).map((v: any) => `volume ${v.name} is a hostPath`),
  }),
  manifestRule({
    id: 'PAVED-K8S-POD-011',
    title: 'Service pods do not mount a Kubernetes API token',
    severity: DEV_WARNING,
    kinds: ['Deployment', 'StatefulSet'],
    mirrors: [],
    rationale: 'Services do not call the Kubernetes API; a mounted token is a credential for nothing but attackers.',
    fix: 'set automountServiceAccountToken: false on the pod (Paved does for services)',
    check: (d) => ((podSpec(d) as any)?.automountServiceAccountToken === false ? undefined : 'automountServiceAccountToken is not false'),
  }),
  manifestRule({
    id: 'PAVED-K8S-RES-001',
    title: 'Containers request CPU',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('unset-cpu-requirements'), polaris('cpuRequestsMissing')],
    rationale: 'Without requests the scheduler packs pods blindly and the HPA cannot compute utilization.',
    fix: 'set resources.requests.cpu (Paved: services[].resources.cpu)',
    check: (d) => perContainer(d, ({ c }) => (c?.resources?.requests?.cpu ? undefined : 'no CPU request'), false),
  }),
  manifestRule({
    id: 'PAVED-K8S-RES-002',
    title: 'Containers request memory',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('unset-memory-requirements'), polaris('memoryRequestsMissing')],
    rationale: 'Memory requests decide placement; without them nodes overcommit and evict.',
    fix: 'set resources.requests.memory (Paved: services[].resources.memory)',
    check: (d) => perContainer(d, ({ c }) => (c?.resources?.requests?.memory ? undefined : 'no memory request'), false),
  }),
  manifestRule({
    id: 'PAVED-K8S-RES-003',
    title: 'Containers have a memory limit',
    severity: ALWAYS,
    kinds: W,
    mirrors: [polaris('memoryLimitsMissing'), kubeScore('container-resources')],
    rationale: 'A leak without a limit takes the node\'s memory from every neighbour.',
    fix: 'set resources.limits.memory',
    check: (d) => perContainer(d, ({ c }) => (c?.resources?.limits?.memory ? undefined : 'no memory limit'), false),
  }),
  manifestRule({
    id: 'PAVED-K8S-PROBE-001',
    title: 'Containers have a readiness probe',
    severity: ALWAYS,
    kinds: ['Deployment', 'StatefulSet'],
    mirrors: [kubeLinter('no-readiness-probe'), polaris('readinessProbeMissing')],
    rationale: 'Without readiness, traffic reaches pods that cannot serve it yet (or any more).',
    fix: 'set a readinessProbe (Paved: services[].health.readiness)',
    check: (d) => perContainer(d, ({ c }) => (c?.readinessProbe ? undefined : 'no readinessProbe'), false),
  }),
  manifestRule({
    id: 'PAVED-K8S-PROBE-002',
    title: 'Containers have a liveness probe',
    severity: ALWAYS,
    kinds: ['Deployment', 'StatefulSet'],
    mirrors: [kubeLinter('no-liveness-probe'), polaris('livenessProbeMissing')],
    rationale: 'A hung process is only restarted when a liveness probe notices.',
    fix: 'set a livenessProbe (Paved: services[].health.liveness)',
    check: (d) => perContainer(d, ({ c }) => (c?.livenessProbe ? undefined : 'no livenessProbe'), false),
  }),
  manifestRule({
    id: 'PAVED-K8S-IMG-001',
    title: 'Images are pinned to a tag or digest, never latest',
    severity: ALWAYS,
    kinds: W,
    mirrors: [kubeLinter('latest-tag'), polaris('tagNotSpecified'), kubeScore('container-image-tag')],
    rationale: 'A moving tag makes deploys unreproducible and rollbacks impossible.',
    fix: 'set image to <repository>:<version> or @sha256:<digest> (Paved: services[].image.tag)',
    check: (d) => perContainer(d, ({ c }) => {
      const image = String(c?.image ?? '');
      if (image.includes('@sha256:')) return undefined;
      const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
      return !tag ? `image ${image} has no tag` : tag === 'latest' ? `image ${image} uses latest` : undefined;
    }),
  }),
  manifestRule({
    id: 'PAVED-K8S-AVAIL-001',
    title: 'Production Deployments have a PodDisruptionBudget',
    severity: PROD_ONLY,
    kinds: ['Deployment'],
    mirrors: [polaris('missingPodDisruptionBudget'), kubeScore('deployment-has-poddisruptionbudget')],
    rationale: 'Node drains (upgrades, scale-in) may otherwise evict every replica at once.',
    fix: 'add a PodDisruptionBudget selecting the pods (Paved renders one per service)',
    check: (d, c) => (c.manifests.ofKind(d.environment, 'PodDisruptionBudget', effectiveNamespace(d)).some((p) => matchesSelector((p.object as any).spec?.selector?.matchLabels, podLabels(d))) ? undefined : 'no PodDisruptionBudget selects its pods'),
  }),
  manifestRule({
    id: 'PAVED-K8S-AVAIL-002',
    title: 'Production Deployments run at least two replicas',
    severity: PROD_ONLY,
    kinds: ['Deployment'],
    mirrors: [polaris('deploymentMissingReplicas')],
    rationale: 'One replica is one node failure away from an outage.',
    fix: 'set replicas >= 2, or an autoscaler with minReplicas >= 2 (Paved: services[].environments.<env>)',
    check: (d, c) => {
      const replicas = (d.object as any).spec?.replicas;
      const hpa = c.manifests.ofKind(d.environment, 'HorizontalPodAutoscaler', effectiveNamespace(d)).find((h) => (h.object as any).spec?.scaleTargetRef?.name === d.name);
      const min = hpa ? (hpa.object as any).spec?.minReplicas ?? 1 : replicas ?? 1;
      return min >= 2 ? undefined : `runs ${min} replica${min === 1 ? '' : 's'}`;
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-AVAIL-003',
    title: 'Deployments spread pods across zones',
    severity: DEV_WARNING,
    kinds: ['Deployment'],
    mirrors: [polaris('topologySpreadConstraint')],
    rationale: 'Without a spread constraint all replicas may land in one zone.',
    fix: 'add a topologySpreadConstraint on topology.kubernetes.io/zone',
    check: (d) => (((podSpec(d) as any)?.topologySpreadConstraints ?? []).some((t: any) => t?.topologyKey === 'topology.kubernetes.io/zone') ? undefined : 'no zone topology spread constraint'),
  }),
  manifestRule({
    id: 'PAVED-K8S-PDB-001',
    title: 'PodDisruptionBudgets allow some disruption',
    severity: ALWAYS,
    kinds: ['PodDisruptionBudget'],
    mirrors: [polaris('pdbDisruptionsIsZero')],
    rationale: 'A budget that allows no eviction blocks node drains and cluster upgrades forever.',
    fix: 'use maxUnavailable: 1 (or a minAvailable below the replica count)',
    check: (d) => {
      const spec = (d.object as any).spec ?? {};
      if (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') return 'maxUnavailable is 0';
      if (spec.minAvailable === '100%') return 'minAvailable is 100%';
      return undefined;
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-HPA-001',
    title: 'Autoscalers target an existing workload',
    severity: ALWAYS,
    kinds: ['HorizontalPodAutoscaler'],
    mirrors: [kubeScore('horizontalpodautoscaler-has-target')],
    rationale: 'An autoscaler pointing at nothing silently does nothing.',
    fix: 'make scaleTargetRef name the Deployment of the service',
    check: (d, c) => {
      const ref = (d.object as any).spec?.scaleTargetRef ?? {};
      return c.manifests.find(d.environment, ref.kind, ref.name, effectiveNamespace(d)) ? undefined : `scaleTargetRef ${ref.kind} ${ref.name} does not exist`;
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-HPA-002',
    title: 'Production autoscalers keep at least two replicas',
    severity: PROD_ONLY,
    kinds: ['HorizontalPodAutoscaler'],
    mirrors: [polaris('hpaMinAvailability')],
    rationale: 'Scaling down to one replica recreates a single point of failure at night.',
    fix: 'set minReplicas >= 2',
    check: (d) => (((d.object as any).spec?.minReplicas ?? 1) >= 2 ? undefined : `minReplicas is ${(d.object as any).spec?.minReplicas ?? 1}`),
  }),
  manifestRule({
    id: 'PAVED-K8S-NET-001',
    title: 'Ingresses terminate TLS for every host',
    severity: ALWAYS,
    kinds: ['Ingress'],
    mirrors: [],
    rationale: 'Plain HTTP exposes sessions and credentials on the way in.',
    fix: 'add a tls entry covering every host (Paved adds one; the ALB finds the ACM certificate by host)',
    check: (d) => {
      const spec = (d.object as any).spec ?? {};
      const covered = new Set((spec.tls ?? []).flatMap((t: any) => t?.hosts ?? []));
      return (spec.rules ?? []).map((r: any) => r?.host).filter((h: any) => !covered.has(h)).map((h: any) => `host ${h ?? '(any)'} has no TLS`);
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-NET-002',
    title: 'Ingress backends are Services that exist',
    severity: ALWAYS,
    kinds: ['Ingress'],
    mirrors: [kubeScore('ingress-targets-service')],
    rationale: 'A missing backend answers 503 for the host.',
    fix: 'name an existing Service and port',
    check: (d, c) => ((d.object as any).spec?.rules ?? []).flatMap((r: any) => r?.http?.paths ?? [])
      .map((p: any) => p?.backend?.service?.name)
      // A chart's own Service (Grafana, Argo CD's server: CHART_BACKENDS) exists once its chart is installed.
      .filter((name: any) => !CHART_BACKENDS.some((b) => b.service === name && b.namespace === effectiveNamespace(d)))
      .filter((name: any) => !c.manifests.find(d.environment, 'Service', name, effectiveNamespace(d)))
      .map((name: any) => `backend service ${name} does not exist`),
  }),
  manifestRule({
    id: 'PAVED-K8S-NET-003',
    title: 'Services select pods that exist',
    severity: ALWAYS,
    kinds: ['Service'],
    mirrors: [kubeLinter('dangling-service'), kubeScore('service-targets-pod')],
    rationale: 'A selector that matches nothing leaves the Service without endpoints.',
    fix: 'make the selector match the pod template labels',
    check: (d, c) => {
      const selector = (d.object as any).spec?.selector;
      if (!selector || (d.object as any).spec?.type === 'ExternalName') return undefined;
      const pods = W.flatMap((k) => c.manifests.ofKind(d.environment, k, effectiveNamespace(d)));
      return pods.some((w) => matchesSelector(selector, podLabels(w))) ? undefined : 'the selector matches no pod template';
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-NET-004',
    title: 'Services are not NodePorts',
    severity: ALWAYS,
    kinds: ['Service'],
    mirrors: [kubeScore('service-type')],
    rationale: 'A NodePort opens the port on every node, outside the ingress and its TLS.',
    fix: 'use ClusterIP behind the ingress (or a LoadBalancer for the ingress controller itself)',
    check: (d) => ((d.object as any).spec?.type === 'NodePort' ? 'type is NodePort' : undefined),
  }),
  manifestRule({
    id: 'PAVED-K8S-NET-005',
    title: 'Namespaces with workloads have a default-deny NetworkPolicy',
    severity: ALWAYS,
    kinds: ['Namespace'],
    mirrors: [kubeScore('pod-networkpolicy')],
    rationale: 'Without one, any pod of the cluster can reach the service and it can reach anything.',
    fix: 'add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] (Paved renders one per service)',
    check: (d, c) => {
      const ns = d.name;
      const hasWorkloads = W.some((k) => c.manifests.ofKind(d.environment, k, ns).length > 0);
      if (!hasWorkloads) return undefined;
      const denies = c.manifests.ofKind(d.environment, 'NetworkPolicy', ns).some((p) => {
        const spec = (p.object as any).spec ?? {};
        return Object.keys(spec.podSelector?.matchLabels ?? {}).length === 0 && (spec.policyTypes ?? []).includes('Ingress') && (spec.policyTypes ?? []).includes('Egress');
      });
      return denies ? undefined : 'no default-deny NetworkPolicy (ingress and egress) in the namespace';
    },
  }),
  manifestRule({
    id: 'PAVED-K8S-NS-001',
    title: 'Namespaces enforce Pod Security restricted',
    severity: DEV_WARNING,
    kinds: ['Namespace'],
    mirrors: [],
    rationale: 'The admission controller then rejects pods that break the rules above, whatever manifest they come from.',
    fix: 'label the namespace pod-security.kubernetes.io/enforce: restricted',
    check: (d) => ((d.object as any).metadata?.labels?.['pod-security.kubernetes.io/enforce'] === 'restricted' ? undefined : 'pod-security.kubernetes.io/enforce is not restricted'),
  }),
];
