// Reusable zod fields for queries, paths and bodies: each carries every check the server makes, so the OpenAPI
// document generated from it refuses exactly what the server refuses (JSON Schema counts characters as code points).
import { z } from 'zod';

/** What String.prototype.trim removes, spelled out so JavaScript and any JSON Schema validator agree on it. */
const BLANK = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** Characters as JSON Schema counts them (code points), not UTF-16 units as `.length` does. */
const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** A string of `min`…`max` characters (code points), as given (not trimmed). */
export const chars = (max: number, min = 0) =>
  z
    .string()
    .refine((s) => codePoints(s) <= max && codePoints(s) >= min, {
      message: `expected ${min}-${max} characters`,
    })
    .meta({ maxLength: max, ...(min > 0 ? { minLength: min } : {}) });

/**
 * Text that is trimmed, at most `max` characters as sent, and at least `min` once trimmed (a blank one is
 * refused). The pattern says the same in the document: `min` characters from the first non-blank to the last.
 */
export const text = (max: number, min = 1) => {
  const span = min <= 1 ? `[^${BLANK}]` : `[^${BLANK}][\\s\\S]{${min - 2},}[^${BLANK}]`;
  return chars(max, min).regex(new RegExp(span), 'blank').trim();
};

/** A pattern matching a whole string (`$` would also match before a final newline in some validators). */
const whole = (source: string) => new RegExp(`^(?:${source})(?![\\s\\S])`);

/** `text` as a regular expression matching it literally. */
export const regexLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Words a field accepts, each trimmed; those in `anyCase` also in any letter case (ASCII). */
export const words = (exact: readonly string[], anyCase: readonly string[] = []) => {
  const folded = (w: string) =>
    [...regexLiteral(w)]
      .map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c))
      .join('');
  const alternatives = [...new Set([...exact.map(regexLiteral), ...anyCase.map(folded)])];
  return z
    .string()
    .regex(whole(`[${BLANK}]*(?:${alternatives.join('|')})[${BLANK}]*`), `expected one of ${exact.join('|')}`)
    .trim();
};

/** Integers as query strings send them: digits only (an empty or partly numeric value is refused). */
const INTEGER = /^-?\d+$/;
/** Numbers as query strings send them: decimal, optionally with an exponent. */
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const numeric = (pattern: RegExp) => (v: unknown) =>
  typeof v === 'string' && pattern.test(v) ? Number(v) : v;

/** An integer query parameter with bounds and a default. */
export const queryInt = (min: number, max: number, fallback?: number) => {
  const base = z.preprocess(numeric(INTEGER), z.number().int().min(min).max(max));
  return fallback === undefined ? base.optional() : base.default(fallback);
};

/** A number query parameter (amounts). */
export const queryNumber = () => z.preprocess(numeric(NUMBER), z.number().finite()).optional();

/** A non-negative number query parameter, optionally bounded above. */
export const queryAmount = (max?: number) => {
  const base = z.number().finite().min(0);
  return z.preprocess(numeric(NUMBER), max === undefined ? base : base.max(max));
};

/** `a,b` or repeated `?x=a&x=b`, as a list of strings. */
export const splitList = (v: unknown) =>
  typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.flatMap((x) => String(x).split(',')) : v;

/** `a,b` or repeated `?x=a&x=b`, as a list of non-blank strings. */
export const queryList = () => z.preprocess(splitList, z.array(text(300)).min(1)).optional();

/** `true` or `false`, exactly: anything else is refused rather than read as false. */
export const queryBool = () =>
  z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()).optional();

/**
 * A real calendar date 1900-01-01…2099-12-31 (no 2025-02-30): months of 31, 30 and 28 days, leap-year 29 February.
 * ASCII digits spelled out: `\d` means any script's digits in some validators.
 */
const DATE =
  '(?:19|20)[0-9]{2}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))' +
  '|(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:[02468][048]|[13579][26]))-02-29';
const TIME = 'T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?';
/** A time whose seconds may have a fraction (milliseconds), as Date.parse and Neo4j read it. */
const TIME_SECONDS = 'T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,3})?)?';

/** A date `YYYY-MM-DD`. */
export const dateString = () => z.string().regex(whole(DATE), 'expected a real date YYYY-MM-DD, 1900-2099');

/** A date `YYYY-MM-DD` or date-time `YYYY-MM-DDTHH:mm[:ss]`. */
export const queryTime = () =>
  z
    .string()
    .regex(whole(`(?:${DATE})(?:${TIME})?`), 'expected a real date YYYY-MM-DD[THH:mm[:ss]], 1900-2099')
    .optional();

/** An instant as ISO 8601 gives it: a date, or a date-time with optional fraction and zone (…Z, …+08:00). */
export const queryInstant = () =>
  z
    .string()
    .regex(
      whole(`(?:${DATE})(?:${TIME_SECONDS}(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?)?`),
      'expected an ISO date or date-time, 1900-2099',
    )
    .optional();

/** Paging shared by list routes. */
export const paging = (maxLimit = 500, defaultLimit = 50) => ({
  limit: queryInt(1, maxLimit, defaultLimit),
  offset: queryInt(0, 10_000_000, 0),
});

/** The `:id` path parameter. */
export const idParam = z.object({ id: text(300) });

/**
 * An object body that must change something: at least one of `keys` present. Written as `anyOf` in the
 * document, so a body of only unknown keys (stripped) or only `comment` is refused there too.
 */
export const someOf = <T extends z.ZodObject>(schema: T, keys: readonly (keyof z.infer<T> & string)[]) =>
  schema
    .refine((b) => keys.some((k) => (b as Record<string, unknown>)[k] !== undefined), {
      message: 'nothing to change',
    })
    .meta({ anyOf: keys.map((k) => ({ required: [k] })) });
