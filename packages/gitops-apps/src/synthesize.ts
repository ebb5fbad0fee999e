import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedPlatform } from '@paved/shared-config';
import { renderEnvironment, type RenderedFile } from './platform/environment-tree';
import { documentStartLines, yamlDocuments } from './yaml';

export interface GitopsSynthOptions {
  /** Directory that receives one folder per environment. */
  readonly outdir: string;
  /**
   * Only these environments.
   * @default - every environment
   */
  readonly environments?: readonly string[];
}

export interface WrittenDocument {
  /** File relative to `outdir` (`<env>/...`). */
  readonly file: string;
  /** 1-based line where the document starts in the file. */
  readonly line: number;
  readonly object: Record<string, unknown>;
}

export interface GitopsSynthResult {
  /** Files written, relative to `outdir`, sorted. */
  readonly files: readonly string[];
  /** Every document written, with its file and line: what checks can use without parsing the files again. */
  readonly documents: readonly WrittenDocument[];
}

/** The rendered files of every selected environment, paths relative to the output directory (`<env>/...`). */
export function renderGitops(platform: ResolvedPlatform, environments?: readonly string[]): RenderedFile[] {
  return platform.environments
    .filter((e) => !environments || environments.includes(e.name))
    .flatMap((env) => renderEnvironment(platform, env).map((f) => ({ path: `${env.name}/${f.path}`, documents: f.documents })));
}

/** Renders everything ArgoCD needs for each environment into `<outdir>/<env>/`. */
export function synthesizeGitops(platform: ResolvedPlatform, options: GitopsSynthOptions): GitopsSynthResult {
  const files = renderGitops(platform, options.environments);
  const documents: WrittenDocument[] = [];
  for (const file of files) {
    const target = path.join(options.outdir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const texts = yamlDocuments(file.documents);
    fs.writeFileSync(target, texts.join('---\n'));
    const lines = documentStartLines(texts);
    file.documents.forEach((object, i) => documents.push({ file: file.path, line: lines[i], object: object as Record<string, unknown> }));
  }
  return { files: files.map((f) => f.path).sort(), documents };
}
