/* eslint-disable @typescript-eslint/no-require-imports */
import { structuralProblems, unsupportedKeywords, type VendoredCrdSchema } from './structural-schema';

/** Validates a document against the published schema of its kind; throws with the schema's message when invalid. */
type Validator = (document: object) => void;

/**
 * Published schemas per `apiVersion/kind`: `kubernetes-models` for core kinds, `@kubernetes-models/*` for ArgoCD,
 * cert-manager, the Prometheus operator and the Gateway API, the vendored CRD schemas of schemas/ for External Secrets.
 * Loaded on first use.
 */
const MODELS: Readonly<Record<string, () => new (data: any) => { validate(): void }>> = {
  'v1/Namespace': () => require('kubernetes-models/v1/Namespace').Namespace,
  'v1/ServiceAccount': () => require('kubernetes-models/v1/ServiceAccount').ServiceAccount,
  'v1/Service': () => require('kubernetes-models/v1/Service').Service,
  'v1/Secret': () => require('kubernetes-models/v1/Secret').Secret,
  'v1/ConfigMap': () => require('kubernetes-models/v1/ConfigMap').ConfigMap,
  'v1/ResourceQuota': () => require('kubernetes-models/v1/ResourceQuota').ResourceQuota,
  'v1/LimitRange': () => require('kubernetes-models/v1/LimitRange').LimitRange,
  'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment').Deployment,
  'apps/v1/StatefulSet': () => require('kubernetes-models/apps/v1/StatefulSet').StatefulSet,
  'batch/v1/Job': () => require('kubernetes-models/batch/v1/Job').Job,
  'batch/v1/CronJob': () => require('kubernetes-models/batch/v1/CronJob').CronJob,
  'autoscaling/v2/HorizontalPodAutoscaler': () => require('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler').HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': () => require('kubernetes-models/policy/v1/PodDisruptionBudget').PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': () => require('kubernetes-models/networking.k8s.io/v1/Ingress').Ingress,
  'networking.k8s.io/v1/IngressClass': () => require('kubernetes-models/networking.k8s.io/v1/IngressClass').IngressClass,
  // Gateway API: @kubernetes-models/gateway-api 0.5.1, the newest CommonJS release (2.x is ESM-only for Node 22). Its
  // schemas are those of Gateway API v1.0.0; the v1 fields Paved emits are unchanged in the v1.6 CRDs it installs.
  'gateway.networking.k8s.io/v1/GatewayClass': () => require('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GatewayClass').GatewayClass,
  'gateway.networking.k8s.io/v1/Gateway': () => require('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway').Gateway,
  'gateway.networking.k8s.io/v1/HTTPRoute': () => require('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute').HTTPRoute,
  'networking.k8s.io/v1/NetworkPolicy': () => require('kubernetes-models/networking.k8s.io/v1/NetworkPolicy').NetworkPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': () =>
    require('kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy').ValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': () =>
    require('kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding').ValidatingAdmissionPolicyBinding,
  'argoproj.io/v1alpha1/Application': () => require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application').Application,
  'argoproj.io/v1alpha1/AppProject': () => require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject').AppProject,
  'argoproj.io/v1alpha1/ApplicationSet': () => require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet').ApplicationSet,
  'cert-manager.io/v1/ClusterIssuer': () => require('@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer').ClusterIssuer,
  // External Secrets serves only v1 since 0.17: v1 documents are checked against the v1 CRD schemas of the pinned chart
  // (schemas/, vendored from the upstream tag); v1beta1 documents are rejected as not served.
  'external-secrets.io/v1/ExternalSecret': () => crdModel(require('./schemas/external-secret-v1').EXTERNAL_SECRET_V1, 'ExternalSecret'),
  'external-secrets.io/v1/SecretStore': () => crdModel(require('./schemas/secret-store-v1').SECRET_STORE_V1, 'SecretStore'),
  'external-secrets.io/v1/ClusterSecretStore': () => crdModel(require('./schemas/secret-store-v1').SECRET_STORE_V1, 'ClusterSecretStore'),
  'external-secrets.io/v1beta1/ExternalSecret': () => notServed,
  'external-secrets.io/v1beta1/SecretStore': () => notServed,
  'external-secrets.io/v1beta1/ClusterSecretStore': () => notServed,
  // EKS Auto Mode's IngressClassParams: no published schema; a hand-written check of its documented fields.
  'eks.amazonaws.com/v1/IngressClassParams': () => require('./auto-mode-ingress-class-params').AutoModeIngressClassParams,
  'storage.k8s.io/v1/StorageClass': () => require('kubernetes-models/storage.k8s.io/v1/StorageClass').StorageClass,
  'monitoring.coreos.com/v1/ServiceMonitor': () =>
    require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor').ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': () =>
    require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule').PrometheusRule,
};

type Model = new (data: any) => { validate(): void };

/**
 * A model that checks a document against a vendored CRD schema (structural-schema.ts), every problem in one message.
 * The schema's keywords are checked once, when the model loads: one this checker does not know fails every document
 * of the kind (with the keyword), so a re-vendored schema cannot be half checked.
 */
function crdModel(vendored: VendoredCrdSchema, kind: string): Model {
  const unsupported = unsupportedKeywords(vendored.schema);
  if (unsupported.length > 0) throw new Error(`schema keywords not supported by structural-schema.ts: ${unsupported.join(', ')}`);
  const label = `${vendored.kinds.find((k) => k.endsWith(` ${kind}`)) ?? kind} (${vendored.tag})`;
  return class {
    constructor(private readonly doc: unknown) {}
    validate(): void {
      const problems = structuralProblems(vendored.schema, this.doc);
      if (problems.length > 0) throw new Error(`${label}: ${problems.join('; ')}`);
    }
  };
}

/** Rejects a document of an API version that External Secrets no longer serves. */
const notServed: Model = class {
  validate(): void {
    throw new Error('external-secrets.io/v1beta1 is not served since External Secrets 0.17: use external-secrets.io/v1');
  }
};

const loaded = new Map<string, Validator>();

/** The validator of a kind, or undefined when no published schema is known for it. */
export function schemaValidator(apiVersion: string, kind: string): Validator | undefined {
  const key = `${apiVersion}/${kind}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const model = MODELS[key];
  if (!model) return undefined;
  let validator: Validator;
  try {
    const Model = model();
    validator = (document) => new Model(structuredClone(document)).validate();
  } catch (e) {
    // A schema package that is not installed fails every document of its kinds, with the reason, never a crash.
    const reason = (e as Error).message.split('\n')[0];
    validator = () => {
      throw new Error(`the schema of ${key} could not be loaded: ${reason}`);
    };
  }
  loaded.set(key, validator);
  return validator;
}
