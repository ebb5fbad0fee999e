import * as path from 'node:path';
import type { AddonName, ResolvedEnvironment, ResolvedPlatform } from '@paved/shared-config';

/**
 * Where things live in the rendered tree of one environment. Paths are relative to the environment folder; on the
 * GitOps branch the folder is `<gitops.path>/<env>/`, which is what Applications point at.
 *
 * ```
 * <env>/
 *   apps/                  the root Application's source: AppProjects, the root itself, one Application per add-on,
 *                          add-on configuration and service
 *   addons/<addon>/        plain manifests that go with an add-on's chart (issuers, secret stores, alert rules)
 *   platform/<name>/       plain manifests of platform workloads outside any add-on (db-provisioner)
 *   services/<service>/    the rendered manifests of a service
 *   hydrator.metadata      provenance, written by `paved gitops publish`
 * ```
 */
export class GitopsLayout {
  static readonly APPS = 'apps';
  /** Provenance file of an environment folder, named like ArgoCD's Source Hydrator output. */
  static readonly PROVENANCE = 'hydrator.metadata';

  constructor(
    readonly platform: ResolvedPlatform,
    readonly env: ResolvedEnvironment,
  ) {}

  addonDir(addon: AddonName): string {
    return `addons/${addon}`;
  }

  /** Plain manifests of a platform workload that belongs to no add-on (the `db-provisioner` Job). */
  platformDir(name: string): string {
    return `platform/${name}`;
  }

  serviceDir(service: string): string {
    return `services/${service}`;
  }

  /** Path of a folder of this environment on the GitOps branch. */
  repoPath(dir: string): string {
    return path.posix.join(this.platform.gitops.path, this.env.name, dir);
  }
}
