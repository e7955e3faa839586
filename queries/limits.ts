// Query resource limits: text and parameter checks made before Neo4j sees anything, and the query pool's profile.
import { InvalidInputError } from '../engine/errors.ts';
import {
  getStore,
  INTERACTIVE_TIMEOUTS,
  type Params,
  type Store,
  type StoreTimeouts,
} from '../engine/store/gateway.ts';
import { blankLiterals } from './guard.ts';
import { MAX_CYPHER } from './template.ts';

/**
 * Deepest nesting of ( [ { in a query text. Neo4j's parser recurses per level: a few thousand levels make it
 * overflow and never answer (the connection hangs), while real queries stay far below a hundred.
 */
export const MAX_NESTING = 100;
/** Bound parameters: deepest nesting of lists/maps and total size (string characters, 8 per other value). */
export const MAX_PARAMS_DEPTH = 10;
export const MAX_PARAMS_SIZE = 1_000_000;
/**
 * Records pulled per batch. One row can be megabytes (a built-up string) and a refused stream still drains the
 * batch in flight, so batches stay small; 50 keeps 5,000 ordinary rows within a few round trips' cost.
 */
export const QUERY_FETCH_SIZE = 50;
/** The client gives up this long after the transaction timeout, if Neo4j has not stopped the query itself. */
export const DEADLINE_GRACE_MS = 2_000;

function tooBig(id: string, field: string, zh: string, en: string, details: Record<string, unknown>) {
  return new InvalidInputError(id, `${zh} / ${en}`, { details: { field, ...details } });
}

/** Deepest bracket nesting outside strings and comments, counting stops just past `limit`. */
export function nestingDepth(cypher: string, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (const c of blankLiterals(cypher)) {
    if (c === '(' || c === '[' || c === '{') {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) break;
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth -= 1;
  }
  return deepest;
}

/** Walks a parameter value, adding to `state.size`; throws at the first limit passed. */
function measure(value: unknown, depth: number, state: { size: number }): void {
  if (depth > MAX_PARAMS_DEPTH) {
    throw tooBig('query.paramsTooDeep', 'params', '参数嵌套过深', 'The parameters are nested too deeply', {
      limit: MAX_PARAMS_DEPTH,
    });
  }
  if (typeof value === 'string') state.size += value.length;
  else if (Array.isArray(value)) {
    for (const item of value) measure(item, depth + 1, state);
  } else if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    for (const [key, item] of Object.entries(value)) {
      state.size += key.length;
      measure(item, depth + 1, state);
    }
  } else state.size += 8; // numbers, booleans, null, driver Integers and temporals
  if (state.size > MAX_PARAMS_SIZE) {
    throw tooBig('query.paramsTooLarge', 'params', '参数过大', 'The parameters are too large', {
      limit: MAX_PARAMS_SIZE,
    });
  }
}

/**
 * Refuses, before anything is sent to Neo4j, a text longer than MAX_CYPHER (`query.tooLong`), nested deeper
 * than MAX_NESTING (`query.tooDeep`), or parameters too deep or too large (`query.paramsTooDeep`,
 * `query.paramsTooLarge`). All are 400 with `field` `cypher` or `params`.
 */
export function checkQueryLimits(cypher: string, params: Params = {}): void {
  if (cypher.length > MAX_CYPHER) {
    throw tooBig('query.tooLong', 'cypher', '查询语句过长', 'The query text is too long', {
      length: cypher.length,
      limit: MAX_CYPHER,
    });
  }
  const depth = nestingDepth(cypher);
  if (depth > MAX_NESTING) {
    throw tooBig('query.tooDeep', 'cypher', '查询语句括号嵌套过深', 'The query nests brackets too deeply', {
      limit: MAX_NESTING,
    });
  }
  measure(params, 0, { size: 0 });
}

/** What the query pool needs to know: the transaction timeout, the pool size and the wait for a connection. */
export interface PoolLimits {
  timeoutMs: number;
  poolSize: number;
  waitMs: number;
}

/**
 * The driver profile of analysts' queries: a small pool of its own (a flood of queries waits there, answered
 * `store.busy` after `waitMs`, and never takes a connection from the rest of the API), small fetches, a
 * client-side deadline, and no driver retries (a query that ran out of memory would only run out again).
 */
export function queryProfile(limits: PoolLimits): StoreTimeouts {
  return {
    retryMs: 0,
    connectMs: INTERACTIVE_TIMEOUTS.connectMs,
    poolSize: limits.poolSize,
    acquireMs: limits.waitMs,
    fetchSize: QUERY_FETCH_SIZE,
    deadlineMs: limits.timeoutMs + DEADLINE_GRACE_MS,
  };
}

/** The store (own driver, same server and database as `store`) that templates and ad-hoc Cypher run on. */
export function queryStore(store: Store, limits: PoolLimits): Store {
  return getStore(store.connection, queryProfile(limits));
}
