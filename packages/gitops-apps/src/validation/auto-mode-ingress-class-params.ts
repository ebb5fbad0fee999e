/**
 * A hand-written check of EKS Auto Mode's `eks.amazonaws.com/v1` IngressClassParams: no schema package publishes it.
 * Fields from the EKS user guide, "Create an IngressClass to configure an Application Load Balancer"
 * (docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html, read 2026-12-03), whose table maps the
 * self-managed controller's fields to Auto Mode's (`certificateArn` -> `certificateARNs`, `subnets.tags` ->
 * `subnets.matchTags`, listener attributes unsupported). It rejects unknown spec fields and wrong basic types.
 */
const SPEC_FIELDS: Readonly<Record<string, (v: unknown) => boolean>> = {
  group: (v) => isObject(v) && typeof (v as { name?: unknown }).name === 'string',
  scheme: (v) => v === 'internet-facing' || v === 'internal',
  ipAddressType: (v) => v === 'ipv4' || v === 'dualstack',
  certificateARNs: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  sslPolicy: (v) => typeof v === 'string',
  subnets: (v) => isObject(v),
  namespaceSelector: (v) => isObject(v),
  tags: (v) => Array.isArray(v),
  loadBalancerAttributes: (v) => Array.isArray(v),
};

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class AutoModeIngressClassParams {
  constructor(private readonly data: any) {}

  validate(): void {
    const doc = this.data;
    if (!isObject(doc.metadata) || typeof doc.metadata.name !== 'string') throw new Error('metadata.name is required');
    const spec = doc.spec ?? {};
    if (!isObject(spec)) throw new Error('spec must be an object');
    for (const [key, value] of Object.entries(spec)) {
      const check = SPEC_FIELDS[key];
      if (!check) throw new Error(`spec.${key} is not a field of eks.amazonaws.com/v1 IngressClassParams (${Object.keys(SPEC_FIELDS).join(', ')})`);
      if (!check(value)) throw new Error(`spec.${key} has the wrong type or value: ${JSON.stringify(value)}`);
    }
  }
}
