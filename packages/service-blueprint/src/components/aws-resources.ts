import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { awscdk, Component, github, javascript, SampleFile, TextFile, type Project } from 'projen';
import type { ServiceSettings } from '../settings';
import { ACTIONS, AWS_CDK_CLI_VERSION, AWS_CDK_LIB_VERSION, CDK_CONSTRUCTS_VERSION, MIN_NODE_VERSION, NODE_VERSION, TYPESCRIPT_VERSION } from '../versions';
import { ServiceWorkflow } from './service-workflow';

/** Folder of the CDK app inside the service repository. */
export const INFRA_DIR = 'infra';

/** Options of `AwsResources`. */
export interface AwsResourcesOptions {
  /** The resolved service settings (with `awsResources`). */
  readonly service: ServiceSettings;
}

/** One environment of the CDK app: where its stack goes and how the platform names its roles. */
export interface InfraEnvironment {
  readonly name: string;
  readonly account: string;
  /** The last environment in promotion order holds production data: its resources are retained. */
  readonly production: boolean;
  /** CDK stack id (the CLI's stack selector). */
  readonly stackId: string;
  /** CloudFormation stack name, `<org>-<env>-<service>-resources`. */
  readonly stackName: string;
  /** The role CI assumes through GitHub OIDC (bootstrap stack of the environment's account). */
  readonly deployRoleArn: string;
  /** The role CloudFormation acts with (`cdk deploy --role-arn`). */
  readonly executionRoleArn: string;
}

/** The environments of the app, from the service settings; the contract of docs/service-resources.md. */
export function infraEnvironments(s: ServiceSettings): InfraEnvironment[] {
  const accounts = s.awsResources?.accounts ?? {};
  return s.environments.map((env, i) => {
    const prefix = `${s.organization}-${env}-${s.serviceName}`;
    const account = accounts[env] ?? s.awsAccount;
    return {
      name: env,
      account,
      production: i === s.environments.length - 1,
      stackId: env,
      stackName: `${prefix}-resources`,
      deployRoleArn: `arn:aws:iam::${account}:role/${prefix}-cfn-deploy`,
      executionRoleArn: `arn:aws:iam::${account}:role/${prefix}-cfn-exec`,
    };
  });
}

/** `^<version>` of this blueprint: the constructs are released with it. */
function ownVersionRange(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')) as { version: string };
  return pkg.version === '0.0.0' ? '*' : `^${pkg.version}`;
}

/**
 * `--aws-resources`: an AWS CDK app under `infra/` (a projen AwsCdkTypeScriptApp subproject with its own
 * package.json, so every service type gets the same app) with one PavedServiceStack per environment; the tasks
 * `infra:synth`, `infra:diff` and `infra:deploy`; and CI jobs that diff every environment on pull requests and deploy
 * each environment after its image is promoted, before the descriptor pin is proposed, so the resources exist before
 * the new version runs.
 */
export class AwsResources extends Component {
  public static of(project: Project): AwsResources | undefined {
    return project.components.find((c): c is AwsResources => c instanceof AwsResources);
  }

  /** The CDK app's project (`infra/`). */
  public readonly app: awscdk.AwsCdkTypeScriptApp;

  constructor(project: Project, options: AwsResourcesOptions) {
    super(project);
    const s = options.service;
    const settings = s.awsResources;
    if (!settings) throw new Error('AwsResources needs service.awsResources');
    const environments = infraEnvironments(s);

    this.app = new awscdk.AwsCdkTypeScriptApp({
      parent: project,
      outdir: INFRA_DIR,
      name: `${s.serviceName}-infra`,
      description: `AWS resources of ${s.serviceName}, one stack per environment (Paved)`,
      defaultReleaseBranch: s.defaultBranch,
      packageManager: javascript.NodePackageManager.NPM,
      cdkVersion: AWS_CDK_LIB_VERSION,
      cdkVersionPinning: true,
      cdkCliVersion: AWS_CDK_CLI_VERSION,
      constructsVersion: CDK_CONSTRUCTS_VERSION,
      typescriptVersion: TYPESCRIPT_VERSION,
      minNodeVersion: MIN_NODE_VERSION,
      deps: [`@paved/service-constructs@${settings.serviceConstructsVersion ?? ownVersionRange()}`],
      requireApproval: awscdk.ApprovalLevel.NEVER,
      sampleCode: false,
      licensed: false,
      jest: false,
      eslint: false,
      prettier: false,
      github: false,
      release: false,
      buildWorkflow: false,
      depsUpgrade: false,
      projenrcTs: false,
      projenrcJson: false,
      package: false,
      readme: { contents: infraReadme(s, environments) },
    });
    this.app.package.addField('private', true);
    this.app.package.file.addDeletionOverride('publishConfig');
    // ts-node runs the app (cdk.json `app`); pinned rather than projen's `*`. esbuild only bundles Lambda code, which
    // a Paved service app has none of (the platform's roles cannot deploy assets).
    this.app.addDevDeps('ts-node@^10.9.2');
    this.app.deps.removeDependency('esbuild');
    // The CLI would run `npx projen bundle` before each synth: projen is not installed in infra/ (the repository root
    // owns it) and there is nothing to bundle.
    this.app.cdkConfig.json.addDeletionOverride('build');
    // ts-node type-checks the app on every synth; checking aws-cdk-lib's own declarations would take minutes.
    this.app.tsconfig?.file.addOverride('compilerOptions.skipLibCheck', true);

    new TextFile(this.app, 'src/service.generated.ts', {
      readonly: true,
      lines: [
        '// ~~ Generated by projen. To modify, edit the service\'s .projenrc and run "npx projen".',
        '/** The service and its environments, from the Paved blueprint settings. */',
        'export const SERVICE = {',
        `  organization: '${s.organization}',`,
        `  service: '${s.serviceName}',`,
        `  region: '${s.awsRegion}',`,
        '  environments: [',
        ...environments.map((e) => `    { name: '${e.name}', account: '${e.account}', production: ${e.production} },`),
        '  ],',
        '  /** The descriptor\'s awsResources.resources: PavedServiceStack fails the synth when the app differs (undefined: not compared). */',
        ...(settings.resources.length > 0
          ? ['  resources: [', ...settings.resources.map((r) => `    { type: '${r.type}', name: '${r.name}' },`), '  ],']
          : ['  resources: undefined,']),
        '} as const;',
        '',
      ],
    });
    new SampleFile(this.app, 'src/main.ts', { contents: MAIN_SAMPLE });

    const cdk = (command: string) => `npx cdk ${command}`;
    project.addTask('infra:synth', {
      description: 'Synthesize the AWS CDK app (infra/cdk.out); cdk-nag findings fail it',
      cwd: INFRA_DIR,
      // Offline: no fetch of the CLI's notices.
      exec: cdk('synth --quiet --no-notices'),
    });
    project.addTask('infra:diff', {
      description: 'Compare the CDK stacks with what is deployed (pass a stack, e.g. dev)',
      cwd: INFRA_DIR,
      exec: cdk('diff'),
      receiveArgs: true,
    });
    project.addTask('infra:deploy', {
      description: 'Deploy a CDK stack (pass the stack and --role-arn of its <org>-<env>-<service>-cfn-exec role)',
      cwd: INFRA_DIR,
      exec: cdk('deploy --require-approval never'),
      receiveArgs: true,
    });

    const workflow = ServiceWorkflow.of(project);
    if (workflow) addInfraJobs(workflow.workflow, s, environments);
  }
}

function addInfraJobs(wf: github.GithubWorkflow, s: ServiceSettings, environments: InfraEnvironment[]): void {
  const ON_MAIN = `github.event_name == 'push' && github.ref == 'refs/heads/${s.defaultBranch}'`;
  const prepare: github.workflows.JobStep[] = [
    { name: 'Check out', uses: ACTIONS.checkout, with: { 'persist-credentials': false } },
    { name: 'Set up Node.js', uses: ACTIONS.setupNode, with: { 'node-version': NODE_VERSION, 'cache': 'npm', 'cache-dependency-path': `${INFRA_DIR}/package-lock.json` } },
    { name: 'Install the CDK app', run: 'npm ci', workingDirectory: INFRA_DIR },
  ];
  const assume = (env: InfraEnvironment): github.workflows.JobStep => ({
    name: `Assume ${env.deployRoleArn.split('/')[1]} through GitHub OIDC`,
    uses: ACTIONS.configureAwsCredentials,
    with: {
      'role-to-assume': env.deployRoleArn,
      'role-session-name': `${s.serviceName}-infra-${env.name}`,
      'aws-region': s.awsRegion,
      'allowed-account-ids': env.account,
    },
  });
  const permissions = { contents: github.workflows.JobPermission.READ, idToken: github.workflows.JobPermission.WRITE };

  for (const env of environments) {
    // Bound to the GitHub environment: the deploy role trusts `repo:<repository>:environment:<env>` only.
    wf.addJob(`infra-diff-${env.name}`, {
      name: `CDK diff of ${env.stackName}`,
      if: "github.event_name == 'pull_request'",
      needs: ['verify'],
      runsOn: ['ubuntu-24.04'],
      environment: env.name,
      permissions,
      timeoutMinutes: 15,
      steps: [...prepare, assume(env), { name: 'Diff', run: `npx cdk diff ${env.stackId}`, workingDirectory: INFRA_DIR }],
    });
    wf.addJob(`infra-deploy-${env.name}`, {
      name: `Deploy ${env.stackName}`,
      needs: [`promote-${env.name}`],
      if: ON_MAIN,
      runsOn: ['ubuntu-24.04'],
      environment: env.name,
      concurrency: { 'group': `\${{ github.workflow }}-infra-${env.name}`, 'cancel-in-progress': false },
      permissions,
      timeoutMinutes: 30,
      steps: [
        ...prepare,
        assume(env),
        {
          name: 'Deploy with the CloudFormation execution role',
          run: `npx cdk deploy ${env.stackId} --require-approval never --role-arn ${env.executionRoleArn}`,
          workingDirectory: INFRA_DIR,
        },
      ],
    });
    // The descriptor pin that rolls the new version out waits for the resources it may use.
    const propose = wf.getJob(`propose-${env.name}`) as github.workflows.Job | undefined;
    if (propose) wf.updateJob(`propose-${env.name}`, { ...propose, needs: [...(propose.needs ?? []), `infra-deploy-${env.name}`] });
  }
}

function infraReadme(s: ServiceSettings, environments: InfraEnvironment[]): string {
  return [
    `# AWS resources of ${s.serviceName}`,
    '',
    'An AWS CDK app with one stack per environment, built from `@paved/service-constructs` (PavedBucket, PavedQueue,',
    'PavedTopic, PavedTable). Edit `src/main.ts`; `src/service.generated.ts` comes from the blueprint settings in the',
    "repository's `.projenrc`. cdk-nag's AwsSolutions checks run on every synth and fail it on any finding that is not",
    'acknowledged with a reason.',
    '',
    '| environment | stack | deployed by CI with |',
    '| --- | --- | --- |',
    ...environments.map((e) => `| ${e.name} | \`${e.stackName}\` | \`${e.deployRoleArn}\`, \`--role-arn ${e.executionRoleArn}\` |`),
    '',
    'From the repository root: `npx projen infra:synth` (offline), `npx projen infra:diff <env>` and',
    '`npx projen infra:deploy <env> --role-arn <cfn-exec role>` (with credentials of the cfn-deploy role). CI diffs every',
    "environment on pull requests and deploys each one after its image is promoted. The platform's side, and what the",
    "roles allow, is described in the platform repository's docs/service-resources.md.",
    '',
  ].join('\n');
}

const MAIN_SAMPLE = `import { PavedQueue, PavedServiceStack } from '@paved/service-constructs';
import { App } from 'aws-cdk-lib';
import { SERVICE } from './service.generated';

/**
 * The service's own AWS resources, one stack per environment. Paved constructs (PavedBucket, PavedQueue, PavedTopic,
 * PavedTable) bring the platform's guardrails; cdk-nag checks every synth. Deployed by CI with the platform's
 * <org>-<env>-<service>-cfn-deploy and -cfn-exec roles (no CDK bootstrap needed).
 */
const app = new App();
for (const env of SERVICE.environments) {
  const stack = new PavedServiceStack(app, env.name, {
    organization: SERVICE.organization,
    environment: env.name,
    service: SERVICE.service,
    production: env.production,
    account: env.account,
    region: SERVICE.region,
    serviceEnvironments: SERVICE.environments.map((e) => e.name),
    declaredResources: SERVICE.resources,
  });
  // An example: a queue (with its dead-letter queue) the service's pods consume. Replace it with your resources.
  new PavedQueue(stack, 'Jobs', { name: 'jobs' }).grantConsumeMessages();
}
app.synth();
`;
