import { UserError } from '../../src/cli/user-error';

/** The lines of the UserError `fn` throws; fails the test when it throws anything else or nothing. */
export function userErrorLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return [...(e as UserError).lines];
  }
  throw new Error('expected a UserError');
}
