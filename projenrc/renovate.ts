import { JsonFile, type Project } from 'projen';

/** A Renovate regex manager as written to renovate.json (the fields Paved uses). */
export interface RegexManager {
  readonly customType: 'regex';
  readonly description: string;
  /** Regexes in `/.../` form, matched against repository paths. */
  readonly managerFilePatterns: readonly string[];
  /** Applied to each file with the `g` flag; named groups feed Renovate's fields. */
  readonly matchStrings: readonly string[];
  readonly datasourceTemplate: string;
  readonly depNameTemplate?: string;
  readonly versioningTemplate?: string;
}

const CATALOG = '/^packages/shared-config/src/addons/catalog\\.ts$/';
const TRAINS = '/^packages/shared-config/src/versions/release-train\\.ts$/';
const BLUEPRINT_VERSIONS = '/^packages/service-blueprint/src/versions\\.ts$/';
/** Lines of `//` comments that may sit between the fields of one pin. */
const COMMENTS = '(?:\\s*//[^\\n]*)*';

/**
 * One regex manager per kind of pin, each matching its pins exactly once (test/renovate-config.test.ts applies these
 * regexes to the sources and compares the matches with the release trains, the catalog and the blueprint's pins).
 */
export const RENOVATE_MANAGERS: readonly RegexManager[] = [
  {
    customType: 'regex',
    description: 'Helm charts of the add-on catalog and Argo CD (chart, repoUrl, version)',
    managerFilePatterns: [CATALOG],
    matchStrings: [
      `chart: '(?<depName>[^']+)',${COMMENTS}\\s*repoUrl: '(?<registryUrl>https://[^']+)',${COMMENTS}\\s*version: '(?<currentValue>[^']+)'`,
    ],
    datasourceTemplate: 'helm',
  },
  {
    customType: 'regex',
    description: 'Gateway API CRDs: a tag of the upstream repository',
    managerFilePatterns: [CATALOG],
    matchStrings: ['repoUrl: \'https://github\\.com/(?<depName>[^\']+)\',\\s*path: \'[^\']*\',\\s*version: \'(?<currentValue>[^\']+)\''],
    datasourceTemplate: 'github-tags',
  },
  {
    customType: 'regex',
    description: 'EKS managed add-on builds per Kubernetes minor (needs eks:DescribeAddonVersions)',
    managerFilePatterns: [TRAINS],
    matchStrings: ['// renovate: eksAddonsFilter=(?<packageName>\\{[^}\\n]+\\})\\s*\'[a-z-]+\': \'(?<currentValue>v[^\']+)\''],
    datasourceTemplate: 'aws-eks-addon',
    versioningTemplate: 'aws-eks-addon',
  },
  {
    customType: 'regex',
    description: 'Container images pinned in TypeScript string literals',
    managerFilePatterns: [
      BLUEPRINT_VERSIONS,
      '/^packages/gitops-apps/src/services/db-provisioner\\.ts$/',
      '/^packages/gitops-apps/src/addons/observability\\.ts$/',
    ],
    matchStrings: ['\'(?<depName>(?:[a-z0-9.-]+/)*[a-z0-9._-]+):(?<currentValue>v?\\d[^\'@\\s]*)\''],
    datasourceTemplate: 'docker',
  },
  {
    customType: 'regex',
    description: 'Node.js of generated service repositories (image and CI)',
    managerFilePatterns: [BLUEPRINT_VERSIONS],
    matchStrings: ['const NODE_VERSION = \'(?<currentValue>\\d+\\.\\d+\\.\\d+)\''],
    depNameTemplate: 'node',
    datasourceTemplate: 'node-version',
  },
  {
    customType: 'regex',
    description: 'uv of generated Python service repositories (CI and the image build stage)',
    managerFilePatterns: [BLUEPRINT_VERSIONS],
    matchStrings: ['const UV_VERSION = \'(?<currentValue>\\d+\\.\\d+\\.\\d+)\''],
    depNameTemplate: 'astral-sh/uv',
    datasourceTemplate: 'github-releases',
  },
];

/** renovate.json: the recommended preset, plus the regex managers for pins no built-in manager finds. */
export const RENOVATE_CONFIG = {
  $schema: 'https://docs.renovatebot.com/renovate-schema.json',
  extends: ['config:recommended'],
  // New EKS add-on builds of every release train arrive together, in one pull request.
  packageRules: [{ matchDatasources: ['aws-eks-addon'], groupName: 'EKS managed add-ons' }],
  customManagers: RENOVATE_MANAGERS,
} as const;

export function addRenovateConfig(project: Project): void {
  new JsonFile(project, 'renovate.json', { obj: RENOVATE_CONFIG, marker: false });
}
