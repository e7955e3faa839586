// What an audit entry keeps of a request's parameters: secrets hidden, depth and size bounded, walked without recursion.

/** Values that must never reach the log (passwords, tokens), whatever the route and however deep. */
const SECRET_KEYS = /pass(word)?|token|secret/i;

/** A parameter longer than this (as JSON) is recorded by its size only: the log is for who did what, not payloads. */
export const MAX_VALUE_BYTES = 4096;
/** Nesting kept below the top level; deeper values become TRUNCATED. */
export const MAX_DEPTH = 16;
/** Values copied per parameter at most; the rest become TRUNCATED (a huge array is cut, then marked). */
export const MAX_VALUES = 10_000;
/** Top-level parameters kept; the count of the others is recorded under TRUNCATED. */
export const MAX_KEYS = 100;
export const TRUNCATED = '[truncated]';

type Container = Record<string, unknown> | unknown[];
interface Pending {
  from: unknown;
  into: Container;
  key: string | number;
  depth: number;
}

/** A leaf as JSON would write it: dates through toJSON, bigints as text (JSON.stringify throws on them). */
function leaf(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

/**
 * Copies `root` with an explicit stack, not recursion: a 5,000-deep JSON body must be auditable, and
 * JSON.stringify or a recursive walk on it overflows the call stack (the request then failed with 500, unaudited).
 */
function boundedCopy(root: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let budget = 1;
  const stack: Pending[] = [];
  const pushChildren = (from: object, into: Container, depth: number) => {
    const entries = Array.isArray(from) ? from.map((v, i) => [i, v] as const) : Object.entries(from);
    const kept = entries.slice(0, Math.max(0, budget - stack.length));
    if (kept.length < entries.length) {
      if (Array.isArray(into)) into[kept.length] = TRUNCATED;
      else into[TRUNCATED] = entries.length - kept.length;
    }
    // Reversed so the stack pops them in their own order and the copy keeps the key order.
    for (let i = kept.length - 1; i >= 0; i -= 1) {
      const [key, value] = kept[i] as readonly [string | number, unknown];
      stack.push({ from: value, into, key, depth });
    }
  };
  const keys = Object.entries(root);
  for (const [key, value] of keys.slice(0, MAX_KEYS)) {
    // Each parameter has its own budget, so one huge value does not blot out the small ones beside it.
    budget = MAX_VALUES;
    stack.push({ from: value, into: out, key, depth: 1 });
    drain();
  }
  if (keys.length > MAX_KEYS) out[TRUNCATED] = keys.length - MAX_KEYS;
  return out;

  function drain(): void {
    for (let item = stack.pop(); item; item = stack.pop()) {
      const { into, key, depth } = item;
      let from = item.from;
      budget -= 1;
      if (typeof key === 'string' && SECRET_KEYS.test(key)) {
        (into as Record<string, unknown>)[key] = '***';
        continue;
      }
      if (
        from !== null &&
        typeof from === 'object' &&
        typeof (from as { toJSON?: unknown }).toJSON === 'function'
      ) {
        from = (from as { toJSON: () => unknown }).toJSON();
      }
      let value: unknown;
      if (from === null || typeof from !== 'object') value = leaf(from);
      else if (depth > MAX_DEPTH || budget <= 0) value = TRUNCATED;
      else {
        value = Array.isArray(from) ? [] : {};
        pushChildren(from, value as Container, depth + 1);
      }
      (into as Record<string | number, unknown>)[key] = value;
    }
  }
}

/** The parameters as recorded: secrets as `***`, deep or numerous values as TRUNCATED, big ones by size only. */
export function scrub(params: Record<string, unknown> = {}): Record<string, unknown> {
  const copy = boundedCopy(params);
  for (const [key, value] of Object.entries(copy)) {
    // Safe to stringify now: the copy is at most MAX_DEPTH deep and MAX_VALUES large.
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
    if (bytes > MAX_VALUE_BYTES) copy[key] = { omitted: true, bytes };
  }
  return copy;
}
