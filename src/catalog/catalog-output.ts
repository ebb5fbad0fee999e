import type { CatalogEntity, ResolvedPlatform } from '@paved/shared-config';
import { CATALOG_FILE, catalogYaml } from './catalog-yaml';
import { entityRef, platformCatalog } from './platform-catalog';
import { validateEntity } from './validate-entity';

/** A file of the catalog output, relative to its folder. */
export interface CatalogFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Every problem of a set of entities: each against the Backstage schemas, duplicate refs, and relation targets
 * (owner, system, domain, dependsOn, parent) that name no entity of the set. Each line: `<ref>: <problem>`.
 */
export function catalogProblems(entities: readonly CatalogEntity[]): string[] {
  const refs = entities.map(entityRef);
  const known = new Set(refs);
  const problems: string[] = [];
  refs.forEach((ref, i) => {
    if (refs.indexOf(ref) !== i) problems.push(`${ref}: duplicate entity ref`);
  });
  entities.forEach((entity, i) => {
    problems.push(...validateEntity(entity).map((p) => `${refs[i]}: ${p}`));
    for (const [field, target] of relationTargets(entity)) {
      if (!known.has(target)) problems.push(`${refs[i]}: spec.${field}: '${target}' names no entity of the catalog`);
    }
  });
  return problems;
}

/** The relation fields of an entity's spec and their targets, as full refs. */
export function relationTargets(entity: CatalogEntity): [string, string][] {
  const spec = entity.spec;
  const single = (['owner', 'system', 'domain', 'parent'] as const).filter((f) => typeof spec[f] === 'string').map((f): [string, string] => [f, spec[f] as string]);
  const many = (['dependsOn', 'children'] as const).flatMap((f) => ((spec[f] as string[] | undefined) ?? []).map((t): [string, string] => [f, t]));
  return [...single, ...many];
}

/**
 * The catalog of a platform: one `catalog-info.yaml` with every entity. A problem is a bug in Paved (the config was
 * validated before), so it throws rather than writing a catalog Backstage would reject.
 */
export function catalogOutputFiles(platform: ResolvedPlatform): CatalogFile[] {
  const entities = platformCatalog(platform);
  const problems = catalogProblems(entities);
  if (problems.length > 0) throw new Error(`generated catalog failed validation:\n${problems.join('\n')}`);
  return [{ path: CATALOG_FILE, content: catalogYaml(entities) }];
}
