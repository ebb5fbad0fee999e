import type { Command, OptionSpec } from './commands';
import { DEFAULT_CONFIG, DEFAULT_OUT } from './defaults';

/**
 * Every command, its flags and an example, without loading the command itself: `paved --help`, `paved --version` and
 * a mistyped command answer in milliseconds, and each command loads only the libraries it needs (cdktf and cdk8s cost
 * most of a second).
 */
export interface FlagHelp extends OptionSpec {
  /** The value's placeholder in usage lines (`FILE`, `text|json`); absent for booleans. */
  readonly value?: string;
  /** One short phrase. */
  readonly help: string;
  /** The default as users read it; absent for booleans (off) and required flags. */
  readonly shownDefault?: string;
  /** @default false */
  readonly required?: boolean;
}

export type FlagTable = Readonly<Record<string, FlagHelp>>;

/** One way to call a command: `gitops` has two (`publish`, `chart`), the others one. */
export interface CommandForm {
  /** The words after `paved`: `synth`, `gitops publish`. */
  readonly words: string;
  /** Positional arguments after the words, as the usage line shows them: `SERVICE`. @default - none */
  readonly operands?: string;
  readonly flags: FlagTable;
  readonly example: string;
}

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly forms: readonly CommandForm[];
  load(): Promise<Command>;
}

const config = { type: 'string', value: 'FILE', help: 'platform config (.ts, .js or .json)', shownDefault: DEFAULT_CONFIG } as const;
const envs = (help: string) => ({ type: 'string', multiple: true, value: 'NAME', help, shownDefault: 'every environment' }) as const;

export const VALIDATE_FLAGS = { config } as const satisfies FlagTable;
export const SYNTH_FLAGS = {
  'config': config,
  'out': { type: 'string', value: 'DIR', help: 'output directory (replaced atomically)', shownDefault: `${DEFAULT_OUT}/` },
  'env': envs('only this environment (repeatable)'),
  'no-timings': { type: 'boolean', help: 'leave timings out of summary.json (byte-identical runs)' },
} as const satisfies FlagTable;
export const CHECK_FLAGS = {
  config,
  format: { type: 'string', value: 'text|json|sarif', help: 'report format', shownDefault: 'text' },
  output: { type: 'string', value: 'DIR', help: 'check an existing output instead of synthesizing', shownDefault: 'a fresh synth' },
} as const satisfies FlagTable;
export const COST_FLAGS = {
  config,
  format: { type: 'string', value: 'table|json', help: 'report format', shownDefault: 'table' },
  env: envs('only this environment (repeatable)'),
} as const satisfies FlagTable;
export const DEFAULT_DOCS_OUT = 'docs/platform';
export const DOCS_FLAGS = {
  config,
  out: { type: 'string', value: 'DIR', help: 'output directory (replaced atomically)', shownDefault: `${DEFAULT_DOCS_OUT}/` },
} as const satisfies FlagTable;
export const DEFAULT_CATALOG_OUT = 'catalog';
export const CATALOG_FLAGS = {
  config,
  out: { type: 'string', value: 'DIR', help: 'output directory (replaced atomically)', shownDefault: `${DEFAULT_CATALOG_OUT}/` },
} as const satisfies FlagTable;
export const PUBLISH_FLAGS = {
  config,
  branch: { type: 'string', value: 'NAME', help: 'branch that receives the rendered tree', required: true },
  repo: { type: 'string', value: 'PATH_OR_URL', help: 'repository to publish to', shownDefault: 'this repository' },
  push: { type: 'boolean', help: 'push the branch to origin' },
  env: envs('only this environment (repeatable)'),
} as const satisfies FlagTable;
export const CHART_FLAGS = {
  config,
  service: { type: 'string', value: 'NAME', help: 'service of the config', required: true },
  env: { type: 'string', value: 'NAME', help: 'environment of the config', required: true },
  out: { type: 'string', value: 'DIR', help: 'chart directory (replaced atomically)', required: true },
} as const satisfies FlagTable;
export const DEPLOY_FLAGS = {
  'config': config,
  'out': SYNTH_FLAGS.out,
  'env': envs('only this environment (repeatable)'),
  'plan-only': { type: 'boolean', help: 'plan every stack, apply nothing' },
  'auto-approve': { type: 'boolean', help: 'apply without asking (CI)' },
  'bootstrap': { type: 'boolean', help: 'first deployment: create the state bucket' },
  'tool': { type: 'string', value: 'terraform|cdktf', help: 'tool that plans and applies', shownDefault: 'terraform' },
} as const satisfies FlagTable;
/** Mirrors DEFAULT_DRAIN_WAIT of deploy/drain-cluster (a test keeps them equal; importing it would load the AWS code). */
export const DESTROY_WAIT_DEFAULTS = { passes: 30, intervalSeconds: 20 };
export const DESTROY_FLAGS = {
  'config': config,
  'env': { type: 'string', value: 'NAME', help: 'environment to destroy (one at a time)', required: true },
  'auto-approve': { type: 'boolean', help: 'destroy without asking' },
  'wait-passes': { type: 'string', value: 'N', help: 'checks for cluster leftovers', shownDefault: String(DESTROY_WAIT_DEFAULTS.passes) },
  'wait-interval': { type: 'string', value: 'SECONDS', help: 'pause between checks', shownDefault: String(DESTROY_WAIT_DEFAULTS.intervalSeconds) },
} as const satisfies FlagTable;
export const DIFF_FLAGS = {
  'config': config,
  'env': envs('only this environment (repeatable)'),
  'against': { type: 'string', value: 'DIR', help: 'baseline output', shownDefault: '.paved/deployed' },
  'new': { type: 'string', value: 'DIR', help: 'new output instead of synthesizing now', shownDefault: 'a fresh synth' },
  'format': { type: 'string', value: 'text|json', help: 'report format', shownDefault: 'text' },
  'exit-code': { type: 'boolean', help: 'exit 2 when something changes' },
} as const satisfies FlagTable;
export const UPGRADE_PLAN_FLAGS = {
  config,
  env: { type: 'string', value: 'NAME', help: 'environment to upgrade (one at a time)', required: true },
  to: { type: 'string', value: '1.NN', help: 'the next Kubernetes minor (no skipping, no downgrade)', required: true },
} as const satisfies FlagTable;
export const PROMOTE_FLAGS = {
  config,
  from: { type: 'string', value: 'ENV', help: 'environment or stage whose image tag is promoted', required: true },
  to: { type: 'string', value: 'ENV', help: 'environment or stage that receives it (the only field changed)', required: true },
} as const satisfies FlagTable;

export const COMMAND_TABLE: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check a platform config and print every problem',
    forms: [{ words: 'validate', flags: VALIDATE_FLAGS, example: 'paved validate --config examples/api-spa-helm/platform.config.ts' }],
    load: async () => (await import('./validate-command')).validateCommand,
  },
  {
    name: 'synth',
    summary: 'write Terraform and GitOps manifests for every environment',
    forms: [{ words: 'synth', flags: SYNTH_FLAGS, example: 'paved synth --env dev --out out-dev' }],
    load: async () => (await import('./synth-command')).synthCommand,
  },
  {
    name: 'check',
    summary: 'run the guardrails over the synthesized output',
    forms: [{ words: 'check', flags: CHECK_FLAGS, example: 'paved check --format sarif > paved.sarif' }],
    load: async () => (await import('./check-command')).checkCommand,
  },
  {
    name: 'cost',
    summary: 'estimate the monthly AWS cost per environment and component',
    forms: [{ words: 'cost', flags: COST_FLAGS, example: 'paved cost --env prod --format json' }],
    load: async () => (await import('./cost-command')).costCommand,
  },
  {
    name: 'docs',
    summary: 'write docs per environment: diagram, endpoints, cost, runbooks',
    forms: [{ words: 'docs', flags: DOCS_FLAGS, example: 'paved docs --out docs/platform' }],
    load: async () => (await import('./docs-command')).docsCommand,
  },
  {
    name: 'gitops',
    summary: 'publish the rendered GitOps tree to a branch, or write a Helm chart',
    forms: [
      { words: 'gitops publish', flags: PUBLISH_FLAGS, example: 'paved gitops publish --branch gitops --push' },
      { words: 'gitops chart', flags: CHART_FLAGS, example: 'paved gitops chart --service api --env dev --out charts/api' },
    ],
    load: async () => (await import('./gitops-command')).gitopsCommand,
  },
  {
    name: 'deploy',
    summary: 'synthesize, check, then plan and apply every stack in order',
    forms: [{ words: 'deploy', flags: DEPLOY_FLAGS, example: 'paved deploy --env dev --plan-only' }],
    load: async () => (await import('./deploy-command')).deployCommand,
  },
  {
    name: 'destroy',
    summary: "empty an environment's cluster, then destroy its stacks",
    forms: [{ words: 'destroy', flags: DESTROY_FLAGS, example: 'paved destroy --env dev' }],
    load: async () => (await import('./destroy-command')).destroyCommand,
  },
  {
    name: 'diff',
    summary: 'what a new synth changes against the deployed output (offline)',
    forms: [{ words: 'diff', flags: DIFF_FLAGS, example: 'paved diff --env prod --exit-code' }],
    load: async () => (await import('./diff-command')).diffCommand,
  },
  {
    name: 'upgrade',
    summary: 'plan a one-minor Kubernetes upgrade: steps, add-on and chart moves, config edit',
    forms: [{ words: 'upgrade plan', flags: UPGRADE_PLAN_FLAGS, example: 'paved upgrade plan --env dev --to 1.36' }],
    load: async () => (await import('./upgrade-command')).upgradeCommand,
  },
  {
    name: 'promote',
    summary: "copy <service>'s image tag from one environment or stage to another (config edit)",
    forms: [{ words: 'promote', operands: 'SERVICE', flags: PROMOTE_FLAGS, example: 'paved promote api --from preview-dev --to preprod-dev' }],
    load: async () => (await import('./promote-command')).promoteCommand,
  },
  {
    name: 'catalog',
    summary: 'write the Backstage catalog: system, services, teams, data stores, add-ons',
    forms: [{ words: 'catalog', flags: CATALOG_FLAGS, example: 'paved catalog --out catalog' }],
    load: async () => (await import('./catalog-command')).catalogCommand,
  },
];

/** `--config FILE`, `[--env NAME ...]`: one flag as usage lines show it. */
export function flagUsage(name: string, flag: FlagHelp): string {
  const text = `--${name}${flag.value ? ` ${flag.value}` : ''}${flag.multiple ? ' ...' : ''}`;
  return flag.required ? text : `[${text}]`;
}

/** The usage of one form, required flags first, wrapped to `width` columns with continuation lines indented. */
export function usageLines(form: CommandForm, width = 99): string[] {
  const entries = Object.entries(form.flags).sort(([, a], [, b]) => Number(b.required ?? false) - Number(a.required ?? false));
  const words = entries.map(([name, flag]) => flagUsage(name, flag));
  const lines: string[] = [];
  const head = form.operands ? `paved ${form.words} ${form.operands}` : `paved ${form.words}`;
  let line = head;
  for (const word of words) {
    if (line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${' '.repeat(head.length)} ${word}`;
    } else {
      line = `${line} ${word}`;
    }
  }
  return [...lines, line];
}
