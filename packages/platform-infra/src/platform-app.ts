import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ResolvedPlatform } from '@paved/shared-config';
import { type App, S3Backend, TerraformStack } from 'cdktf';
import type { StackSummary } from './synthesize';

export interface PlatformAppOptions {
  readonly environments?: readonly string[];
}

/** Wires one stack per state boundary for the platform. */
export class PlatformApp {
  private readonly stacks: { stack: TerraformStack; environment?: string }[] = [];

  constructor(
    private readonly app: App,
    platform: ResolvedPlatform,
    options: PlatformAppOptions = {},
  ) {
    const envs = platform.environments.filter((e) => !options.environments || options.environments.includes(e.name));
    for (const env of envs) {
      const name = `${env.name}-network`;
      const stack = new TerraformStack(app, name);
      new AwsProvider(stack, 'aws', { region: env.region, allowedAccountIds: [env.account], defaultTags: [{ tags: { ...env.tags } }] });
      new S3Backend(stack, {
        bucket: platform.naming.stateBucket(platform.management.account),
        key: platform.naming.stateKey(name),
        region: platform.management.region,
        encrypt: true,
      });
      this.stacks.push({ stack, environment: env.name });
    }
  }

  /** Resource counts and dependencies, read from the synthesized stacks. */
  summarize(): StackSummary[] {
    return this.stacks.map(({ stack, environment }) => {
      const file = path.join(this.app.outdir, 'stacks', stack.node.id, 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      return { name: stack.node.id, environment, resources, dependencies: stack.dependencies.map((d) => d.node.id) };
    });
  }
}
