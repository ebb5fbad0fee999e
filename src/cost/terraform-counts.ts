import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Counts of resources in the synthesized Terraform, per stack: what the estimate prices by number (keys, secrets,
 * zones, NAT gateways, public addresses) comes from here, so it cannot drift from what would be deployed.
 */
export class TerraformCounts {
  private readonly byStack = new Map<string, Record<string, number>>();

  constructor(terraformDir: string) {
    const stacksDir = path.join(terraformDir, 'stacks');
    for (const stack of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : []) {
      const file = path.join(stacksDir, stack, 'cdk.tf.json');
      if (!fs.existsSync(file)) continue;
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      this.byStack.set(stack, Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length])));
    }
  }

  /** Resources of `type` in the given stacks (missing stacks count 0). */
  count(type: string, stacks: readonly string[]): number {
    return stacks.reduce((n, s) => n + (this.byStack.get(s)?.[type] ?? 0), 0);
  }

  get stacks(): readonly string[] {
    return [...this.byStack.keys()];
  }
}
