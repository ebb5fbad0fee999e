import { Component, github, type Project } from 'projen';
import type { ServiceSettings } from '../settings';
import { ACTIONS, TRIVY_VERSION } from '../versions';
import { gitHubOf } from './github-of';
import { DESCRIPTOR_FILE } from './service-descriptor';

const RUNNER = ['ubuntu-24.04'];

/** Options of `ServiceWorkflow`. */
export interface ServiceWorkflowOptions {
  /** The resolved service settings. */
  readonly service: ServiceSettings;
  /** Steps of the `verify` job after the checkout: the runtime's install, drift check, lint, type-check and tests. */
  readonly verifySteps: github.workflows.JobStep[];
}

/**
 * `.github/workflows/ci.yml`. Pull requests and pushes run `verify` (the runtime's steps: install, drift check, lint,
 * type-check, unit tests with the coverage gate) and `image` (build, vulnerability scan failing on fixable HIGH/CRITICAL,
 * SBOM). Pushes to main then run `publish` (the scanned image, pushed to ECR with a role assumed through GitHub OIDC:
 * no AWS keys) and `propose` (a pull request to the platform repository writing the descriptor with the new tag).
 * Every job declares only the permissions it needs; the workflow default is read-only.
 */
export class ServiceWorkflow extends Component {
  public static of(project: Project): ServiceWorkflow | undefined {
    return project.components.find((c): c is ServiceWorkflow => c instanceof ServiceWorkflow);
  }

  public readonly workflow: github.GithubWorkflow;

  constructor(project: Project, options: ServiceWorkflowOptions) {
    super(project);
    const s = options.service;
    const branch = s.defaultBranch;
    const ON_MAIN = `github.event_name == 'push' && github.ref == 'refs/heads/${branch}'`;
    const localImage = `${s.serviceName}:\${{ github.sha }}`;
    const registry = `${s.awsAccount}.dkr.ecr.${s.awsRegion}.amazonaws.com`;
    const [gitopsOwner, gitopsName] = s.gitopsRepo.split('/');

    const wf = new github.GithubWorkflow(gitHubOf(project, 'ServiceWorkflow'), 'ci', {
      limitConcurrency: true,
      concurrencyOptions: { group: '${{ github.workflow }}-${{ github.ref }}', cancelInProgress: false },
    });
    this.workflow = wf;
    wf.on({ pullRequest: { branches: [branch] }, push: { branches: [branch] }, workflowDispatch: {} });
    // Jobs declare their own permissions; anything else gets read access to the code only.
    wf.file?.addOverride('permissions', { contents: 'read' });

    const checkout: github.workflows.JobStep = { name: 'Check out', uses: ACTIONS.checkout, with: { 'persist-credentials': false } };

    wf.addJob('verify', {
      name: 'Lint, type-check, test',
      runsOn: RUNNER,
      permissions: { contents: github.workflows.JobPermission.READ },
      timeoutMinutes: 15,
      steps: [checkout, ...options.verifySteps],
    });

    const trivy = { 'scan-type': 'image', 'image-ref': localImage, 'version': TRIVY_VERSION };
    wf.addJob('image', {
      name: 'Build, scan and SBOM',
      needs: ['verify'],
      runsOn: RUNNER,
      permissions: { contents: github.workflows.JobPermission.READ },
      timeoutMinutes: 20,
      env: { IMAGE: localImage },
      steps: [
        checkout,
        {
          name: 'Build image',
          run: 'docker build --pull --tag "$IMAGE" --label "org.opencontainers.image.revision=$GITHUB_SHA" --label "org.opencontainers.image.source=$GITHUB_SERVER_URL/$GITHUB_REPOSITORY" .',
        },
        {
          name: 'Scan image (fails on fixable HIGH or CRITICAL vulnerabilities)',
          uses: ACTIONS.trivy,
          with: { ...trivy, 'severity': 'HIGH,CRITICAL', 'ignore-unfixed': true, 'vuln-type': 'os,library', 'format': 'table', 'exit-code': '1' },
        },
        {
          name: 'Generate SBOM (CycloneDX)',
          uses: ACTIONS.trivy,
          with: { ...trivy, 'format': 'cyclonedx', 'output': 'sbom.cdx.json', 'exit-code': '0', 'skip-setup-trivy': true },
        },
        {
          name: 'Upload SBOM',
          uses: ACTIONS.uploadArtifact,
          with: { 'name': 'sbom', 'path': 'sbom.cdx.json', 'if-no-files-found': 'error', 'retention-days': 90 },
        },
        { name: 'Export image', if: ON_MAIN, run: 'docker save "$IMAGE" --output image.tar' },
        {
          name: 'Upload image',
          if: ON_MAIN,
          uses: ACTIONS.uploadArtifact,
          with: { 'name': 'image', 'path': 'image.tar', 'if-no-files-found': 'error', 'retention-days': 1 },
        },
      ],
    });

    wf.addJob('publish', {
      name: 'Push to ECR',
      needs: ['image'],
      if: ON_MAIN,
      runsOn: RUNNER,
      permissions: { contents: github.workflows.JobPermission.READ, idToken: github.workflows.JobPermission.WRITE },
      timeoutMinutes: 15,
      env: { IMAGE: localImage, REGISTRY: registry },
      outputs: { tag: { stepId: 'push', outputName: 'tag' } },
      steps: [
        { name: 'Download image', uses: ACTIONS.downloadArtifact, with: { name: 'image' } },
        { name: 'Load image', run: 'docker load --input image.tar' },
        {
          name: 'Assume the push role through GitHub OIDC',
          uses: ACTIONS.configureAwsCredentials,
          with: {
            'role-to-assume': s.pushRoleArn,
            'role-session-name': `${s.serviceName}-ci`,
            'aws-region': s.awsRegion,
            'allowed-account-ids': s.awsAccount,
          },
        },
        { name: 'Log in to ECR', uses: ACTIONS.amazonEcrLogin, with: { registries: s.awsAccount } },
        {
          name: 'Push image',
          id: 'push',
          run: [
            'set -euo pipefail',
            `for repository in ${s.ecrRepositories.join(' ')}; do`,
            '  docker tag "$IMAGE" "$REGISTRY/$repository:$GITHUB_SHA"',
            '  docker push "$REGISTRY/$repository:$GITHUB_SHA"',
            'done',
            'echo "tag=$GITHUB_SHA" >> "$GITHUB_OUTPUT"',
          ].join('\n'),
        },
      ],
    });

    wf.addJob('propose', {
      name: `Propose the new tag to ${s.gitopsRepo}`,
      needs: ['publish'],
      if: ON_MAIN,
      runsOn: RUNNER,
      permissions: { contents: github.workflows.JobPermission.READ },
      timeoutMinutes: 10,
      steps: [
        {
          name: 'Get a token for the platform repository',
          id: 'app',
          uses: ACTIONS.createGithubAppToken,
          with: {
            'client-id': '${{ vars.PAVED_GITOPS_APP_CLIENT_ID }}',
            'private-key': '${{ secrets.PAVED_GITOPS_APP_PRIVATE_KEY }}',
            'owner': gitopsOwner,
            'repositories': gitopsName,
            'permission-contents': 'write',
            'permission-pull-requests': 'write',
          },
        },
        { ...checkout, name: 'Check out the service', with: { 'path': 'service', 'persist-credentials': false } },
        {
          name: 'Check out the platform repository',
          uses: ACTIONS.checkout,
          with: { 'repository': s.gitopsRepo, 'ref': s.gitopsBaseBranch, 'path': 'platform', 'token': '${{ steps.app.outputs.token }}', 'persist-credentials': false },
        },
        {
          name: 'Write the descriptor with the new image tag',
          env: { TAG: '${{ needs.publish.outputs.tag }}' },
          run: writeDescriptorScript(`platform/${s.gitopsDescriptorPath}`),
        },
        {
          name: 'Open or update the pull request',
          uses: ACTIONS.createPullRequest,
          with: {
            'token': '${{ steps.app.outputs.token }}',
            'path': 'platform',
            'base': s.gitopsBaseBranch,
            'branch': `paved/${s.serviceName}-image`,
            'add-paths': s.gitopsDescriptorPath,
            'commit-message': `${s.serviceName}: deploy image \${{ needs.publish.outputs.tag }}`,
            'title': `${s.serviceName}: deploy image \${{ needs.publish.outputs.tag }}`,
            'body': [
              `Image \`\${{ needs.publish.outputs.tag }}\` of [${s.serviceName}](\${{ github.server_url }}/\${{ github.repository }}) was scanned and pushed to ECR.`,
              '',
              `This writes \`${s.gitopsDescriptorPath}\` from the service's \`${DESCRIPTOR_FILE}\`. A new service joins the platform when`,
              `\`platform.config.ts\` lists it: \`require('./${s.gitopsDescriptorPath}')\` in \`services\`.`,
            ].join('\n'),
            'delete-branch': true,
            'sign-commits': true,
          },
        },
      ],
    });
  }
}

/**
 * Copies the service descriptor into the platform checkout with `image.tag` set to `$TAG`. Node is on every runner,
 * and the JSON is written the way projen writes the descriptor (2 spaces, final newline).
 */
export function writeDescriptorScript(target: string): string {
  const js = [
    "const fs = require('node:fs');",
    "const path = require('node:path');",
    `const descriptor = JSON.parse(fs.readFileSync('service/${DESCRIPTOR_FILE}', 'utf8'));`,
    "if (!/^[0-9a-f]{40}$/.test(process.env.TAG || '')) throw new Error('TAG is not a commit SHA: ' + process.env.TAG);",
    'descriptor.image = { ...descriptor.image, tag: process.env.TAG };',
    `fs.mkdirSync(path.dirname('${target}'), { recursive: true });`,
    `fs.writeFileSync('${target}', JSON.stringify(descriptor, null, 2) + '\\n');`,
  ].join('\n');
  return `node - <<'EOF'\n${js}\nEOF`;
}
