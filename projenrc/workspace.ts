import { javascript, typescript } from 'projen';
import { publishedPackageOptions } from './release';
import {
  MIN_NODE_VERSION,
  PNPM_VERSION,
  TYPESCRIPT_VERSION,
} from './versions';

/** Compiler options every TypeScript package in the workspace shares. */
export const COMPILER_OPTIONS: javascript.TypeScriptCompilerOptions = {
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
};

/** ts-jest without type-checking: `tsc` type-checks once for the whole workspace (see the root `typecheck` task). */
export const TS_JEST_OPTIONS: typescript.TsJestOptions = {
  transformOptions: {
    diagnostics: typescript.TsJestDiagnostics.none(),
    tsconfig: typescript.TsJestTsconfig.fromFile('<rootDir>/test/tsconfig.json'),
  },
};

export interface WorkspacePackageOptions {
  readonly parent: typescript.TypeScriptProject;
  /** Folder name under `packages/`; the npm name is `@paved/<name>`. */
  readonly name: string;
  readonly description: string;
  readonly deps?: string[];
  /** Dependencies the consumer provides (a construct library's aws-cdk-lib and constructs: one copy per app). */
  readonly peerDeps?: string[];
  readonly devDeps?: string[];
  /** Other workspace packages this one imports (by folder name). */
  readonly workspaceDeps?: string[];
}

/**
 * A published TypeScript package of the workspace (Apache-2.0, released by the root's release workflow). It never
 * installs on its own: the root project runs one `pnpm install` for the whole workspace after synthesis.
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
      // `package`: `pnpm pack` into dist/js, which rewrites `workspace:*` to the version of the package it names.
      package: true,
      ...publishedPackageOptions(`packages/${options.name}`),
      deps: [...(options.deps ?? []), ...workspaceDeps.map((d) => `@paved/${d}@workspace:*`)],
      peerDeps: options.peerDeps,
      devDeps: options.devDeps,
      jestOptions: {
        configFilePath: undefined,
        junitReporting: false,
        preserveDefaultReporters: false,
        updateSnapshot: javascript.UpdateSnapshot.NEVER,
        jestConfig: { displayName: options.name, testEnvironment: 'node', collectCoverage: false },
      },
      tsJestOptions: TS_JEST_OPTIONS,
      tsconfig: {
        compilerOptions: { ...COMPILER_OPTIONS, rootDir: 'src', outDir: 'lib' },
        include: ['src/**/*.ts'],
      },

    });
    // `composite` lets the root `tsc --build` compile packages in dependency order (projen's options lack the key).
    this.tsconfig?.file.addOverride('compilerOptions.composite', true);
    this.tryFindObjectFile('test/tsconfig.json')?.addOverride('compilerOptions.composite', false);
    // Project references give `tsc --build` the compile order of the workspace.
    this.tsconfig?.file.addOverride(
      'references',
      workspaceDeps.map((d) => ({ path: `../${d}` })),
    );
    makeInstallARootConcern(this);
    dropPackageReporters(this);
  }
}

/** Reporters and coverage settings belong to the root Jest config; Jest warns about them in project configs. */
export function dropPackageReporters(project: javascript.NodeProject): void {
  for (const key of ['reporters', 'coverageReporters', 'coverageDirectory']) {
    if (project.jest) delete project.jest.config[key];
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
