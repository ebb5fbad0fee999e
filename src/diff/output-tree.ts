import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { compareText } from './rename-pairing';
import { UserError } from '../cli/user-error';
import { OUTPUT_MARKER } from '../synth/atomic-output';

/** A synthesized stack as cdktf writes it (`cdk.tf.json`); only the blocks the diff reads are typed. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
}

/** One Kubernetes object of the GitOps tree and the file it came from (relative to `gitops/<env>/`). */
export interface ManifestObject {
  readonly file: string;
  readonly value: Record<string, unknown>;
}

/** An output directory as the diff sees it; either half may be absent (a deploy record has no GitOps tree). */
export interface OutputTree {
  readonly dir: string;
  /** Stack name -> parsed `cdk.tf.json`; undefined when the directory has no `terraform/stacks`. */
  readonly stacks?: ReadonlyMap<string, StackJson>;
  /** Environment -> its objects; undefined when the directory has no `gitops`. */
  readonly gitops?: ReadonlyMap<string, readonly ManifestObject[]>;
  /** Environment names from `summary.json`, when the directory has one. */
  readonly environments: readonly string[];
}

/**
 * Reads an output directory in the `paved synth` layout (`terraform/stacks/<stack>/cdk.tf.json`,
 * `gitops/<env>/**.yaml`). Anything unreadable is the user's baseline being damaged: one error line naming the file.
 */
export function readOutputTree(dir: string, shown: string): OutputTree {
  const stacksDir = path.join(dir, 'terraform', 'stacks');
  const gitopsDir = path.join(dir, 'gitops');
  const hasStacks = isDirectory(stacksDir);
  const hasGitops = isDirectory(gitopsDir);
  if (!hasStacks && !hasGitops) {
    throw new UserError([`error: ${shown}: not a paved output (no terraform/stacks/ and no gitops/ inside; a directory written by 'paved synth' or 'paved deploy')`]);
  }
  return {
    dir,
    stacks: hasStacks ? readStacks(stacksDir, path.join(shown, 'terraform', 'stacks')) : undefined,
    gitops: hasGitops ? readGitops(gitopsDir, path.join(shown, 'gitops')) : undefined,
    environments: environmentsOf(path.join(dir, OUTPUT_MARKER)),
  };
}

function readStacks(dir: string, shown: string): Map<string, StackJson> {
  const stacks = new Map<string, StackJson>();
  for (const name of sortedEntries(dir)) {
    const file = path.join(dir, name, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    const display = path.join(shown, name, 'cdk.tf.json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UserError([`error: ${display}: not valid JSON: ${firstLine(e)} (the cdk.tf.json written by 'paved synth'; re-record it with 'paved deploy')`]);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new UserError([`error: ${display}: (root): not a JSON object (a cdktf stack with resource/terraform blocks)`]);
    }
    const resource = (parsed as StackJson).resource;
    if (resource !== undefined && !Object.values(resource).every((byName) => typeof byName === 'object' && byName !== null)) {
      throw new UserError([`error: ${display}: resource: not an object of resource types (resource.<type>.<name> = { ... })`]);
    }
    stacks.set(name, parsed as StackJson);
  }
  return stacks;
}

function readGitops(dir: string, shown: string): Map<string, ManifestObject[]> {
  const environments = new Map<string, ManifestObject[]>();
  for (const env of sortedEntries(dir)) {
    if (!isDirectory(path.join(dir, env))) continue;
    const objects: ManifestObject[] = [];
    for (const file of yamlFiles(path.join(dir, env), '')) {
      const display = path.join(shown, env, file);
      const docs = parseAllDocuments(fs.readFileSync(path.join(dir, env, file), 'utf8'));
      for (const doc of docs) {
        if (doc.errors.length > 0) throw new UserError([`error: ${display}: not valid YAML: ${firstLine(doc.errors[0])} (Kubernetes manifests)`]);
        const value: unknown = doc.toJS();
        if (value === null || value === undefined) continue;
        if (typeof value !== 'object' || Array.isArray(value)) {
          throw new UserError([`error: ${display}: (document): not a Kubernetes object (a mapping with apiVersion, kind and metadata.name)`]);
        }
        objects.push({ file, value: value as Record<string, unknown> });
      }
    }
    environments.set(env, objects);
  }
  return environments;
}

/** Best effort: summary.json only helps to tell environment stacks from platform-wide ones. */
function environmentsOf(file: string): string[] {
  try {
    const summary = JSON.parse(fs.readFileSync(file, 'utf8')) as { environments?: { name?: unknown }[] };
    return (summary.environments ?? []).map((e) => e.name).filter((n): n is string => typeof n === 'string');
  } catch {
    return [];
  }
}

function yamlFiles(root: string, sub: string): string[] {
  return sortedEntries(path.join(root, sub)).flatMap((name) => {
    const rel = sub ? `${sub}/${name}` : name;
    if (isDirectory(path.join(root, rel))) return yamlFiles(root, rel);
    return /\.ya?ml$/.test(name) ? [rel] : [];
  });
}

const sortedEntries = (dir: string): string[] => fs.readdirSync(dir).sort(compareText);
const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0];

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
