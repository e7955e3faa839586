// The store gateway: one driver per connection, read/write helpers over managed transactions, batched UNWIND writes.
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { isEngineError, StoreError } from '../errors.ts';
import type { ConnectionInfo } from './connection.ts';
import { toStoreError } from './errors.ts';
import { toPlain } from './plain.ts';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Runs one statement inside a `Store.transaction`. */
export type TxRun = <R = Row>(cypher: string, params?: Params) => Promise<R[]>;

const DEADLOCK = 'Neo.TransientError.Transaction.DeadlockDetected';

/** What `stream`/`explain` throw past a store's deadline; `details.code` is `Qingfeng.ClientTimeout`. */
function clientTimeout(deadlineMs: number): StoreError {
  const seconds = Math.round(deadlineMs / 100) / 10;
  return new StoreError(
    'store.timeout',
    `Neo4j 在 ${seconds} 秒内没有应答 / Neo4j did not answer within ${seconds} s`,
    { retriable: false, details: { code: 'Qingfeng.ClientTimeout', deadlineMs } },
  );
}

function runner(tx: {
  run: (cypher: string, params: Params) => PromiseLike<{ records: { toObject(): object }[] }>;
}): TxRun {
  return async <R = Row>(cypher: string, params: Params = {}) => {
    const result = await tx.run(cypher, params);
    return result.records.map((record) => toPlain(record.toObject()) as R);
  };
}

/** One operator of an `EXPLAIN` plan: `ProcedureCall`, `LoadCSV`, `Create`… and the database it runs on. */
export interface PlanOperator {
  name: string;
  database: string | null;
  details: string | null;
}

export interface QueryPlan {
  /** Neo4j's query type: `r` read, `rw` read-write, `w` write, `s` schema or administration. */
  queryType: string;
  columns: string[];
  operators: PlanOperator[];
}

export interface WriteSummary {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export interface BatchOptions {
  batchSize?: number;
  /** Further parameters bound beside `$rows`. */
  params?: Params;
  /** Called after each committed batch with the number of rows written so far. */
  onBatch?: (written: number) => void;
}

const EMPTY_SUMMARY: WriteSummary = {
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
};

function addSummary(a: WriteSummary, b: WriteSummary): WriteSummary {
  return {
    nodesCreated: a.nodesCreated + b.nodesCreated,
    nodesDeleted: a.nodesDeleted + b.nodesDeleted,
    relationshipsCreated: a.relationshipsCreated + b.relationshipsCreated,
    relationshipsDeleted: a.relationshipsDeleted + b.relationshipsDeleted,
    propertiesSet: a.propertiesSet + b.propertiesSet,
  };
}

/** How long the driver keeps retrying a transaction, and waits for a connection, before giving up. */
export interface StoreTimeouts {
  retryMs: number;
  connectMs: number;
  /** A driver of its own for one kind of work (analysts' queries): its pool size, wait for a free connection… */
  poolSize?: number;
  acquireMs?: number;
  /** …records pulled per batch (small: a row may be megabytes)… */
  fetchSize?: number;
  /** …and a client-side bound on `stream` and `explain`: past it the caller gets `store.timeout` even when
   * Neo4j does not answer at all (a query stuck in the parser ignores the transaction timeout). */
  deadlineMs?: number;
}

/** Batch work (ingest, detection): ride out a restart or a burst of deadlocks. */
export const BATCH_TIMEOUTS: StoreTimeouts = { retryMs: 30_000, connectMs: 10_000 };
/** Interactive requests (the API): a person is waiting, so an outage is reported within seconds, not a minute. */
export const INTERACTIVE_TIMEOUTS: StoreTimeouts = { retryMs: 4_000, connectMs: 3_000 };

export class Store {
  readonly connection: ConnectionInfo;
  private readonly driver: Driver;
  private readonly deadlineMs: number | undefined;

  constructor(connection: ConnectionInfo, timeouts: StoreTimeouts = BATCH_TIMEOUTS) {
    this.connection = connection;
    this.deadlineMs = timeouts.deadlineMs;
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      maxTransactionRetryTime: timeouts.retryMs,
      connectionAcquisitionTimeout: timeouts.acquireMs ?? Math.max(timeouts.connectMs, 10_000),
      connectionTimeout: timeouts.connectMs,
      ...(timeouts.poolSize ? { maxConnectionPoolSize: timeouts.poolSize } : {}),
      ...(timeouts.fetchSize ? { fetchSize: timeouts.fetchSize } : {}),
      userAgent: 'qingfeng',
    });
  }

  /**
   * Runs `work` in a read session bounded by the deadline (when this store has one). Past it, or after a
   * failure (a row handler refusing an oversized answer), the caller is answered at once and the session closed
   * in the background: closing waits for Neo4j to finish the batch in flight, which may be megabytes or never.
   */
  private async readBounded<T>(
    work: (session: Session, fail: (error: unknown) => void) => Promise<T>,
  ): Promise<T> {
    const session = this.session('READ');
    // `fail` answers the caller now: the driver itself reports a failure only after the rollback, which Neo4j
    // reads after the batch in flight.
    let fail: (error: unknown) => void = () => {};
    const bound = new Promise<never>((_, reject) => {
      fail = reject;
    });
    bound.catch(() => {});
    const running = work(session, fail);
    // The race below may settle first; a later failure of the work must not become an unhandled rejection.
    running.catch(() => {});
    const deadline = this.deadlineMs;
    let timer: NodeJS.Timeout | undefined;
    let succeeded = false;
    try {
      if (deadline !== undefined) timer = setTimeout(() => fail(clientTimeout(deadline)), deadline);
      const result = await Promise.race([running, bound]);
      succeeded = true;
      return result;
    } finally {
      clearTimeout(timer);
      if (succeeded) await session.close();
      else session.close().catch(() => {});
    }
  }

  private session(mode: 'READ' | 'WRITE') {
    const accessMode = mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE;
    return this.driver.session({ database: this.connection.database, defaultAccessMode: accessMode });
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // An engine error raised by the caller's own row handler passes through unchanged.
      if (isEngineError(error)) throw error;
      throw toStoreError(error, this.connection.uri);
    }
  }

  /** Throws StoreError (`store.unavailable`, `store.auth`) unless the server answers and accepts us. */
  async verify(): Promise<{ version: string; edition: string }> {
    // Auto-commit on purpose: a health check must answer now, not after the driver's retry budget.
    const [row] = await this.autoCommit<{ version: string; edition: string }>(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    );
    return row ?? { version: 'unknown', edition: 'unknown' };
  }

  /** Runs in a read transaction (retried by the driver on transient faults); rows come back plain. */
  read<R = Row>(cypher: string, params: Params = {}, options: { timeoutMs?: number } = {}): Promise<R[]> {
    return this.guard(async () => {
      const session = this.session('READ');
      try {
        const result = await session.executeRead((tx) => tx.run(cypher, params), {
          timeout: options.timeoutMs,
        });
        return result.records.map((record) => toPlain(record.toObject()) as R);
      } finally {
        await session.close();
      }
    });
  }

  /**
   * Streams the rows of a read query to `onRow` as they arrive, never holding them all. The driver may retry
   * the transaction after a transient fault: `onStart` runs before each attempt so the caller can start over.
   * A throw from `onRow` aborts the query and is passed on. Returns the number of rows delivered.
   */
  stream<R = Row>(
    cypher: string,
    params: Params,
    onRow: (row: R) => void,
    options: { onStart?: () => void; timeoutMs?: number; plain?: boolean; maxRows?: number } = {},
  ): Promise<number> {
    return this.guard(() =>
      this.readBounded((session, fail) =>
        session.executeRead(
          async (tx) => {
            options.onStart?.();
            let count = 0;
            for await (const record of tx.run(cypher, params)) {
              const row = record.toObject();
              try {
                onRow((options.plain === false ? row : toPlain(row)) as R);
              } catch (error) {
                fail(error);
                throw error;
              }
              count += 1;
              // Leaving the loop cancels the rest of the stream: the server stops producing rows.
              if (options.maxRows !== undefined && count >= options.maxRows) break;
            }
            return count;
          },
          { timeout: options.timeoutMs },
        ),
      ),
    );
  }

  /**
   * Plans a statement without running it (`EXPLAIN`, in a read transaction): Neo4j's own query type
   * (`r`, `rw`, `w`, `s`), the result columns, and every operator of the plan with its database and details
   * (a procedure call's details start with the procedure's name). Read-only guards decide on this.
   */
  explain(cypher: string, params: Params = {}): Promise<QueryPlan> {
    return this.guard(() =>
      this.readBounded(async (session) => {
        const { keys, summary } = await session.executeRead(async (tx) => {
          const result = tx.run(`EXPLAIN ${cypher}`, params);
          return { keys: await result.keys(), summary: await result.summary() };
        });
        const operators: PlanOperator[] = [];
        const walk = (plan: unknown): void => {
          const p = plan as {
            operatorType?: string;
            arguments?: Record<string, unknown>;
            children?: unknown[];
          };
          if (!p || typeof p.operatorType !== 'string') return;
          const [name = '', database = null] = p.operatorType.split('@');
          const details = p.arguments?.Details;
          operators.push({ name, database, details: typeof details === 'string' ? details : null });
          for (const child of p.children ?? []) walk(child);
        };
        walk(summary.plan);
        return { queryType: String(summary.queryType ?? ''), columns: [...keys], operators };
      }),
    );
  }

  /**
   * Runs `work` in ONE write transaction: every statement it runs commits together or not at all (one commit,
   * one log flush). The driver retries the whole function after a transient fault, so `work` must start from
   * scratch each time it is called. `quickRetries`: first try that many times on our own, retrying a deadlock
   * at once (after `beforeRetry`, e.g. waiting for the other writer) instead of after the driver's back-off.
   */
  async transaction<T>(
    work: (run: TxRun) => Promise<T>,
    options: { quickRetries?: number; beforeRetry?: () => Promise<void> } = {},
  ): Promise<T> {
    for (let attempt = 0; attempt < (options.quickRetries ?? 0); attempt += 1) {
      try {
        return await this.guard(() => this.explicitTransaction(work));
      } catch (error) {
        if (!(error instanceof StoreError) || error.details.code !== DEADLOCK) throw error;
        await options.beforeRetry?.();
      }
    }
    return this.guard(async () => {
      const session = this.session('WRITE');
      try {
        return await session.executeWrite((tx) => work(runner(tx)));
      } finally {
        await session.close();
      }
    });
  }

  private async explicitTransaction<T>(work: (run: TxRun) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      const tx = session.beginTransaction();
      try {
        const result = await work(runner(tx));
        await tx.commit();
        return result;
      } catch (error) {
        if (tx.isOpen()) await tx.rollback().catch(() => {});
        throw error;
      }
    } finally {
      await session.close();
    }
  }

  /** Runs in a write transaction; returns plain rows. */
  write<R = Row>(cypher: string, params: Params = {}): Promise<R[]> {
    return this.guard(async () => {
      const session = this.session('WRITE');
      try {
        const result = await session.executeWrite((tx) => tx.run(cypher, params));
        return result.records.map((record) => toPlain(record.toObject()) as R);
      } finally {
        await session.close();
      }
    });
  }

  /**
   * Writes `rows` in batches, each one transaction running `cypher` with `$rows` bound
   * (the query should start `UNWIND $rows AS row`). Returns the summed counters and the rows returned.
   */
  writeBatches<R = Row>(
    cypher: string,
    rows: readonly unknown[],
    options: BatchOptions = {},
  ): Promise<WriteSummary & { rows: R[] }> {
    const size = options.batchSize ?? 5000;
    return this.guard(async () => {
      const session = this.session('WRITE');
      let total = EMPTY_SUMMARY;
      const returned: R[] = [];
      try {
        for (let start = 0; start < rows.length; start += size) {
          const batch = rows.slice(start, start + size);
          const result = await session.executeWrite((tx) =>
            tx.run(cypher, { ...options.params, rows: batch }),
          );
          for (const record of result.records) returned.push(toPlain(record.toObject()) as R);
          const c = result.summary.counters.updates();
          total = addSummary(total, {
            nodesCreated: c.nodesCreated,
            nodesDeleted: c.nodesDeleted,
            relationshipsCreated: c.relationshipsCreated,
            relationshipsDeleted: c.relationshipsDeleted,
            propertiesSet: c.propertiesSet,
          });
          options.onBatch?.(Math.min(start + size, rows.length));
        }
        return { ...total, rows: returned };
      } finally {
        await session.close();
      }
    });
  }

  /** Auto-commit run, needed for `CALL { … } IN TRANSACTIONS` and schema commands. */
  autoCommit<R = Row>(cypher: string, params: Params = {}): Promise<R[]> {
    return this.guard(async () => {
      const session = this.session('WRITE');
      try {
        const result = await session.run(cypher, params);
        return result.records.map((record) => toPlain(record.toObject()) as R);
      } finally {
        await session.close();
      }
    });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

const stores = new Map<string, Store>();

/** One Store (and so one driver) per connection and timeout profile per process. */
export function getStore(connection: ConnectionInfo, timeouts: StoreTimeouts = BATCH_TIMEOUTS): Store {
  const profile = [timeouts.retryMs, timeouts.connectMs, timeouts.poolSize, timeouts.acquireMs];
  profile.push(timeouts.fetchSize, timeouts.deadlineMs);
  const id = `${connection.uri}|${connection.user}|${connection.database}|${profile.join('|')}`;
  let store = stores.get(id);
  if (!store) {
    store = new Store(connection, timeouts);
    stores.set(id, store);
  }
  return store;
}

export async function closeAllStores(): Promise<void> {
  const open = [...stores.values()];
  stores.clear();
  await Promise.all(open.map((store) => store.close()));
}
