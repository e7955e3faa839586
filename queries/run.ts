// Running a read-only query: guard first, then a READ transaction with a timeout, rows streamed up to a limit.
import { EngineError, InvalidInputError, StoreError } from '../engine/errors.ts';
import { type GraphPayload, PayloadBuilder } from '../engine/graph/payload.ts';
import { DEFAULT_SETTINGS, type Settings } from '../engine/settings.ts';
import type { Params, Row, Store } from '../engine/store/gateway.ts';
import { checkReadOnly } from './guard.ts';
import { queryStore } from './limits.ts';

export interface RunLimits {
  /** The most rows returned; reading stops after it (the answer says `truncated`). */
  rowLimit: number;
  /** Transaction timeout; Neo4j terminates the query after it, the client gives up shortly after. */
  timeoutMs: number;
  /** Most bytes of rows (as JSON); past it the query is stopped with 422 `query.tooLarge`. */
  answerBytes?: number;
  /** The query pool: connections, and how long a query waits for one before 429 `query.busy`. */
  poolSize?: number;
  waitMs?: number;
}

export interface QueryAnswer {
  columns: string[];
  /** One plain JSON object per row, keyed by column; nodes as `{elementId, labels, properties}`. */
  rows: Row[];
  /** Every node, relationship and path found anywhere in the rows, in the shared graph shape. */
  graph: GraphPayload;
  /** More rows existed than `limit`. */
  truncated: boolean;
  limit: number;
  elapsedMs: number;
}

type LimitSettings = Pick<Settings, 'queryRowLimit' | 'queryTimeoutSeconds'> &
  Partial<Pick<Settings, 'queryAnswerMb' | 'queryPoolSize' | 'queryWaitSeconds'>>;

/** Limits from the settings, lowered (never raised) by what a request asks for. */
export function runLimits(settings: LimitSettings, asked: { limit?: number } = {}): Required<RunLimits> {
  const rowLimit = Math.max(1, Math.min(asked.limit ?? settings.queryRowLimit, settings.queryRowLimit));
  return {
    rowLimit,
    timeoutMs: settings.queryTimeoutSeconds * 1000,
    answerBytes: (settings.queryAnswerMb ?? DEFAULT_SETTINGS.queryAnswerMb) * 1024 * 1024,
    poolSize: settings.queryPoolSize ?? DEFAULT_SETTINGS.queryPoolSize,
    waitMs: (settings.queryWaitSeconds ?? DEFAULT_SETTINGS.queryWaitSeconds) * 1000,
  };
}

/** Neo4j's codes for a query stopped by the transaction memory limits (conf.ts) or a full JVM heap. */
const MEMORY_CODES = /General\.(TransactionMemoryLimit|MemoryPoolOutOfMemoryError|OutOfMemoryError)$/;

function runFailure(error: unknown, limits: Required<RunLimits>): unknown {
  if (!(error instanceof StoreError)) return error;
  const code = String(error.details.code ?? '');
  if (error.id === 'store.busy') {
    const poolSize = limits.poolSize;
    return new EngineError(
      'query.busy',
      `查询繁忙（${poolSize} 个查询正在运行），请稍后再试 / Too many queries running (${poolSize}); try again shortly`,
      { status: 429, details: { poolSize, retryAfterSeconds: 5 } },
    );
  }
  if (MEMORY_CODES.test(code)) {
    return new EngineError(
      'query.tooMuchMemory',
      '查询所需内存超过上限，已终止，请缩小查询范围 / The query needed more memory than allowed and was stopped; narrow it down',
      { status: 422, details: { code } },
    );
  }
  if (/TransactionTimedOut|Transaction\.Terminated|TransactionMarkedAsFailed|ClientTimeout/.test(code)) {
    const seconds = Math.round(limits.timeoutMs / 100) / 10;
    return new EngineError(
      'query.timeout',
      `查询超过 ${seconds} 秒未完成，已终止 / The query ran longer than ${seconds} s and was stopped`,
      { status: 504, details: { code, timeoutSeconds: seconds } },
    );
  }
  // ExecutionFailed is the query's own fault too (e.g. shortestPath between a node and itself after a
  // cartesian product), though Neo4j files it as a DatabaseError.
  if (
    code.startsWith('Neo.ClientError.Statement.') ||
    code.startsWith('Neo.ClientError.Procedure.') ||
    code === 'Neo.DatabaseError.Statement.ExecutionFailed'
  ) {
    const cause = error.cause as { message?: string } | undefined;
    const message = (cause?.message ?? error.message).split('\n')[0]!.trim();
    return new InvalidInputError('query.failed', `查询执行出错 / The query failed: ${message}`, {
      details: { code, neo4j: message },
    });
  }
  return error;
}

/** 422 `query.tooLarge`: the rows read so far passed the answer's byte limit. */
function tooLarge(limitBytes: number, rows: number): EngineError {
  const mb = Math.round((limitBytes / 1024 / 1024) * 10) / 10;
  return new EngineError(
    'query.tooLarge',
    `查询结果超过 ${mb} MB，已终止，请减少返回的列或行 / The answer exceeded ${mb} MB and was stopped; return fewer columns or rows`,
    { status: 422, details: { limitMb: mb, rowsRead: rows } },
  );
}

/**
 * Guards `cypher` (size limits and EXPLAIN, see limits.ts and guard.ts), then runs it in a READ transaction
 * with the timeout on the query pool (limits.ts), streaming at most `rowLimit` rows (one more is read to know
 * whether there were more, then the stream is cancelled) and at most `answerBytes` of them, counted as JSON.
 * `params` are bound, never spliced into the text.
 */
export async function runReadOnly(
  store: Store,
  cypher: string,
  params: Params,
  limits: RunLimits,
): Promise<QueryAnswer> {
  const started = performance.now();
  // Callers may give only rows and timeout (tests, benchmarks): the rest from the default settings.
  const full = { ...runLimits(DEFAULT_SETTINGS), ...limits };
  const maxBytes = full.answerBytes;
  const queries = queryStore(store, full);
  let rows: Row[] = [];
  let builder = new PayloadBuilder();
  let truncated = false;
  let bytes = 0;
  let plan: Awaited<ReturnType<typeof checkReadOnly>>;
  try {
    plan = await checkReadOnly(queries, cypher, params);
    await queries.stream<Row>(
      cypher,
      params,
      (row) => {
        if (rows.length >= limits.rowLimit) {
          truncated = true;
          return;
        }
        // Counted before the row is kept: a single row of gigabytes stops the query here, not in memory later.
        bytes += Buffer.byteLength(JSON.stringify(row));
        if (bytes > maxBytes) throw tooLarge(maxBytes, rows.length);
        rows.push(row);
        builder.addValue(row);
      },
      {
        timeoutMs: limits.timeoutMs,
        maxRows: limits.rowLimit + 1,
        // A retried transaction starts over.
        onStart: () => {
          rows = [];
          builder = new PayloadBuilder();
          truncated = false;
          bytes = 0;
        },
      },
    );
  } catch (error) {
    throw runFailure(error, full);
  }
  const columns = plan.columns.length > 0 ? plan.columns : Object.keys(rows[0] ?? {});
  return {
    columns,
    rows,
    graph: builder.build(),
    truncated,
    limit: limits.rowLimit,
    elapsedMs: Math.round(performance.now() - started),
  };
}
