/**
 * A mistake the user can fix (bad flag, unreadable config, invalid config). The CLI prints its lines without a stack
 * trace and exits with `exitCode`.
 */
export class UserError extends Error {
  constructor(
    /** Complete lines, already in `error: <file>: <path>: <what> (<allowed>)` form where a file is involved. */
    readonly lines: readonly string[],
    readonly exitCode = 1,
  ) {
    super(lines.join('\n'));
    this.name = 'UserError';
  }
}

/** A mistake in how the CLI was called; exits with 2 like other Unix tools. */
export class UsageError extends UserError {
  constructor(message: string) {
    super([`error: ${message}`, "run 'paved help' for usage"], 2);
    this.name = 'UsageError';
  }
}
