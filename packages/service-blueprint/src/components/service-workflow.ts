import { Component, github, type Project } from 'projen';
import type { ServiceSettings } from '../settings';
import { ACTIONS, TRIVY_VERSION } from '../versions';
import { gitHubOf } from './github-of';
import { DESCRIPTOR_FILE } from './service-descriptor';

// GitHub's ubuntu-24.04 image ships the AWS CLI and skopeo, which the promotion uses: nothing is downloaded.
const RUNNER = ['ubuntu-24.04'];

/**
 * Tag of the one push of each main commit (`build-<git sha>`), in the first environment's repository. The platform's
 * ECR lifecycle policy expires `build-*` images beyond `registry.imagesToKeep` (`@paved/platform-infra`).
 */
export const BUILD_TAG_PREFIX = 'build-';

/**
 * Tag a promotion writes (`release-<git sha>`) into an environment's repository, on the promoted digest, before the
 * GitOps change pins that digest. The platform's lifecycle policy never expires `release-*` images.
 */
export const RELEASE_TAG_PREFIX = 'release-';

/**
 * GitHub environment that holds the GitOps App's private key (`PAVED_GITOPS_APP_PRIVATE_KEY`) as an environment
 * secret, declared by every `propose-<env>` job. A repository secret is readable by a workflow on any branch that a
 * writer pushes; an environment secret whose deployment branch policy allows `main` only reaches the jobs of main's
 * reviewed workflow. (Secrets Manager through OIDC would need a platform-side role per service repository.)
 */
export const GITOPS_ENVIRONMENT = 'gitops-promotion';

/** Secret (of `GITOPS_ENVIRONMENT`) and variable naming the GitHub App that opens the GitOps pull requests. */
export const GITOPS_APP = { privateKeySecret: 'PAVED_GITOPS_APP_PRIVATE_KEY', clientIdVariable: 'PAVED_GITOPS_APP_CLIENT_ID' } as const;

/** IAM role (name) that the promotion to `environment` assumes through GitHub OIDC, in the registries' account. */
export function promoteRoleName(organization: string, environment: string): string {
  return `${organization}-${environment}-ci-promote`;
}

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
 * SBOM). Pushes to main then build nothing more: `publish` pushes the scanned image once, as `build-<sha>`, to the first
 * environment's repository, and for each environment in promotion order `promote-<env>` (bound to the GitHub
 * environment, so its protection rules decide when) copies that digest into the environment's repository as
 * `release-<sha>`, then `propose-<env>` opens a pull request to the platform repository pinning the digest for that
 * environment only. AWS access goes through GitHub OIDC with one role per purpose (no AWS keys); every job declares
 * only the permissions it needs; the workflow default is read-only.
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
      // Runs of a pull request queue behind each other; every push to main is its own group, so a promotion waiting
      // for an environment's approval never holds back the next commit's build (promotions queue per environment).
      concurrencyOptions: { group: "${{ github.workflow }}-${{ github.event_name == 'push' && github.sha || github.ref }}", cancelInProgress: false },
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

    const environments = s.environments;
    // One repository per environment, or the one `ecrRepository` for all of them.
    const repositoryOf = (env: string) => s.ecrRepositories[s.ecrRepositories.length === environments.length ? environments.indexOf(env) : 0];
    const buildRepository = repositoryOf(environments[0]);
    const buildTag = `${BUILD_TAG_PREFIX}\${{ github.sha }}`;
    const releaseTag = `${RELEASE_TAG_PREFIX}\${{ github.sha }}`;
    const assumeRole = (name: string, roleArn: string, session: string): github.workflows.JobStep => ({
      name,
      uses: ACTIONS.configureAwsCredentials,
      with: { 'role-to-assume': roleArn, 'role-session-name': session, 'aws-region': s.awsRegion, 'allowed-account-ids': s.awsAccount },
    });

    wf.addJob('publish', {
      name: `Push the build once to ${buildRepository}`,
      needs: ['image'],
      if: ON_MAIN,
      runsOn: RUNNER,
      permissions: { contents: github.workflows.JobPermission.READ, idToken: github.workflows.JobPermission.WRITE },
      timeoutMinutes: 15,
      env: { IMAGE: localImage, REGISTRY: registry, BUILD_REPOSITORY: buildRepository, BUILD_TAG: buildTag },
      outputs: { tag: { stepId: 'push', outputName: 'tag' }, digest: { stepId: 'push', outputName: 'digest' } },
      steps: [
        { name: 'Download image', uses: ACTIONS.downloadArtifact, with: { name: 'image' } },
        { name: 'Load image', run: 'docker load --input image.tar' },
        assumeRole('Assume the push role through GitHub OIDC', s.pushRoleArn, `${s.serviceName}-ci`),
        { name: 'Log in to ECR', uses: ACTIONS.amazonEcrLogin, with: { registries: s.awsAccount } },
        { name: 'Push the build', id: 'push', run: PUBLISH_SCRIPT },
      ],
    });

    environments.forEach((env, i) => {
      const previous = environments[i - 1];
      wf.addJob(`promote-${env}`, {
        name: `Promote to ${env}`,
        needs: previous ? ['publish', `propose-${previous}`] : ['publish'],
        if: ON_MAIN,
        runsOn: RUNNER,
        // The GitHub environment's protection rules (reviewers, wait timer, branches) gate the promotion, and its
        // name is in the OIDC subject (`repo:<owner>/<repo>:environment:<env>`) that the promotion role trusts.
        environment: env,
        // One promotion per environment at a time; a newer one waiting replaces an older one still waiting.
        concurrency: { 'group': `\${{ github.workflow }}-promote-${env}`, 'cancel-in-progress': false },
        permissions: { contents: github.workflows.JobPermission.READ, idToken: github.workflows.JobPermission.WRITE },
        timeoutMinutes: 15,
        env: {
          REGISTRY: registry,
          DIGEST: '${{ needs.publish.outputs.digest }}',
          SOURCE_REPOSITORY: previous ? repositoryOf(previous) : buildRepository,
          TARGET_REPOSITORY: repositoryOf(env),
          RELEASE_TAG: releaseTag,
        },
        outputs: { tag: { stepId: 'copy', outputName: 'tag' } },
        steps: [
          assumeRole(
            `Assume the ${env} promotion role through GitHub OIDC`,
            `arn:aws:iam::${s.awsAccount}:role/${promoteRoleName(s.organization, env)}`,
            `${s.serviceName}-promote-${env}`,
          ),
          { name: `Copy the digest into ${repositoryOf(env)}`, id: 'copy', run: PROMOTE_SCRIPT },
        ],
      });

      const pinBranch = `paved/${s.serviceName}-${env}-image`;
      const title = `${s.serviceName}: deploy \${{ needs.promote-${env}.outputs.tag }} to ${env}`;
      wf.addJob(`propose-${env}`, {
        name: `Propose the ${env} pin to ${s.gitopsRepo}`,
        needs: ['publish', `promote-${env}`],
        if: ON_MAIN,
        runsOn: RUNNER,
        concurrency: { 'group': `\${{ github.workflow }}-propose-${env}`, 'cancel-in-progress': false },
        // The App's key is a secret of this environment only (deployment branches: main), never a repository secret.
        // No reviewers needed here: promote-<env> was approved, and the pull request is reviewed in the platform repository.
        environment: GITOPS_ENVIRONMENT,
        permissions: { contents: github.workflows.JobPermission.READ },
        timeoutMinutes: 10,
        steps: [
          {
            name: 'Get a token for the platform repository',
            id: 'app',
            uses: ACTIONS.createGithubAppToken,
            with: {
              'client-id': `\${{ vars.${GITOPS_APP.clientIdVariable} }}`,
              'private-key': `\${{ secrets.${GITOPS_APP.privateKeySecret} }}`,
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
            name: `Pin the digest for ${env} in the descriptor`,
            env: { ENVIRONMENT: env, DIGEST: '${{ needs.publish.outputs.digest }}' },
            run: writeDescriptorScript(`platform/${s.gitopsDescriptorPath}`),
          },
          {
            name: 'Open or update the pull request',
            uses: ACTIONS.createPullRequest,
            with: {
              'token': '${{ steps.app.outputs.token }}',
              'path': 'platform',
              'base': s.gitopsBaseBranch,
              'branch': pinBranch,
              'add-paths': s.gitopsDescriptorPath,
              'commit-message': title,
              'title': title,
              'body': [
                `\`\${{ needs.promote-${env}.outputs.tag }}\` of [${s.serviceName}](\${{ github.server_url }}/\${{ github.repository }}) was scanned, pushed once and`,
                `copied by digest into \`${repositoryOf(env)}\`. This pins \`environments.${env}.imageTag\` to`,
                '`${{ needs.publish.outputs.digest }}` in `' + s.gitopsDescriptorPath + '`; other environments keep their pins.',
                '',
                `The descriptor is the service's \`${DESCRIPTOR_FILE}\`. A new service joins the platform when \`platform.config.ts\``,
                `lists it: \`require('./${s.gitopsDescriptorPath}')\` in \`services\`.`,
              ].join('\n'),
              'delete-branch': true,
              'sign-commits': true,
            },
          },
        ],
      });
    });
  }
}

/**
 * `publish`: pushes the scanned image once as `$BUILD_TAG` and reports its digest. Tags are immutable, so a re-run of
 * the same commit finds the tag already there and promotes the image that run pushed.
 */
export const PUBLISH_SCRIPT = [
  'set -euo pipefail',
  'digest_of() {',
  '  aws ecr describe-images --repository-name "$BUILD_REPOSITORY" --image-ids "imageTag=$BUILD_TAG" \\',
  "    --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true",
  '}',
  'existing="$(digest_of)"',
  'if [[ "$existing" == sha256:* ]]; then',
  '  echo "::notice::$BUILD_REPOSITORY:$BUILD_TAG was pushed by an earlier run of this commit ($existing): promoting that image"',
  'else',
  '  docker tag "$IMAGE" "$REGISTRY/$BUILD_REPOSITORY:$BUILD_TAG"',
  '  docker push "$REGISTRY/$BUILD_REPOSITORY:$BUILD_TAG"',
  'fi',
  'digest="$(digest_of)"',
  'if ! [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then',
  '  echo "::error::no digest for $BUILD_REPOSITORY:$BUILD_TAG after the push (got \'$digest\')"',
  '  exit 1',
  'fi',
  'echo "tag=$BUILD_TAG" >> "$GITHUB_OUTPUT"',
  'echo "digest=$digest" >> "$GITHUB_OUTPUT"',
].join('\n');

/**
 * `promote-<env>`: copies `$DIGEST` from the previous environment's repository (the first one: where it was pushed)
 * into `$TARGET_REPOSITORY` as `$RELEASE_TAG`, and checks that the tag holds exactly that digest. ECR's `put-image`
 * only re-tags inside one repository (another repository lacks the layers), so the copy is skopeo's, with
 * `--preserve-digests` (it fails rather than change a digest) and `--all` (image indexes keep theirs). Re-runs are
 * no-ops; a release tag holding another digest fails.
 */
export const PROMOTE_SCRIPT = [
  'set -euo pipefail',
  'if ! [[ "$DIGEST" =~ ^sha256:[0-9a-f]{64}$ ]]; then',
  '  echo "::error::the publish job reported no image digest (got \'$DIGEST\')"',
  '  exit 1',
  'fi',
  'digest_of() {',
  '  aws ecr describe-images --repository-name "$TARGET_REPOSITORY" --image-ids "imageTag=$RELEASE_TAG" \\',
  "    --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true",
  '}',
  'existing="$(digest_of)"',
  'if [ "$existing" = "$DIGEST" ]; then',
  '  echo "$TARGET_REPOSITORY:$RELEASE_TAG already holds $DIGEST"',
  'elif [[ "$existing" == sha256:* ]]; then',
  '  echo "::error::$TARGET_REPOSITORY:$RELEASE_TAG holds $existing, not $DIGEST (tags are immutable: promote a new commit)"',
  '  exit 1',
  'else',
  '  aws ecr get-login-password --region "$AWS_REGION" | skopeo login --username AWS --password-stdin "$REGISTRY"',
  '  skopeo copy --all --preserve-digests \\',
  '    "docker://$REGISTRY/$SOURCE_REPOSITORY@$DIGEST" "docker://$REGISTRY/$TARGET_REPOSITORY:$RELEASE_TAG"',
  'fi',
  'copied="$(digest_of)"',
  'if [ "$copied" != "$DIGEST" ]; then',
  '  echo "::error::$TARGET_REPOSITORY:$RELEASE_TAG holds \'$copied\' after the copy, not $DIGEST"',
  '  exit 1',
  'fi',
  'echo "tag=$RELEASE_TAG" >> "$GITHUB_OUTPUT"',
].join('\n');

/**
 * Writes the platform's copy of the descriptor for a promotion to `$ENVIRONMENT`: the service's descriptor as it is
 * now, with `environments.<env>.imageTag` set to `$DIGEST` and every other environment's pin (and the fallback
 * `image.tag`) kept from the platform's current copy, so a promotion never changes what another environment runs.
 * Node is on every runner, and the JSON is written the way projen writes the descriptor (2 spaces, final newline).
 */
export function writeDescriptorScript(target: string): string {
  const js = [
    "const fs = require('node:fs');",
    "const path = require('node:path');",
    `const target = '${target}';`,
    'const { DIGEST, ENVIRONMENT } = process.env;',
    "if (!/^sha256:[0-9a-f]{64}$/.test(DIGEST || '')) throw new Error('DIGEST is not an image digest: ' + DIGEST);",
    "if (!/^[a-z][a-z0-9-]*$/.test(ENVIRONMENT || '')) throw new Error('ENVIRONMENT is not an environment name: ' + ENVIRONMENT);",
    `const fresh = JSON.parse(fs.readFileSync('service/${DESCRIPTOR_FILE}', 'utf8'));`,
    "const current = fs.existsSync(target) ? JSON.parse(fs.readFileSync(target, 'utf8')) : {};",
    'const pins = {};',
    'for (const [env, o] of Object.entries(current.environments || {})) if (o && o.imageTag) pins[env] = o.imageTag;',
    'pins[ENVIRONMENT] = DIGEST;',
    'const environments = { ...fresh.environments };',
    'for (const [env, tag] of Object.entries(pins)) environments[env] = { ...environments[env], imageTag: tag };',
    'const tag = (current.image && current.image.tag) || fresh.image.tag;',
    'const descriptor = { ...fresh, image: { ...fresh.image, tag }, environments };',
    'fs.mkdirSync(path.dirname(target), { recursive: true });',
    "fs.writeFileSync(target, JSON.stringify(descriptor, null, 2) + '\\n');",
  ].join('\n');
  return `node - <<'EOF'\n${js}\nEOF`;
}
