import { Token, Tokenization } from 'cdktf';

/**
 * In Terraform's JSON syntax every string value is a template: `${...}` interpolates an expression and `%{...}` runs
 * a directive. cdktf writes literal strings through unchanged, so a config value containing `${file("...")}` would be
 * evaluated. This module turns any string into the template that evaluates back to it, while cdktf tokens (cross-stack
 * references and other expressions, which cdktf renders as `${expr}`) stay interpolations.
 */

/** Escapes one literal piece: `${` becomes `$${` and `%{` becomes `%%{` (a run like `$${` stays verbatim too). */
function escapeLiteral(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * Escapes a literal piece of a string that also holds tokens. cdktf reads every `${` of such a string as the start of
 * an expression and renders what follows, the next token included, as part of it until a `}` closes it: the usual
 * escape `$${` would swallow the reference after an unclosed literal `${`. Here a run of dollars before `{` becomes an
 * interpolation of the quoted run (`${"$"}{`), which opens and closes at once and evaluates to the same text.
 */
function escapeLiteralBesideTokens(text: string): string {
  return text.replace(/\$+\{/g, (run) => `\${"${run.slice(0, -1)}"}{`).replace(/%\{/g, () => '%%{');
}

/**
 * The template that evaluates to `value`: literal parts escaped, tokens left as they are.
 *
 * A literal ending in `$` right before a token needs care: `$` + `${expr}` would read as the escape `$${`. Such a
 * trailing run of dollars is written as an interpolation of a quoted string (`${"$"}`), which holds no `{`.
 */
export function escapeTemplateLiteral(value: string): string {
  const parts = splitTokens(value);
  const withTokens = parts.some((p) => p.token);
  return parts
    .map((part, i) => {
      if (part.token) return part.text;
      const escaped = withTokens ? escapeLiteralBesideTokens(part.text) : escapeLiteral(part.text);
      const next = parts[i + 1];
      const run = /\$+$/.exec(escaped);
      return next?.token && run ? `${escaped.slice(0, run.index)}\${"${run[0]}"}` : escaped;
    })
    .join('');
}

/** True when `value` holds at least one cdktf token. */
export function hasTokens(value: string): boolean {
  return Token.isUnresolved(value);
}

interface Part {
  readonly text: string;
  readonly token: boolean;
}

/** Splits a string into its literal pieces and the string markers of its tokens, in order. */
function splitTokens(value: string): Part[] {
  if (!Token.isUnresolved(value)) return [{ text: value, token: false }];
  const collected: unknown = Tokenization.reverseString(value).join({
    join: (left: unknown, right: unknown) => new Pieces([...Pieces.of(left), ...Pieces.of(right)]),
  });
  return Pieces.of(collected).map((piece) =>
    typeof piece === 'string' && !Token.isUnresolved(piece) ? { text: piece, token: false } : { text: Token.asString(piece), token: true },
  );
}

/** The accumulator of `TokenizedStringFragments.join`, which folds fragments pairwise. */
class Pieces {
  static of(value: unknown): unknown[] {
    if (value instanceof Pieces) return value.items;
    return value === undefined ? [] : [value];
  }

  constructor(readonly items: unknown[]) {}
}
