/* eslint-disable @typescript-eslint/no-require-imports */

/** Validates a document against the published schema of its kind; throws with the schema's message when invalid. */
type Validator = (document: object) => void;

/**
 * Published schemas per `apiVersion/kind`: `kubernetes-models` for core kinds, `@kubernetes-models/*` for ArgoCD,
 * cert-manager, External Secrets and the Prometheus operator. Loaded on first use.
 */
const MODELS: Readonly<Record<string, () => new (data: any) => { validate(): void }>> = {
  'v1/Namespace': () => require('kubernetes-models/v1/Namespace').Namespace,
  'v1/ServiceAccount': () => require('kubernetes-models/v1/ServiceAccount').ServiceAccount,
  'v1/Service': () => require('kubernetes-models/v1/Service').Service,
  'v1/Secret': () => require('kubernetes-models/v1/Secret').Secret,
  'v1/ConfigMap': () => require('kubernetes-models/v1/ConfigMap').ConfigMap,
  'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment').Deployment,
  'batch/v1/Job': () => require('kubernetes-models/batch/v1/Job').Job,
  'autoscaling/v2/HorizontalPodAutoscaler': () => require('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler').HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': () => require('kubernetes-models/policy/v1/PodDisruptionBudget').PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': () => require('kubernetes-models/networking.k8s.io/v1/Ingress').Ingress,
  'networking.k8s.io/v1/NetworkPolicy': () => require('kubernetes-models/networking.k8s.io/v1/NetworkPolicy').NetworkPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': () =>
    require('kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy').ValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': () =>
    require('kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding').ValidatingAdmissionPolicyBinding,
  'argoproj.io/v1alpha1/Application': () => require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application').Application,
  'argoproj.io/v1alpha1/AppProject': () => require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject').AppProject,
  'argoproj.io/v1alpha1/ApplicationSet': () => require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet').ApplicationSet,
  'cert-manager.io/v1/ClusterIssuer': () => require('@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer').ClusterIssuer,
  'external-secrets.io/v1beta1/ExternalSecret': () =>
    require('@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret').ExternalSecret,
  'external-secrets.io/v1beta1/SecretStore': () =>
    require('@kubernetes-models/external-secrets/external-secrets.io/v1beta1/SecretStore').SecretStore,
  'external-secrets.io/v1beta1/ClusterSecretStore': () =>
    require('@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ClusterSecretStore').ClusterSecretStore,
  'monitoring.coreos.com/v1/ServiceMonitor': () =>
    require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor').ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': () =>
    require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule').PrometheusRule,
};

const loaded = new Map<string, Validator>();

/** The validator of a kind, or undefined when no published schema is known for it. */
export function schemaValidator(apiVersion: string, kind: string): Validator | undefined {
  const key = `${apiVersion}/${kind}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const model = MODELS[key];
  if (!model) return undefined;
  const Model = model();
  const validator: Validator = (document) => new Model(structuredClone(document)).validate();
  loaded.set(key, validator);
  return validator;
}
