// The append-only audit log (:AuditEntry): who did what, when, with which parameters and how many rows.
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';

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

/** Values that must never reach the log (passwords, tokens), whatever the route. */
const SECRET_KEYS = /pass(word)?|token|secret/i;

/** A parameter longer than this (as JSON) is recorded by its size only: the log is for who did what, not payloads. */
const MAX_VALUE_BYTES = 4096;

function scrub(params: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (SECRET_KEYS.test(key)) {
      out[key] = '***';
      continue;
    }
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
    out[key] = bytes > MAX_VALUE_BYTES ? { omitted: true, bytes } : value;
  }
  return out;
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
 * Only CREATE is ever run on :AuditEntry: there is no update or delete path.
 */
export class AuditLog {
  private queue: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: () => Store,
    private readonly options: { delayMs?: number; maxBatch?: number } = {},
  ) {}

  record(input: AuditInput): AuditEntry {
    const entry = toEntry(input);
    this.queue.push(entry);
    if (this.queue.length >= (this.options.maxBatch ?? 200)) void this.flush();
    else if (!this.timer) {
      // unref: a pending flush must not keep a CLI process alive; servers flush on close.
      this.timer = setTimeout(() => void this.flush(), this.options.delayMs ?? 250).unref();
    }
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
           CREATE (a:AuditEntry)
           SET a = e, a.at = datetime(e.at), a.params = e.paramsJson
           REMOVE a.paramsJson`,
          { entries: batch.map(({ params, ...rest }) => ({ ...rest, paramsJson: JSON.stringify(params) })) },
        );
      } catch (error) {
        this.queue = [...batch, ...this.queue];
        this.timer ??= setTimeout(() => void this.flush(), 5000).unref();
        process.stderr.write(
          `[qingfeng] 审计记录暂未写入，稍后重试 / audit entries not yet stored, will retry: ${String(error)}\n`,
        );
      }
    });
    return this.writing;
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
