import { javascript, typescript } from 'projen';
import {
  MIN_NODE_VERSION,
  PNPM_VERSION,
  TYPESCRIPT_VERSION,
} from './versions';

/** Compiler options every TypeScript package in the workspace shares. */
export const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'CommonJS',
  moduleResolution: javascript.TypeScriptModuleResolution.NODE,
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  esModuleInterop: true,
  skipLibCheck: true,
  declaration: true,
  // Tests are transpiled file by file (no type information); `tsc` enforces that this is safe.
  isolatedModules: true,
  stripInternal: true,
} as const;

/** ts-jest without type-checking: `tsc` type-checks once for the whole workspace (see the root `typecheck` task). */
export const TS_JEST_OPTIONS: typescript.TsJestOptions = {
  transformOptions: { isolatedModules: true, diagnostics: false },
};

export interface WorkspacePackageOptions {
  readonly parent: typescript.TypeScriptProject;
  /** Folder name under `packages/`; the npm name is `@paved/<name>`. */
  readonly name: string;
  readonly description: string;
  readonly deps?: string[];
  readonly devDeps?: string[];
  /** Other workspace packages this one imports (by folder name). */
  readonly workspaceDeps?: string[];
}

/**
 * A private TypeScript package of the workspace. It never installs on its own: the root project runs one `pnpm install`
 * for the whole workspace after synthesis.
 */
export class WorkspacePackage extends typescript.TypeScriptProject {
  constructor(options: WorkspacePackageOptions) {
    const workspaceDeps = options.workspaceDeps ?? [];
    super({
      parent: options.parent,
      outdir: `packages/${options.name}`,
      name: `@paved/${options.name}`,
      description: options.description,
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.PNPM,
      pnpmVersion: PNPM_VERSION,
      typescriptVersion: TYPESCRIPT_VERSION,
      minNodeVersion: MIN_NODE_VERSION,
      projenrcTs: false,
      sampleCode: false,
      eslint: false,
      prettier: false,
      release: false,
      github: false,
      package: false,
      licensed: false,
      deps: [...(options.deps ?? []), ...workspaceDeps.map((d) => `@paved/${d}@workspace:*`)],
      devDeps: options.devDeps,
      jestOptions: {
        configFilePath: undefined,
        coverage: false,
        junitReporting: false,
        updateSnapshot: javascript.UpdateSnapshot.NEVER,
        jestConfig: { displayName: options.name, testEnvironment: 'node', collectCoverage: false },
      },
      tsJestOptions: TS_JEST_OPTIONS,
      tsconfig: {
        compilerOptions: { ...COMPILER_OPTIONS, rootDir: 'src', outDir: 'lib', composite: true },
        include: ['src/**/*.ts'],
      },
      tsconfigDev: { compilerOptions: { composite: false } },
    });
    this.package.addField('private', true);
    // Project references give `tsc --build` the compile order of the workspace.
    this.tsconfig?.file.addOverride(
      'references',
      workspaceDeps.map((d) => ({ path: `../${d}` })),
    );
    makeInstallARootConcern(this);
  }
}

/**
 * Subprojects would otherwise each run `pnpm install` after synth (four installs and stray lockfiles). The root
 * project's install covers the whole workspace.
 */
export function makeInstallARootConcern(project: javascript.NodeProject): void {
  for (const name of ['install', 'install:ci']) {
    project.tasks.tryFind(name)?.reset();
  }
}
