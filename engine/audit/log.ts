// The append-only audit log (:AuditEntry): who did what, when, with which parameters and how many rows.
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';
import { scrub } from './scrub.ts';
import { AuditSpool } from './spool.ts';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditInput {
  user: string;
  role: string;
  /** Stable action id, e.g. `template.run`, `clue.status`, `export.png`, `auth.login`. */
  action: string;
  /** What it was done to: a template id, clue id, entity key, case id. */
  target?: string | null;
  params?: Record<string, unknown>;
  rows?: number | null;
  outcome?: AuditOutcome;
  /** HTTP status, or the error id for failures. */
  status?: number | null;
  errorId?: string | null;
  ip?: string | null;
}

export interface AuditEntry extends Required<Omit<AuditInput, 'params'>> {
  auditId: string;
  at: string;
  params: Record<string, unknown>;
}

function toEntry(input: AuditInput): AuditEntry {
  return {
    auditId: randomUUID(),
    at: new Date().toISOString(),
    user: input.user,
    role: input.role,
    action: input.action,
    target: input.target ?? null,
    params: scrub(input.params),
    rows: input.rows ?? null,
    outcome: input.outcome ?? 'ok',
    status: input.status ?? null,
    errorId: input.errorId ?? null,
    ip: input.ip ?? null,
  };
}

/**
 * Entries are queued and written in one transaction per batch (every 250 ms or 200 entries), so auditing a read
 * costs the read nothing. `flush()` waits until everything queued so far is stored; listing flushes first.
 * With a spool folder, each entry is also on disk from `record()` until stored, and entries a crashed process
 * left there are stored at start. Entries are only ever created (MERGE on auditId, so a replay adds nothing):
 * there is no update or delete path.
 */
export class AuditLog {
  private queue: AuditEntry[] = [];
  /** Recorded and not yet stored, by auditId: what the spool file must hold. */
  private readonly unstored = new Map<string, AuditEntry>();
  private readonly spool: AuditSpool | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: () => Store,
    private readonly options: {
      delayMs?: number;
      maxBatch?: number;
      spoolDir?: string;
      /** Store what crashed processes left in the spool as soon as this log is made (default true). */
      adoptAtStart?: boolean;
    } = {},
  ) {
    if (!options.spoolDir) return;
    this.spool = new AuditSpool(options.spoolDir);
    if (options.adoptAtStart !== false) this.adoptOrphans();
  }

  /** Queues the entries crashed processes left in the spool; returns how many. */
  adoptOrphans(): number {
    const orphans = this.spool?.adoptOrphans() ?? [];
    if (orphans.length) {
      for (const entry of orphans) this.unstored.set(entry.auditId, entry);
      this.queue.push(...orphans);
      this.schedule(0);
    }
    return orphans.length;
  }

  /** Entries recorded but not yet in Neo4j (waiting for the next batch, or for Neo4j to come back). */
  get backlog(): number {
    return this.unstored.size;
  }

  private schedule(delayMs: number): void {
    // unref: a pending flush must not keep a CLI process alive; servers flush on close.
    this.timer ??= setTimeout(() => void this.flush(), delayMs).unref();
  }

  record(input: AuditInput): AuditEntry {
    const entry = toEntry(input);
    this.spool?.append([entry]);
    this.unstored.set(entry.auditId, entry);
    this.queue.push(entry);
    if (this.queue.length >= (this.options.maxBatch ?? 200)) void this.flush();
    else this.schedule(this.options.delayMs ?? 250);
    return entry;
  }

  /** Writes what is queued; a failed write puts its entries back at the front and is reported, never dropped. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writing.then(async () => {
      if (!batch.length) return;
      try {
        await this.store().write(
          `UNWIND $entries AS e
           MERGE (a:AuditEntry {auditId: e.auditId})
           ON CREATE SET a = e, a.at = datetime(e.at), a.params = e.paramsJson
           REMOVE a.paramsJson`,
          { entries: batch.map(({ params, ...rest }) => ({ ...rest, paramsJson: JSON.stringify(params) })) },
        );
        for (const entry of batch) this.unstored.delete(entry.auditId);
        this.spool?.rewrite([...this.unstored.values()]);
      } catch (error) {
        this.queue = [...batch, ...this.queue];
        this.schedule(5000);
        process.stderr.write(
          `[qingfeng] 审计记录暂未写入，稍后重试 / audit entries not yet stored, will retry: ${String(error)}\n`,
        );
      }
    });
    return this.writing;
  }

  /** Stops retrying (at shutdown): what is not stored stays in the spool for the next start. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface AuditFilter {
  user?: string;
  action?: string;
  target?: string;
  outcome?: AuditOutcome;
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}

export async function listAudit(
  store: Store,
  filter: AuditFilter = {},
): Promise<{ total: number; entries: AuditEntry[] }> {
  const limit = filter.limit ?? 100;
  const offset = filter.offset ?? 0;
  for (const [field, value] of [
    ['since', filter.since],
    ['until', filter.until],
  ] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      throw new InvalidInputError('audit.badFilter', `时间格式无效 / Invalid time: ${value}`, {
        details: { field },
      });
    }
  }
  const where = `WHERE ($user IS NULL OR a.user = $user)
      AND ($action IS NULL OR a.action = $action OR a.action STARTS WITH $action + '.')
      AND ($target IS NULL OR a.target = $target)
      AND ($outcome IS NULL OR a.outcome = $outcome)
      AND ($since IS NULL OR a.at >= datetime($since))
      AND ($until IS NULL OR a.at <= datetime($until))`;
  const params = {
    user: filter.user ?? null,
    action: filter.action ?? null,
    target: filter.target ?? null,
    outcome: filter.outcome ?? null,
    since: filter.since ?? null,
    until: filter.until ?? null,
  };
  const [count] = await store.read<{ n: number }>(
    `MATCH (a:AuditEntry) ${where} RETURN count(a) AS n`,
    params,
  );
  const rows = await store.read<{ e: Omit<AuditEntry, 'params'> & { params: string } }>(
    `MATCH (a:AuditEntry) ${where}
     RETURN a { .*, at: toString(a.at) } AS e ORDER BY a.at DESC, a.auditId SKIP toInteger($offset) LIMIT toInteger($limit)`,
    { ...params, offset, limit },
  );
  return {
    total: count?.n ?? 0,
    entries: rows.map(({ e }) => ({ ...e, params: JSON.parse(e.params || '{}') as Record<string, unknown> })),
  };
}
