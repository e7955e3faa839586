// Running a read-only query: guard first, then a READ transaction with a timeout, rows streamed up to a limit.
import { EngineError, InvalidInputError, StoreError } from '../engine/errors.ts';
import { type GraphPayload, PayloadBuilder } from '../engine/graph/payload.ts';
import type { Params, Row, Store } from '../engine/store/gateway.ts';
import { checkReadOnly } from './guard.ts';

export interface RunLimits {
  /** The most rows returned; reading stops after it (the answer says `truncated`). */
  rowLimit: number;
  /** Transaction timeout; Neo4j terminates the query after it. */
  timeoutMs: number;
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

/** Limits from the settings, lowered (never raised) by what a request asks for. */
export function runLimits(
  settings: { queryRowLimit: number; queryTimeoutSeconds: number },
  asked: { limit?: number } = {},
): RunLimits {
  const rowLimit = Math.max(1, Math.min(asked.limit ?? settings.queryRowLimit, settings.queryRowLimit));
  return { rowLimit, timeoutMs: settings.queryTimeoutSeconds * 1000 };
}

function runFailure(error: unknown, limits: RunLimits): unknown {
  if (!(error instanceof StoreError)) return error;
  const code = String(error.details.code ?? '');
  if (/TransactionTimedOut|Transaction\.Terminated|TransactionMarkedAsFailed/.test(code)) {
    const seconds = Math.round(limits.timeoutMs / 100) / 10;
    return new EngineError(
      'query.timeout',
      `查询超过 ${seconds} 秒未完成，已终止 / The query ran longer than ${seconds} s and was stopped`,
      { status: 504, details: { code, timeoutSeconds: seconds } },
    );
  }
  if (code.startsWith('Neo.ClientError.Statement.') || code.startsWith('Neo.ClientError.Procedure.')) {
    const cause = error.cause as { message?: string } | undefined;
    const message = (cause?.message ?? error.message).split('\n')[0]!.trim();
    return new InvalidInputError('query.failed', `查询执行出错 / The query failed: ${message}`, {
      details: { code, neo4j: message },
    });
  }
  return error;
}

/**
 * Guards `cypher` (EXPLAIN, see guard.ts), then runs it in a READ transaction with the timeout, streaming at
 * most `rowLimit` rows (one more is read to know whether there were more, then the stream is cancelled).
 * `params` are bound, never spliced into the text.
 */
export async function runReadOnly(
  store: Store,
  cypher: string,
  params: Params,
  limits: RunLimits,
): Promise<QueryAnswer> {
  const started = performance.now();
  const plan = await checkReadOnly(store, cypher, params);
  let rows: Row[] = [];
  let builder = new PayloadBuilder();
  let truncated = false;
  try {
    await store.stream<Row>(
      cypher,
      params,
      (row) => {
        if (rows.length >= limits.rowLimit) {
          truncated = true;
          return;
        }
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
        },
      },
    );
  } catch (error) {
    throw runFailure(error, limits);
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
