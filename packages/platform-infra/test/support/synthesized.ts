import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import example from '../../../../platform.config';
import { synthesizeInfrastructure, type StackSummary } from '../../src';

/** One resource of a synthesized stack, addressed like `prod-data:aws_db_instance.postgres_instance_919E2690`. */
export interface TfResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** The cdktf construct path, such as `prod-data/postgres/instance`. */
  readonly path: string;
  readonly body: Record<string, any>;
}

export interface TfStack {
  readonly name: string;
  readonly json: Record<string, any>;
}

/** The real output of `synthesizeInfrastructure`, read back from `stacks/<stack>/cdk.tf.json`. */
export class Synthesized {
  constructor(
    readonly outdir: string,
    readonly stacks: readonly StackSummary[],
  ) {}

  stack(name: string): TfStack {
    const file = path.join(this.outdir, 'stacks', name, 'cdk.tf.json');
    return { name, json: JSON.parse(fs.readFileSync(file, 'utf8')) };
  }

  allStacks(): TfStack[] {
    return this.stacks.map((s) => this.stack(s.name));
  }

  resources(stack: string, type: string): TfResource[] {
    return this.entries(stack, 'resource', type);
  }

  dataSources(stack: string, type: string): TfResource[] {
    return this.entries(stack, 'data', type);
  }

  /** The single resource of `type` whose construct path ends with `pathSuffix`. */
  resource(stack: string, type: string, pathSuffix: string): TfResource {
    const found = this.resources(stack, type).filter((r) => r.path.endsWith(pathSuffix));
    if (found.length !== 1) throw new Error(`${stack}: ${found.length} ${type} resources end with '${pathSuffix}'`);
    return found[0];
  }

  /**
   * The statements of a policy attribute (an IAM JSON string, references inside), in the shape of the construct
   * props: `{ sid, effect, actions, resources, principals: [{ type, identifiers }], condition: [{ test, variable, values }] }`.
   */
  policyStatements(policy: string): Record<string, any>[] {
    const document = JSON.parse(policy) as { Statement: Record<string, any>[] };
    return document.Statement.map((s) => ({
      sid: s.Sid,
      effect: s.Effect,
      actions: s.Action,
      resources: s.Resource,
      principals: s.Principal === '*' ? [{ type: '*', identifiers: ['*'] }]
        : s.Principal && Object.entries<string[]>(s.Principal).map(([type, identifiers]) => ({ type, identifiers })),
      condition: s.Condition && Object.entries<Record<string, string[]>>(s.Condition).flatMap(([test, byVariable]) =>
        Object.entries(byVariable).map(([variable, values]) => ({ test, variable, values }))),
    }));
  }

  private entries(stack: string, block: 'resource' | 'data', type: string): TfResource[] {
    const byName: Record<string, any> = this.stack(stack).json[block]?.[type] ?? {};
    return Object.entries(byName).map(([name, body]) => ({ stack, type, name, path: body['//']?.metadata?.path ?? '', body }));
  }
}

/** Synthesizes a config (the root example by default) into a fresh temp dir. */
export function synthesize(config: PlatformConfig = example, environments?: readonly string[]): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'paved-infra-'));
  const { stacks } = synthesizeInfrastructure(resolvePlatform(config), { outdir, environments });
  return new Synthesized(outdir, stacks);
}

export { example };
