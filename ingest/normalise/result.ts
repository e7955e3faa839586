// The result convention of the value normalisers: a parsed value (maybe with a warning) or a reason.

import { InvalidInputError } from '../../engine/errors.ts';

/**
 * Normalisers return results instead of throwing, because ingest works row by row: one bad cell must not
 * abort a file of a hundred thousand bank transactions. The caller decides whether a failure skips the row,
 * blanks the field or rejects the file, and collects reasons into the ingest report.
 *
 * `reason` and `warning` are short English texts whose first token before ':' is a stable code,
 * e.g. `'id.checksum: check digit mismatch (expected X, got 3)'`. Code matches the code; people read
 * the text.
 */
export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; reason: string };

/** The successful branch of `Parsed<T>`, for functions that only ever succeed. */
export type ParsedOk<T> = Extract<Parsed<T>, { ok: true }>;

/** The failed branch of `Parsed<T>`; it carries no value, so it fits every `Parsed<T>`. */
export type ParsedFail = Extract<Parsed<unknown>, { ok: false }>;

/**
 * A success. The `warning` key is left out entirely when there is none, so results compare equal with
 * `toEqual({ ok: true, value })` and serialise without `"warning": undefined` noise.
 */
export function ok<T>(value: T, warning?: string): ParsedOk<T> {
  return warning === undefined ? { ok: true, value } : { ok: true, value, warning };
}

/** A failure; `reason` must start with a stable code (`'module.code: text'`). */
export function fail(reason: string): ParsedFail {
  return { ok: false, reason };
}

/** Builds a `'code: text'` message, keeping the code/text separator in one place. */
export function coded(code: string, text: string): string {
  return `${code}: ${text}`;
}

/**
 * The stable code of a reason or warning: the text before the first ':'.
 * A message without a colon is all code (callers may pass bare codes).
 */
export function codeOf(message: string): string {
  const colon = message.indexOf(':');
  return (colon < 0 ? message : message.slice(0, colon)).trim();
}

/** Type guard, handy in `filter` calls over many results. */
export function isOk<T>(result: Parsed<T>): result is ParsedOk<T> {
  return result.ok;
}

/** Transforms the value of a success; failures pass through unchanged (with their reason). */
export function mapParsed<T, U>(result: Parsed<T>, fn: (value: T) => U): Parsed<U> {
  if (!result.ok) return result;
  return ok(fn(result.value), result.warning);
}

/**
 * Adds a warning to a success. If one is already there both are kept, joined by '; ', so no finding is lost;
 * the code of the combined text is the first warning's code.
 */
export function withWarning<T>(result: Parsed<T>, warning: string | undefined): Parsed<T> {
  if (!result.ok || warning === undefined) return result;
  return ok(result.value, result.warning === undefined ? warning : `${result.warning}; ${warning}`);
}

/** The value of a success, or `fallback` for a failure (optional columns: a bad cell means "unknown"). */
export function valueOr<T, F>(result: Parsed<T>, fallback: F): T | F {
  return result.ok ? result.value : fallback;
}

/**
 * The value of a success, or throws with the reason. Only for code paths where a failure is a programming
 * error (demo generators, fixtures); ingest itself should branch on `ok`.
 */
export function unwrap<T>(result: Parsed<T>): T {
  if (result.ok) return result.value;
  throw new InvalidInputError(codeOf(result.reason), result.reason);
}
