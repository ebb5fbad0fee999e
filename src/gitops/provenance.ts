import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { tryGit } from './git';

/** Where the rendered tree came from: the commit of the config's repository, marked when it had local changes. */
export function sourceCommitOf(configFile: string): string {
  const cwd = path.dirname(configFile);
  const head = tryGit(['rev-parse', 'HEAD'], { cwd });
  if (!head) return 'unknown';
  const dirty = tryGit(['status', '--porcelain', '--untracked-files=no'], { cwd });
  return dirty ? `${head}+dirty` : head;
}

/**
 * The provenance file of an environment folder, named like the `hydrator.metadata` of ArgoCD's Source Hydrator. No
 * time stamp: publishing the same inputs twice must give the same bytes (and no commit).
 */
export function provenanceFile(input: { environment: string; sourceCommit: string; manifests: readonly string[]; repoUrl: string }): string {
  // A hash of this environment's manifests, not of the whole config: a change elsewhere leaves this file alone.
  const manifestsHash = createHash('sha256').update(input.manifests.join('\0')).digest('hex');
  const provenance = { drySha: input.sourceCommit, environment: input.environment, manifestsHash, renderedBy: 'paved', repoURL: input.repoUrl };
  return `${JSON.stringify(provenance, null, 2)}\n`;
}
