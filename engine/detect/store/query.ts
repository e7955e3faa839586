// Reading stored clues: one by id (with evidence), or a filtered, sorted, paged list (by model, status, village, amount).
import { InvalidInputError, NotFoundError } from '../../errors.ts';
import type { Store } from '../../store/gateway.ts';
import { type ClueRecord, type ClueStatus, MODEL_IDS } from '../types.ts';
import { CLUE_PROJECTION, type ClueRow, parseStatus, toRecord } from './records.ts';

export interface ClueFilter {
  model?: string | string[];
  /** Status ids or their Chinese/English names. */
  status?: string | string[];
  /** A village key 'town/village', a village name, or a town name (all its villages). */
  village?: string;
  minAmount?: number;
  maxAmount?: number;
  minScore?: number;
  /** Only clues the latest run still raises (default true); false for only inactive, 'all' for both. */
  active?: boolean | 'all';
  /** A key of a subject (ID number, credit code, account number…). */
  subject?: string;
  sort?: 'score' | 'amount' | 'raisedAt' | 'updatedAt';
  limit?: number;
  offset?: number;
  withEvidence?: boolean;
}

/** Stored clues counted by model, status and whether the latest run still raises them, with their amounts. */
export interface ClueCount {
  model: string;
  status: ClueStatus;
  active: boolean;
  count: number;
  amount: number;
}

export interface ClueList {
  total: number;
  clues: ClueRecord[];
  /** Every stored clue tallied (whatever the filter), for the filter UI's counts. */
  counts: ClueCount[];
}

function bad(field: string, value: unknown): InvalidInputError {
  return new InvalidInputError(
    'clue.badFilter',
    `线索筛选条件 ${field} 无效：${String(value)} / Invalid clue filter ${field}: ${String(value)}`,
    { details: { field, value } },
  );
}

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function amount(field: string, v: number | undefined): number | null {
  if (v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(field, v);
  return v;
}

/** The filter as Cypher parameters, every value checked. */
export function filterParams(filter: ClueFilter) {
  const models = asList(filter.model);
  for (const m of models) if (!(MODEL_IDS as readonly string[]).includes(m)) throw bad('model', m);
  const statuses = asList(filter.status).map((s) => {
    const parsed = parseStatus(s);
    if (!parsed) throw bad('status', s);
    return parsed;
  });
  const limit = filter.limit ?? 50;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw bad('limit', limit);
  if (!Number.isInteger(offset) || offset < 0) throw bad('offset', offset);
  const sort = filter.sort ?? 'score';
  if (!['score', 'amount', 'raisedAt', 'updatedAt'].includes(sort)) throw bad('sort', sort);
  const active = filter.active ?? true;
  return {
    models,
    statuses: statuses as ClueStatus[],
    village: filter.village?.trim() || null,
    minAmount: amount('minAmount', filter.minAmount),
    maxAmount: amount('maxAmount', filter.maxAmount),
    minScore: amount('minScore', filter.minScore),
    active: active === 'all' ? null : active,
    subject: filter.subject?.trim().toUpperCase() || null,
    sort,
    limit,
    offset,
    withEvidence: filter.withEvidence === true,
  };
}

const WHERE = `(size($models) = 0 OR c.model IN $models)
  AND (size($statuses) = 0 OR c.status IN $statuses)
  AND ($active IS NULL OR coalesce(c.active, true) = $active)
  AND ($minAmount IS NULL OR c.amount >= $minAmount)
  AND ($maxAmount IS NULL OR c.amount <= $maxAmount)
  AND ($minScore IS NULL OR c.score >= $minScore)
  AND ($village IS NULL OR any(v IN coalesce(c.villages, []) WHERE v = $village
       OR v STARTS WITH $village + '/' OR v ENDS WITH '/' + $village))
  AND ($subject IS NULL OR EXISTS { MATCH (c)-[:CLUE_SUBJECT]->(n)
       WHERE toUpper(coalesce(n.idNumber, n.creditCode, n.accountNo, n.villageKey, n.mentionId, n.orgKey)) = $subject })`;

/**
 * Clues matching the filter, best first (by score, amount or time), with the total before paging and the tally of
 * every clue: one scan and one round trip, since the clue screen asks for all three on every change of filter.
 */
export async function listClues(store: Pick<Store, 'read'>, filter: ClueFilter = {}): Promise<ClueList> {
  const p = filterParams(filter);
  const order = p.sort === 'score' ? 'c.score DESC, c.amount DESC' : `c.${p.sort} DESC, c.score DESC`;
  const [row] = await store.read<{ total: number; page: { c: ClueRow }[]; tally: TallyRow[] }>(
    `MATCH (c:Clue)
     WITH c, ${WHERE} AS hit
     WITH collect(CASE WHEN hit THEN c END) AS hits,
       collect({model: c.model, status: c.status, active: coalesce(c.active, true), amount: c.amount}) AS tally
     CALL (hits) {
       UNWIND hits AS c
       WITH c ORDER BY ${order}, c.clueId SKIP toInteger($offset) LIMIT toInteger($limit)
       RETURN collect({c: ${CLUE_PROJECTION}}) AS page
     }
     RETURN size(hits) AS total, page, tally`,
    p,
  );
  return {
    total: row?.total ?? 0,
    clues: (row?.page ?? []).map((r) => toRecord(r.c)),
    counts: tallied(row?.tally ?? []),
  };
}

interface TallyRow {
  model: string;
  status: ClueStatus;
  active: boolean;
  amount: number | null;
}

/** Clues grouped by model, status and activity, ordered by model then status (as `clueCounts` answers). */
function tallied(rows: TallyRow[]): ClueCount[] {
  const groups = new Map<string, ClueCount>();
  for (const r of rows) {
    const key = `${r.model}\u0000${r.status}\u0000${r.active}`;
    const group = groups.get(key) ?? {
      model: r.model,
      status: r.status,
      active: r.active,
      count: 0,
      amount: 0,
    };
    group.count += 1;
    group.amount += r.amount ?? 0;
    groups.set(key, group);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()].sort(
    (a, b) => cmp(a.model, b.model) || cmp(a.status, b.status) || Number(a.active) - Number(b.active),
  );
}

/** One clue with its evidence; NotFoundError `clue.notFound` when there is none with that id. */
export async function getClue(store: Pick<Store, 'read'>, clueId: string): Promise<ClueRecord> {
  const [row] = await store.read<{ c: ClueRow }>(
    `MATCH (c:Clue {clueId: $clueId}) RETURN ${CLUE_PROJECTION} AS c`,
    { clueId, withEvidence: true },
  );
  if (!row)
    throw new NotFoundError('clue.notFound', `线索不存在：${clueId} / No such clue: ${clueId}`, {
      details: { clueId },
    });
  return toRecord(row.c);
}

/** Counts of stored clues by model and status, for dashboards. */
export async function clueCounts(store: Pick<Store, 'read'>): Promise<ClueCount[]> {
  return store.read(
    `MATCH (c:Clue) RETURN c.model AS model, c.status AS status, coalesce(c.active, true) AS active,
       count(c) AS count, sum(c.amount) AS amount ORDER BY model, status`,
  );
}
