import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Profile } from '@paved/shared-config';
import type { CheckInput, EnvironmentProfile } from './check-input';
import { readYamlDocuments } from './yaml-documents';
import { type ManifestDocument, type ManifestProblem, toManifestDocument } from '../model/manifests';
import type { TerraformStackInput } from '../model/terraform';
import { isObj, type Obj } from '../model/values';

/** What `summary.json` of a Paved output says about environments and stacks (the parts the checks need). */
interface OutputSummary {
  readonly environments?: readonly { readonly name: string; readonly profile: string }[];
  readonly terraform?: { readonly stacks?: readonly { readonly name: string; readonly environment?: string }[] };
}

/** Thrown when `dir` is not a Paved output directory. */
export class OutputDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirectoryError';
  }
}

/**
 * Reads a Paved output directory (`summary.json`, `terraform/stacks/<stack>/cdk.tf.json`, `gitops/<env>/**.yaml`):
 * every stack and every manifest file on disk, including files edited or added by hand after synthesis.
 */
export interface InMemoryManifest {
  /** Path under `gitops/`: `<env>/...`. */
  readonly file: string;
  readonly line: number;
  readonly object: unknown;
}

/**
 * @param manifests the documents of `gitops/`, when the caller has just written them (paved synth): the files are then
 * not parsed again. @default - read and parse every YAML file under `gitops/`
 */
export function readOutput(dir: string, manifests?: readonly InMemoryManifest[]): CheckInput {
  const summaryFile = path.join(dir, 'summary.json');
  if (!fs.existsSync(summaryFile)) {
    throw new OutputDirectoryError(`${dir} is not a paved output directory (no summary.json): run paved synth first`);
  }
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as OutputSummary;
  const environments: EnvironmentProfile[] = (summary.environments ?? [])
    .filter((e) => e.profile === 'development' || e.profile === 'production')
    .map((e) => ({ name: e.name, profile: e.profile as Profile }));
  const stackEnvironments = new Map((summary.terraform?.stacks ?? []).map((s) => [s.name, s.environment] as const));

  const stacks: TerraformStackInput[] = [];
  const stacksDir = path.join(dir, 'terraform', 'stacks');
  for (const name of listDir(stacksDir)) {
    const rel = `terraform/stacks/${name}/cdk.tf.json`;
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const json = JSON.parse(text) as Obj;
    const environment = stackEnvironments.has(name) ? stackEnvironments.get(name) : environmentTag(json);
    stacks.push({ name, environment, file: rel, json, text });
  }

  if (manifests) {
    const documents = manifests
      .map((m) => toManifestDocument(m.file.split('/')[0], `gitops/${m.file}`, m.line, structuredClone(m.object)))
      .filter((d): d is ManifestDocument => d !== undefined);
    return { environments, stacks, documents, manifestFiles: new Set(manifests.map((m) => m.file)).size, problems: [] };
  }
  const documents: ManifestDocument[] = [];
  const problems: ManifestProblem[] = [];
  let manifestFiles = 0;
  const gitopsDir = path.join(dir, 'gitops');
  for (const environment of listDir(gitopsDir)) {
    if (!fs.statSync(path.join(gitopsDir, environment)).isDirectory()) continue;
    for (const rel of walkYaml(path.join(gitopsDir, environment))) {
      const file = `gitops/${environment}/${rel}`;
      manifestFiles++;
      const parsed = parseManifests(environment, file, fs.readFileSync(path.join(dir, file), 'utf8'));
      documents.push(...parsed.documents);
      problems.push(...parsed.problems);
    }
  }
  return { environments, stacks, documents, manifestFiles, problems };
}

/** Parses a multi-document YAML file into Kubernetes objects (`kind: List` is flattened). */
export function parseManifests(environment: string, file: string, text: string): { documents: ManifestDocument[]; problems: ManifestProblem[] } {
  const documents: ManifestDocument[] = [];
  const read = readYamlDocuments(text);
  for (const { line, value } of read.documents) {
    const items = isObj(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) {
      // YAML that is not a Kubernetes object (a values file, metadata) is not a manifest: nothing to check.
      const manifest = toManifestDocument(environment, file, line, item);
      if (manifest) documents.push(manifest);
    }
  }
  return { documents, problems: read.problems.map((p) => ({ file, ...p })) };
}

function environmentTag(json: Obj): string | undefined {
  const aws = isObj(json.provider) ? json.provider.aws : undefined;
  const first = Array.isArray(aws) ? aws[0] : aws;
  const defaultTags = isObj(first) ? first.default_tags : undefined;
  const tags = Array.isArray(defaultTags) ? defaultTags[0]?.tags : isObj(defaultTags) ? defaultTags.tags : undefined;
  const env = isObj(tags) ? tags['paved:environment'] : undefined;
  return typeof env === 'string' ? env : undefined;
}

function listDir(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

function walkYaml(root: string): string[] {
  const files: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(root, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (/\.ya?ml$/.test(entry.name)) files.push(rel);
    }
  };
  walk('');
  return files;
}
