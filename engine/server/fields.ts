// Reusable zod fields for query strings and paths: numbers, lists and booleans arrive as text.
import { z } from 'zod';

/** An integer query parameter with bounds and a default. */
export const queryInt = (min: number, max: number, fallback?: number) => {
  const base = z.coerce.number().int().min(min).max(max);
  return fallback === undefined ? base.optional() : base.default(fallback);
};

/** A number query parameter (amounts). */
export const queryNumber = () => z.coerce.number().finite().optional();

/** `a,b` or repeated `?x=a&x=b`, as a list of non-empty strings. */
export const queryList = () =>
  z
    .preprocess(
      (v) =>
        typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.flatMap((x) => String(x).split(',')) : v,
      z.array(z.string().trim().min(1)),
    )
    .optional();

/** `true/false/1/0/yes/no`. */
export const queryBool = () =>
  z.preprocess((v) => (typeof v === 'string' ? /^(1|true|yes)$/i.test(v) : v), z.boolean()).optional();

/** A date `YYYY-MM-DD` or date-time `YYYY-MM-DDTHH:mm[:ss]`. */
export const queryTime = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, 'expected YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss')
    .optional();

/** Paging shared by list routes. */
export const paging = (maxLimit = 500, defaultLimit = 50) => ({
  limit: queryInt(1, maxLimit, defaultLimit),
  offset: queryInt(0, 10_000_000, 0),
});

/** The `:id` path parameter. */
export const idParam = z.object({ id: z.string().min(1).max(300) });
