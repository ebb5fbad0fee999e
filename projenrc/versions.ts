/**
 * Toolchain pins shared by every project in the workspace. Bumping one here and running `pnpm projen`
 * is the only supported way to upgrade (see ../shared/notes/toolchain.md for why each pin exists).
 */
export const PROJEN_VERSION = '0.103.25';
/** TypeScript 7 breaks ts-node and the jsii toolchain; stay on 5.9. */
export const TYPESCRIPT_VERSION = '~5.9.3';
export const JSII_VERSION = '~5.9.0';
/** Node 20 is the floor: `engines` and the `@types/node` major follow it. */
export const MIN_NODE_VERSION = '20.0.0';
export const PNPM_VERSION = '10';

export const CONSTRUCTS = 'constructs@^10.5.0';
export const CDKTF = 'cdktf@0.21.0';
export const PROVIDER_AWS = '@cdktf/provider-aws@21.22.1';
export const PROVIDER_HELM = '@cdktf/provider-helm@12.1.2';
export const CDK8S = 'cdk8s@^2.70.0';
export const CDK8S_PLUS = 'cdk8s-plus-33@^2.5.0';
export const YAML = 'yaml@^2.8.0';
/**
 * AWS CDK for service-owned resources (@paved/service-constructs and the blueprint's `infra/` app). 2.276.0 was
 * published 2026-11-10 (npm registry `time`, checked 2026-12-03). A construct library peers on it, so a service repo
 * has one copy.
 */
export const AWS_CDK_LIB_VERSION = '2.276.0';
export const AWS_CDK_LIB = `aws-cdk-lib@^${AWS_CDK_LIB_VERSION}`;
/**
 * cdk-nag AwsSolutions checks on every synth of a service's CDK app. 3.0.2 is the newest 3.x (npm registry `time`:
 * 2026-08-05, checked 2026-12-03); it peers on aws-cdk-lib ^2.257.0 and constructs ^10.5.1.
 */
export const CDK_NAG = 'cdk-nag@^3.0.2';
/** constructs for AWS CDK apps: cdk-nag 3 peers on ^10.5.1 (CONSTRUCTS stays at the floor cdktf and cdk8s share). */
export const CDK_CONSTRUCTS = 'constructs@^10.5.1';
/**
 * The newest @kubernetes-models majors are ESM-only and require Node 22; these are the last majors that ship CommonJS
 * and run on Node 20.
 */
export const KUBERNETES_MODELS = [
  'kubernetes-models@^4.5.1',
  '@kubernetes-models/argo-cd@^2.7.2',
  '@kubernetes-models/cert-manager@^4.4.4',
  '@kubernetes-models/prometheus-operator@^4.4.4',
  '@kubernetes-models/external-secrets@^0.5.2',
  // Gateway API (opt-in ingress). 0.5.1 (2026-03-24) is the last CommonJS release; 2.0.0 (2026-08-20) is ESM-only and
  // needs Node 22. Its schemas are Gateway API v1.0.0; the v1 fields Paved emits are unchanged up to v1.6.
  '@kubernetes-models/gateway-api@^0.5.1',
];
/**
 * Mutation testing (`pnpm test:mutation`). Stryker 10 (2026-08-16) requires Node >= 22; 9.6.1 (2026-04-11, npm
 * registry `time`, checked 2026-12-03) is the newest release that still runs on the Node 20 floor. Bump with the floor.
 */
/**
 * A private npm registry for test/registry-e2e.test.ts (`projen new --from` a published blueprint). 6.8 is the last
 * minor that runs on Node 20 (`engines: >=20`; 6.9+ wants Node 22). Bump with the floor.
 */
export const VERDACCIO = 'verdaccio@~6.8.0';
export const STRYKER = [
  '@stryker-mutator/core@9.6.1',
  '@stryker-mutator/jest-runner@9.6.1',
  '@stryker-mutator/typescript-checker@9.6.1',
];
