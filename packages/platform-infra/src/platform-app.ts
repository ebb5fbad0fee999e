import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedPlatform } from '@paved/shared-config';
import type { App } from 'cdktf';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { ClusterStack } from './stacks/cluster-stack';
import { DataStack } from './stacks/data-stack';
import { NetworkStack } from './stacks/network-stack';
import type { PavedStack } from './stacks/paved-stack';
import { PlatformStack } from './stacks/platform-stack';
import { SharedStack } from './stacks/shared-stack';
import type { StackSummary } from './synthesize';

export interface PlatformAppOptions {
  /**
   * Only these environments' stacks (platform-wide stacks are always included).
   * @default - every environment
   */
  readonly environments?: readonly string[];
}

/**
 * Wires one stack per state boundary: `bootstrap` (+ `bootstrap-<account>` per other account), `shared`, and per
 * environment `<env>-network`, `<env>-cluster`, `<env>-data`, `<env>-platform`. Stack ids are state keys: renaming one
 * would orphan its state.
 */
export class PlatformApp {
  readonly stacks: PavedStack[] = [];

  constructor(
    private readonly app: App,
    platform: ResolvedPlatform,
    options: PlatformAppOptions = {},
  ) {
    const bootstrap = new BootstrapStack(app, 'bootstrap', { platform, account: platform.management.account });
    this.stacks.push(bootstrap);
    for (const account of platform.accounts.filter((a) => a !== platform.management.account)) {
      const other = new BootstrapStack(app, `bootstrap-${account}`, { platform, account });
      // The state bucket's policy names the CI roles of the other accounts, which must exist first.
      bootstrap.addDependency(other);
      this.stacks.push(other);
    }
    const shared = new SharedStack(app, 'shared', { platform });
    this.stacks.push(shared);
    const envs = platform.environments.filter((e) => !options.environments || options.environments.includes(e.name));
    for (const environment of envs) {
      const network = new NetworkStack(app, `${environment.name}-network`, { platform, environment, rootZone: shared.rootZone });
      const cluster = new ClusterStack(app, `${environment.name}-cluster`, { platform, environment, network: network.refs, zone: network.zone });
      const data = new DataStack(app, `${environment.name}-data`, { platform, environment, network: network.refs, cluster });
      const platformStack = new PlatformStack(app, `${environment.name}-platform`, {
        platform,
        environment,
        network: network.refs,
        zone: network.zone,
        cluster,
      });
      this.stacks.push(network, cluster, data, platformStack);
    }
  }

  /** Resource counts and dependencies, read from the synthesized stacks. */
  summarize(): StackSummary[] {
    return this.stacks.map((stack) => {
      const file = path.join(this.app.outdir, 'stacks', stack.node.id, 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      return {
        name: stack.node.id,
        environment: stack.environment,
        resources,
        dependencies: stack.dependencies.map((d) => d.node.id).sort(),
      };
    });
  }
}
