/**
 * Everything a generated service repository pins, in one table. A service picks up new pins by upgrading the
 * blueprint and running `npx projen` twice (the first run installs the new blueprint, the second applies it), so the
 * platform team rolls base images, action versions and library ranges out to every service from here.
 */

/** Node.js of the container image and of CI (exact release, same in both). */
export const NODE_VERSION = '24.21.0';
/** Debian-slim official image of `NODE_VERSION`. */
export const NODE_IMAGE = `node:${NODE_VERSION}-slim`;

/** Python of the container image, of CI and of local development (`.python-version`: uv installs it). */
export const PYTHON_VERSION = '3.13';
/** Debian-slim official image of a `PYTHON_VERSION` release. */
export const PYTHON_IMAGE = 'python:3.13.8-slim';
/** uv, the Python package and project manager: the same release in CI and in the image build. */
export const UV_VERSION = '0.12.4';
/** uv's official distroless image: the build stage copies the `uv` binary from it. */
export const UV_IMAGE = `ghcr.io/astral-sh/uv:${UV_VERSION}`;

/** nginx (stable branch) built to run without root, listening on 8080; serves static sites. */
export const NGINX_IMAGE = 'nginxinc/nginx-unprivileged:1.30.4-alpine';

/** Libraries of the static-site sample (caret ranges; the lockfile pins exact versions). */
export const STATIC_SITE_DEPS = {
  runtime: ['react@^19.3.1', 'react-dom@^19.3.1'],
  dev: [
    'vite@^8.3.8',
    '@vitejs/plugin-react@^6.3.0',
    // vitest 5 and jsdom 28+ need Node.js 22; these run on Node.js 20 too.
    'vitest@^4.1.12',
    '@vitest/coverage-v8@^4.1.12',
    'jsdom@^27.3.0',
    '@testing-library/react@^16.3.3',
    '@testing-library/dom@^10.4.2',
    '@types/react@^19.3.0',
    '@types/react-dom@^19.3.0',
    'eslint@^10.15.0',
    '@eslint/js@^10.0.1',
    'typescript-eslint@^8.73.0',
    'eslint-plugin-react-hooks@^7.1.1',
  ],
} as const;

/**
 * Local-development data stores, on the engine versions the platform provisions by default (RDS PostgreSQL 16.6,
 * ElastiCache Redis OSS 7.1, whose nearest upstream image is 7.2).
 */
export const POSTGRES_IMAGE = 'postgres:16.6-alpine';
export const REDIS_IMAGE = 'redis:7.2.5-alpine';

/** Runtime libraries of the sample service (caret ranges; the lockfile pins exact versions). */
export const SERVICE_DEPS = {
  fastify: 'fastify@^5.12.0',
  promClient: 'prom-client@^15.1.3',
  pg: 'pg@^8.23.0',
  pgTypes: '@types/pg@^8.23.0',
  ioredis: 'ioredis@^5.9.3',
  // IAM logins to RDS and ElastiCache (latest releases by `npm view` on 2026-12-03). The RDS signer and the credential
  // chain move together (the signer depends on that exact credential-providers release).
  rdsSigner: '@aws-sdk/rds-signer@^3.1178.0',
  awsCredentialProviders: '@aws-sdk/credential-providers@^3.1178.0',
  signatureV4: '@smithy/signature-v4@^5.7.5',
  sha256: '@aws-crypto/sha256-js@^5.2.0',
} as const;

/** TypeScript 7 breaks ts-node and the projen toolchain; stay on 5.9 (see the workspace's toolchain notes). */
export const TYPESCRIPT_VERSION = '~5.9.3';
export const MIN_NODE_VERSION = '20.0.0';

/**
 * GitHub Actions, each pinned to the full commit SHA of the release named beside it: a tag can be moved, a SHA
 * cannot. The SHAs were read from the actions' own repositories.
 */
export const ACTIONS = {
  /** v7.0.1 */
  checkout: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
  /** v7.0.0 */
  setupNode: 'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020',
  /** v7.0.1 */
  uploadArtifact: 'actions/upload-artifact@043fb46d1a93c77aae656e7c1c64a875d1fc6a0a',
  /** v8.0.1 */
  downloadArtifact: 'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
  /** v3.1.1 */
  createGithubAppToken: 'actions/create-github-app-token@1b10c78c7865c340bc4f6099eb2f838309f1e8c3',
  /** v10.0.1 */
  setupUv: 'astral-sh/setup-uv@20cfd1bf945f4377ade1205e4dbc17946fc9a30d',
  /** v6.2.3 */
  configureAwsCredentials: 'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c',
  /** v2.1.7 */
  amazonEcrLogin: 'aws-actions/amazon-ecr-login@03f1aad4c6c7ffd436567f42f9384779290529bd',
  /** v0.36.0 */
  trivy: 'aquasecurity/trivy-action@ed142fd0673e97e23eac54620cfb913e5ce36c25',
  /** v8.1.1 */
  createPullRequest: 'peter-evans/create-pull-request@5f6978faf089d4d20b00c7766989d076bb2fc7f1',
} as const;

/** Trivy release the scan and SBOM steps run (the action installs it). */
export const TRIVY_VERSION = 'v0.70.0';

/**
 * AWS CDK of the `infra/` app (`awsResources`): aws-cdk-lib 2.276.0 (npm registry `time`: 2026-11-10) and the CLI
 * 2.1148.0 (2026-11-05), checked 2026-12-03. The same aws-cdk-lib as @paved/service-constructs, which peers on it.
 */
export const AWS_CDK_LIB_VERSION = '2.276.0';
export const AWS_CDK_CLI_VERSION = '^2.1148.0';
/** cdk-nag 3 (a dependency of @paved/service-constructs) peers on constructs ^10.5.1. */
export const CDK_CONSTRUCTS_VERSION = '10.5.1';
