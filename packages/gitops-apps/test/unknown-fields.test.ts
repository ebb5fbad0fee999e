import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolvePlatform } from '@paved/shared-config';
import * as ts from 'typescript';
import example from '../../../platform.config';
import { renderGitops, type Manifest } from '../src';

/**
 * The published validators accept fields they do not know. The TypeScript interfaces of the same packages do not:
 * an object literal with a property its type lacks is an error. Every rendered document is checked as a literal of
 * its kind's interface, so a misspelled or invented field fails here.
 */
const TYPES: Readonly<Record<string, [module: string, name: string]>> = {
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'v1/ServiceAccount': ['kubernetes-models/v1/ServiceAccount', 'IServiceAccount'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'IJob'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'],
  'networking.k8s.io/v1/IngressClass': ['kubernetes-models/networking.k8s.io/v1/IngressClass', 'IIngressClass'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'INetworkPolicy'],
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': ['kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy', 'IValidatingAdmissionPolicy'],
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': [
    'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding',
    'IValidatingAdmissionPolicyBinding',
  ],
  'argoproj.io/v1alpha1/Application': ['@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application', 'IApplication'],
  'argoproj.io/v1alpha1/AppProject': ['@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject', 'IAppProject'],
  'argoproj.io/v1alpha1/ApplicationSet': ['@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet', 'IApplicationSet'],
  'cert-manager.io/v1/ClusterIssuer': ['@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer', 'IClusterIssuer'],
  // external-secrets.io/v1: the v1beta1 interfaces (same fields) with the apiVersion swapped (src/addons/external-secrets-v1.ts).
  'external-secrets.io/v1/ExternalSecret': ['../../src/addons/external-secrets-v1', 'ExternalSecretV1'],
  'external-secrets.io/v1/SecretStore': ['../../src/addons/external-secrets-v1', 'SecretStoreV1'],
  'storage.k8s.io/v1/StorageClass': ['kubernetes-models/storage.k8s.io/v1/StorageClass', 'IStorageClass'],
  'monitoring.coreos.com/v1/ServiceMonitor': ['@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor', 'IServiceMonitor'],
  'monitoring.coreos.com/v1/PrometheusRule': ['@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule', 'IPrometheusRule'],
};

/** Type-checks documents as literals of their interfaces; returns one line per unknown or mistyped field. */
function unknownFields(documents: readonly { file: string; doc: Manifest }[]): string[] {
  const dir = fs.mkdtempSync(path.join(__dirname, '.unknown-fields-'));
  try {
    const imports = Object.values(TYPES).map(([module, name]) => `import type { ${name} } from '${module}';`);
    const body = documents.map(({ doc }, i) => {
      const type = TYPES[`${doc.apiVersion}/${doc.kind}`];
      return `export const d${i}: ${type ? type[1] : 'unknown'} = ${JSON.stringify(doc)};`;
    });
    const file = path.join(dir, 'documents.ts');
    fs.writeFileSync(file, [...imports, ...body].join('\n'));
    const options: ts.CompilerOptions = {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      types: [],
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node10,
    };
    const program = ts.createProgram([file], options);
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line - imports.length : -1;
      const subject = documents[line];
      return `${subject ? `${subject.file} ${subject.doc.kind} ${subject.doc.metadata.name}` : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 200)}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const files = renderGitops(resolvePlatform(example));
const documents = files.flatMap((f) => f.documents.map((doc) => ({ file: f.path, doc })));

test('every rendered kind has an interface to check against', () => {
  expect([...new Set(documents.map(({ doc }) => `${doc.apiVersion}/${doc.kind}`))].filter((k) => !TYPES[k])).toEqual([]);
});

test('no rendered document has a field its kind does not define', () => {
  expect(unknownFields(documents)).toEqual([]);
}, 60_000);

test('a misspelled field is caught', () => {
  const deployment = structuredClone(documents.find(({ doc }) => doc.kind === 'Deployment')!);
  (deployment.doc as any).spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
  const problems = unknownFields([deployment]);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/Deployment .*: Object literal may only specify known properties.*readOnlyRootFileSystem.*ISecurityContext/);
}, 60_000);
