import { OptionError } from '../validation';

/**
 * Typed additions to a blueprint's managed `Dockerfile` (read-only in the service repository): the files and steps a
 * code generator needs at build time, such as an ORM's schema folder and its client generation, and the generated
 * files the runtime image needs. Every step is exec-form, every path relative to the repository root.
 */
export interface DockerfileExtensions {
  /**
   * Files or folders (a trailing `/`) of the repository copied into the build stage before the build, at the same
   * path under `/app`, such as `prisma/`. They are also let through the allow-list `.dockerignore`.
   * @default - none
   */
  readonly buildFiles?: string[];

  /**
   * Commands run in the build stage, in order, after the dependencies, the sources and `buildFiles` are in place and
   * before the build (tsc for Node.js, after `uv sync` for Python), each in exec form: one program and its
   * arguments, such as `['npx', 'prisma', 'generate']`. No shell: split `a && b` into two commands.
   * @default - none
   */
  readonly buildCommands?: string[][];

  /**
   * Files or folders (a trailing `/`) under `/app` of the build stage copied into the runtime image at the same path,
   * owned by root (the unprivileged user can read, not modify them), such as `prisma/` or `node_modules/.prisma/`.
   * @default - none
   */
  readonly runtimeFiles?: string[];
}

/** A path inside the repository: letters, digits and `._@+-`, segments separated by `/`, a trailing `/` for a folder. */
const RELATIVE_PATH = /^[\w.@+-]+(?:\/[\w.@+-]+)*\/?$/;
const PATH_ALLOWED = "a relative path inside the repository such as 'prisma/' (letters, digits and ._@+- in /-separated segments; no leading /, no . or .. segments, no .env or .git)";

/** A shell as the program of an exec-form command is shell form in disguise. */
const SHELL = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|k|a)?sh$/;
/** Control characters would end the Dockerfile line or hide what a command runs. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Throws an `OptionError` naming `option` unless `value` is a relative path that stays inside the build context. */
export function checkRelativePath(option: string, value: string): string {
  if (typeof value !== 'string' || !RELATIVE_PATH.test(value)) throw new OptionError(option, value, PATH_ALLOWED);
  const segments = value.replace(/\/$/, '').split('/');
  // `.` and `..` leave (or are) the repository root; `.env*` and `.git` never reach an image (the .dockerignore's promise).
  if (segments.some((s) => s === '.' || s === '..' || s.startsWith('.env') || s === '.git')) {
    throw new OptionError(option, value, PATH_ALLOWED);
  }
  return value;
}

/**
 * Throws an `OptionError` naming `option` unless `value` is an exec-form command: a non-empty list of strings whose
 * first is a program name without whitespace and not a shell, and none holds a control character.
 */
export function checkExecCommand(option: string, value: string[]): string[] {
  const allowed = "an exec-form command: a list of a program and its arguments such as ['npx', 'prisma', 'generate']";
  if (!Array.isArray(value)) throw new OptionError(option, value, `${allowed} (not a shell-form string)`);
  if (value.length === 0) throw new OptionError(option, value, `${allowed} (not empty)`);
  value.forEach((arg, i) => {
    if (typeof arg !== 'string' || CONTROL.test(arg)) throw new OptionError(`${option}[${i}]`, arg, 'a string without control characters');
  });
  if (!/^\S+$/.test(value[0])) throw new OptionError(`${option}[0]`, value[0], `${allowed} (one argument per element, no spaces in the program)`);
  if (SHELL.test(value[0])) throw new OptionError(`${option}[0]`, value[0], `${allowed} (no shell: split 'a && b' into two commands)`);
  return [...value];
}

function checkList<T>(option: string, value: T[] | undefined, check: (option: string, item: T) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new OptionError(option, value, 'a list');
  return value.map((item, i) => check(`${option}[${i}]`, item));
}

/**
 * Validates `dockerfile` (named `option` in errors) once, before anything is built, and returns a copy with every list
 * present: the managed Dockerfile components take only this shape.
 */
export function resolveDockerfileExtensions(extensions: DockerfileExtensions | undefined, option = 'dockerfile'): Required<DockerfileExtensions> {
  if (extensions !== undefined && (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions))) {
    throw new OptionError(option, extensions, '{ buildFiles?, buildCommands?, runtimeFiles? }');
  }
  const known = ['buildFiles', 'buildCommands', 'runtimeFiles'];
  const unknown = Object.keys(extensions ?? {}).find((k) => !known.includes(k));
  if (unknown) throw new OptionError(`${option}.${unknown}`, (extensions as Record<string, unknown>)[unknown], `one of ${known.join(', ')}`);
  return {
    buildFiles: checkList(`${option}.buildFiles`, extensions?.buildFiles, checkRelativePath),
    buildCommands: checkList(`${option}.buildCommands`, extensions?.buildCommands, checkExecCommand),
    runtimeFiles: checkList(`${option}.runtimeFiles`, extensions?.runtimeFiles, checkRelativePath),
  };
}

/** A Dockerfile JSON array (exec form), spaced like the blueprint's own `CMD ["node", "lib/main.js"]`. */
export function dockerJsonArray(items: readonly string[]): string {
  return `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
}

/** `COPY` lines of `buildFiles` into the build stage (JSON form: a path can never read as a flag or a second source). */
export function buildFileLines(ext: Required<DockerfileExtensions>): string[] {
  return ext.buildFiles.map((f) => `COPY ${dockerJsonArray([f, `./${f}`])}`);
}

/** Exec-form `RUN` lines of `buildCommands`. */
export function buildCommandLines(ext: Required<DockerfileExtensions>): string[] {
  return ext.buildCommands.map((c) => `RUN ${dockerJsonArray(c)}`);
}

/** `COPY --from=build` lines of `runtimeFiles`: no `--chown`, so root owns them and the runtime user cannot change them. */
export function runtimeFileLines(ext: Required<DockerfileExtensions>): string[] {
  return ext.runtimeFiles.map((f) => `COPY --from=build ${dockerJsonArray([`/app/${f}`, `./${f}`])}`);
}

/** `.dockerignore` exceptions that let `buildFiles` through the allow-list (a folder with everything below it). */
export function buildFileIgnoreExceptions(ext: Required<DockerfileExtensions>): string[] {
  return ext.buildFiles.map((f) => (f.endsWith('/') ? `!${f}**` : `!${f}`));
}
