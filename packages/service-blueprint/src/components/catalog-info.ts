import { Component, type Project, YamlFile } from 'projen';
import { serviceEntity } from './service-entity';
import { serviceDependencies } from '../service-options';
import type { ServiceSettings } from '../settings';

/** Name of the Backstage descriptor file at the repository root. */
export const CATALOG_INFO_FILE = 'catalog-info.yaml';

/** Options of `CatalogInfo`. */
export interface CatalogInfoOptions {
  /** The resolved service settings. */
  readonly service: ServiceSettings;
}

/**
 * `catalog-info.yaml`: the service as a Backstage `Component`, the same entity the platform's catalog (`paved catalog`)
 * writes for it, built by the same function (`service-entity.ts`, a byte-identical copy of the one in
 * `@paved/shared-config`), so either file can be registered. The repository does not know its environments' domains,
 * so the entity carries no endpoint links; the platform's copy adds them.
 */
export class CatalogInfo extends Component {
  public static of(project: Project): CatalogInfo | undefined {
    return project.components.find((c): c is CatalogInfo => c instanceof CatalogInfo);
  }

  /** The entity, as written. */
  public readonly entity: any;
  public readonly file: YamlFile;

  constructor(project: Project, options: CatalogInfoOptions) {
    super(project);
    const s = options.service;
    this.entity = serviceEntity({
      organization: s.organization,
      name: s.serviceName,
      team: s.team,
      runtime: s.runtime,
      environments: s.environments,
      dependsOn: serviceDependencies(s),
    });
    this.file = new YamlFile(project, CATALOG_INFO_FILE, { obj: this.entity });
  }
}
