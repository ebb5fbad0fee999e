import { Component, type Project } from 'projen';
import { OptionError } from '../validation';
import { checkExecCommand } from './dockerfile-extensions';

/**
 * A migration (a database schema change, say) the platform runs before each new version serves: the descriptor's
 * `migrate`, which the platform renders as an Argo CD sync hook Job running the service's image with its
 * environment and secrets. A failed migration stops the rollout.
 */
export interface MigrateOptions {
  /**
   * The command, in exec form, run in the service's runtime image (working directory `/app`), such as
   * `['node', 'lib/migrate.js']`. It must be idempotent: every sync runs it, also when nothing changed. The runtime
   * image has no package manager (npm, npx, pip, uv): run the program itself.
   */
  readonly command: string[];
}

/** Programs the runtime images remove or never install: a migration naming one could not start on the platform. */
const NOT_IN_RUNTIME = ['npm', 'npx', 'corepack', 'pip', 'pip3', 'uv', 'uvx', 'yarn', 'pnpm'];

/** Validates `migrate` (named `option` in errors) before anything is built; returns a copy. */
export function resolveMigrate(migrate: MigrateOptions | undefined, option = 'migrate'): MigrateOptions | undefined {
  if (migrate === undefined) return undefined;
  if (typeof migrate !== 'object' || migrate === null || Array.isArray(migrate)) throw new OptionError(option, migrate, "{ command: ['program', 'arg', ...] }");
  const unknown = Object.keys(migrate).find((k) => k !== 'command');
  if (unknown) throw new OptionError(`${option}.${unknown}`, (migrate as unknown as Record<string, unknown>)[unknown], 'only command');
  const command = checkExecCommand(`${option}.command`, migrate.command);
  const program = command[0].split('/').pop()!;
  if (NOT_IN_RUNTIME.includes(program)) {
    throw new OptionError(`${option}.command[0]`, command[0], `a program of the runtime image, which has no ${program}: run it with node or python directly (such as ['node', 'lib/migrate.js'])`);
  }
  return { command };
}

/** Options of `MigrateTask`. */
export interface MigrateTaskOptions {
  /** The migration, as the descriptor carries it. */
  readonly migrate: MigrateOptions;
  /**
   * What runs the command locally, prepended to it (`uv run --frozen` puts the locked virtual environment on PATH,
   * as the image does).
   * @default - the command as it is
   */
  readonly runner?: string;
  /**
   * Task spawned first, so that the command finds what the image has (`compile` for compiled Node.js code).
   * @default - none
   */
  readonly prepareTask?: string;
}

/** Quotes one argument for the POSIX shell projen runs task steps in. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

/**
 * The projen task `migrate`: the descriptor's migration command, run against the local environment (for example
 * the PostgreSQL of `docker compose up`), so a migration is tried before the platform runs it.
 */
export class MigrateTask extends Component {
  public static of(project: Project): MigrateTask | undefined {
    return project.components.find((c): c is MigrateTask => c instanceof MigrateTask);
  }

  /** The command line the task runs. */
  public readonly commandLine: string;

  constructor(project: Project, options: MigrateTaskOptions) {
    super(project);
    const migrate = resolveMigrate(options.migrate)!;
    this.commandLine = [...(options.runner ? [options.runner] : []), ...migrate.command.map(shellQuote)].join(' ');
    const task = project.addTask('migrate', {
      description: 'Run the migration against the local environment (the platform runs it before each new version serves)',
    });
    const prepare = options.prepareTask ? project.tasks.tryFind(options.prepareTask) : undefined;
    if (prepare) task.spawn(prepare);
    task.exec(this.commandLine, { receiveArgs: true });
  }
}
