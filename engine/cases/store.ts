// Cases in Neo4j (:Case, key caseId = the case number QF-YYYY-NNNN): create, read, list, update, with history.
import { randomUUID } from 'node:crypto';
import { can } from '../auth/roles.ts';
import { EngineError } from '../errors.ts';
import { payloadNode } from '../graph/payload.ts';
import type { Store, TxRun } from '../store/gateway.ts';
import type { PlainNode } from '../store/plain.ts';
import {
  badCaseInput,
  CASE_STATUS_LABELS,
  CASE_TRANSITIONS,
  type CaseActor,
  type CaseClue,
  type CaseDetail,
  type CaseHistoryEntry,
  type CaseNote,
  type CaseRecord,
  type CaseStatus,
  type CaseSubject,
  type CaseViewSummary,
  caseNotFound,
  needsComment,
  parseCaseStatus,
} from './model.ts';
import { checkUsers } from './users.ts';

/** Prefix of case numbers: 清风 (QF), the year of opening, a sequence per year. */
export const CASE_PREFIX = 'QF';

export const CASE_PROJECTION = `c {
  .caseId, .title, .status, .lead, .members, .fromClue, .createdBy, .updatedBy,
  createdAt: toString(c.createdAt), updatedAt: toString(c.updatedAt),
  counts: {
    subjects: COUNT { (c)-[:CASE_SUBJECT]->() }, clues: COUNT { (c)-[:CASE_CLUE]->() },
    notes: COUNT { (c)-[:CASE_NOTE]->() }, views: COUNT { (c)-[:CASE_VIEW]->() }
  }
}`;

type CaseRow = Omit<CaseRecord, 'statusLabel' | 'members' | 'fromClue'> & {
  members: string[] | null;
  fromClue: string | null;
};

export function toCaseRecord(row: CaseRow): CaseRecord {
  const status = (parseCaseStatus(row.status) ?? 'preliminary') as CaseStatus;
  return {
    ...row,
    status,
    statusLabel: CASE_STATUS_LABELS[status],
    members: [...(row.members ?? [])],
    fromClue: row.fromClue ?? null,
  };
}

/** Cypher: append `$entry` to the case's history and stamp the change (`c` bound, `$at`, `$by`). */
export const STAMP = `SET c.history = coalesce(c.history, []) + [$entry], c.updatedAt = datetime($at), c.updatedBy = $by`;

export function historyEntry(by: string, at: string, event: string, details: Record<string, unknown> = {}) {
  return JSON.stringify({ at, by, event, ...details } satisfies CaseHistoryEntry);
}

/** Members as stored: without the lead, each once, sorted (so the same team always reads the same). */
export function normaliseMembers(lead: string, members: readonly string[]): string[] {
  return [...new Set(members.map((m) => m.trim()).filter((m) => m && m !== lead))].sort();
}

/** The case record without any access check; `case.notFound` (404) when there is none. */
export async function getCaseRecord(store: Pick<Store, 'read'>, caseId: string): Promise<CaseRecord> {
  const [row] = await store.read<{ c: CaseRow }>(
    `MATCH (c:Case {caseId: $caseId}) RETURN ${CASE_PROJECTION} AS c`,
    { caseId },
  );
  if (!row) throw caseNotFound(caseId);
  return toCaseRecord(row.c);
}

export function subjectOf(node: PlainNode, rel: Record<string, unknown>): CaseSubject {
  const p = payloadNode(node);
  return {
    id: p.id,
    type: p.type,
    key: p.key,
    label: p.label,
    role: (rel.role as string | null) ?? null,
    note: (rel.note as string | null) ?? null,
    addedBy: String(rel.addedBy ?? ''),
    addedAt: String(rel.addedAt ?? ''),
  };
}

/** The case with its subjects, clues, notes and views (view states left out), each in a stable order. */
export async function getCaseDetail(store: Pick<Store, 'read'>, caseId: string): Promise<CaseDetail> {
  const record = await getCaseRecord(store, caseId);
  const [subjects, clues, notes, views] = await Promise.all([
    store.read<{ n: PlainNode; r: Record<string, unknown> }>(
      `MATCH (:Case {caseId: $caseId})-[r:CASE_SUBJECT]->(n)
       RETURN n, r { .role, .note, .addedBy, addedAt: toString(r.addedAt) } AS r`,
      { caseId },
    ),
    store.read<{ c: CaseClue }>(
      `MATCH (:Case {caseId: $caseId})-[r:CASE_CLUE]->(k:Clue)
       RETURN k { .clueId, .model, .status, .score, .amount, .summary,
                  attachedBy: r.attachedBy, attachedAt: toString(r.attachedAt) } AS c
       ORDER BY k.score DESC, k.clueId`,
      { caseId },
    ),
    store.read<{ n: CaseNote }>(
      `MATCH (:Case {caseId: $caseId})-[:CASE_NOTE]->(n:CaseNote)
       RETURN n { .noteId, .author, .text, at: toString(n.at), editedAt: toString(n.editedAt) } AS n
       ORDER BY n.at, n.noteId`,
      { caseId },
    ),
    store.read<{ v: CaseViewSummary }>(
      `MATCH (:Case {caseId: $caseId})-[:CASE_VIEW]->(v:CaseView)
       RETURN v { .viewId, .name, .author, .bytes, at: toString(v.at) } AS v ORDER BY v.at DESC, v.viewId`,
      { caseId },
    ),
  ]);
  const subjectList = subjects
    .map((s) => subjectOf(s.n, s.r))
    .sort((a, b) => a.type.localeCompare(b.type) || a.key.localeCompare(b.key));
  return {
    case: record,
    subjects: subjectList,
    clues: clues.map((c) => c.c),
    notes: notes.map((n) => n.n),
    views: views.map((v) => v.v),
  };
}

export async function getCaseHistory(
  store: Pick<Store, 'read'>,
  caseId: string,
): Promise<CaseHistoryEntry[]> {
  const [row] = await store.read<{ h: string[] | null }>(
    'MATCH (c:Case {caseId: $caseId}) RETURN c.history AS h',
    { caseId },
  );
  if (!row) throw caseNotFound(caseId);
  return (row.h ?? []).map((h) => JSON.parse(h) as CaseHistoryEntry);
}

export interface CaseFilter {
  /** Status ids or names. */
  status?: readonly string[];
  /** Cases this user leads or is a member of. */
  member?: string;
  /** Part of the title, the case number, or a subject's name or key. */
  text?: string;
  limit?: number;
  offset?: number;
}

/** Cases `viewer` may see (all for cases.all, else those they are on), newest change first, with status counts. */
export async function listCases(store: Pick<Store, 'read'>, viewer: CaseActor, filter: CaseFilter = {}) {
  const statuses = (filter.status ?? []).map((s) => {
    const parsed = parseCaseStatus(s);
    if (!parsed)
      throw badCaseInput(
        'case.badStatus',
        'query.status',
        `未知的案件状态：${s}`,
        `Unknown case status: ${s}`,
      );
    return parsed;
  });
  const everyCase = viewer.role === 'cli' || can(viewer.role, 'cases.all');
  const params = {
    viewer: everyCase ? null : viewer.username,
    member: filter.member?.trim() || null,
    text: filter.text?.trim().toLowerCase() || null,
    statuses,
    limit: filter.limit ?? 50,
    offset: filter.offset ?? 0,
  };
  const visible = `($viewer IS NULL OR c.lead = $viewer OR $viewer IN coalesce(c.members, []))
    AND ($member IS NULL OR c.lead = $member OR $member IN coalesce(c.members, []))
    AND ($text IS NULL OR toLower(c.title) CONTAINS $text OR toLower(c.caseId) CONTAINS $text
      OR EXISTS { MATCH (c)-[:CASE_SUBJECT]->(s)
        WHERE toLower(coalesce(s.name, s.holderName, '')) CONTAINS $text
           OR toLower(coalesce(s.idNumber, s.creditCode, s.accountNo, s.villageKey, s.orgKey, s.mentionId, '')) = $text })`;
  const [counts, rows] = await Promise.all([
    store.read<{ status: string; n: number }>(
      `MATCH (c:Case) WHERE ${visible} RETURN c.status AS status, count(c) AS n`,
      params,
    ),
    store.read<{ c: CaseRow }>(
      `MATCH (c:Case) WHERE ${visible} AND (size($statuses) = 0 OR c.status IN $statuses)
       RETURN ${CASE_PROJECTION} AS c ORDER BY c.updatedAt DESC, c.caseId DESC
       SKIP toInteger($offset) LIMIT toInteger($limit)`,
      params,
    ),
  ]);
  const byStatus = Object.fromEntries(
    (Object.keys(CASE_STATUS_LABELS) as CaseStatus[]).map((s) => [
      s,
      counts.find((c) => c.status === s)?.n ?? 0,
    ]),
  ) as Record<CaseStatus, number>;
  const total = statuses.length
    ? statuses.reduce((n, s) => n + byStatus[s], 0)
    : Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, counts: byStatus, cases: rows.map((r) => toCaseRecord(r.c)) };
}

/** Creates the Case node with the next number of the year, inside `run`'s transaction. Returns the case id. */
export async function createCaseNode(
  run: TxRun,
  input: { title: string; lead: string; members: string[]; fromClue: string | null; by: string; at: string },
): Promise<string> {
  const prefix = `${CASE_PREFIX}-${input.at.slice(0, 4)}-`;
  const [row] = await run<{ caseId: string }>(
    `OPTIONAL MATCH (x:Case) WHERE x.caseId STARTS WITH $prefix
     WITH coalesce(max(toInteger(substring(x.caseId, size($prefix)))), 0) + 1 AS next
     WITH $prefix + CASE WHEN next < 10000 THEN right('000' + toString(next), 4) ELSE toString(next) END AS caseId
     CREATE (c:Case {caseId: caseId, title: $title, status: 'preliminary', lead: $lead, members: $members,
                     fromClue: $fromClue, createdAt: datetime($at), createdBy: $by})
     SET c.history = [], c.updatedAt = datetime($at), c.updatedBy = $by
     RETURN caseId`,
    { ...input, prefix },
  );
  return row!.caseId;
}

/** Retries `work` when two cases were numbered at once (the unique caseId constraint refused the second). */
export async function withNumberRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await work();
    } catch (error) {
      const id = (error as { id?: string }).id;
      if (id !== 'store.constraint' || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 20 * i + Math.floor(Math.random() * 30)));
    }
  }
}

export interface CaseUpdate {
  title?: string;
  status?: string;
  /** Why: required to close or reopen. */
  comment?: string;
  lead?: string;
  members?: string[];
}

/**
 * Changes title, status (checked against CASE_TRANSITIONS), lead or members; every change goes to the history.
 * Errors: case.badStatus, case.badTransition, case.commentRequired, case.unknownUser, case.badMember, case.conflict.
 */
export async function updateCase(
  store: Store,
  actor: CaseActor,
  current: CaseRecord,
  update: CaseUpdate,
): Promise<CaseRecord> {
  const at = new Date().toISOString();
  const changes: Record<string, unknown> = {};
  const set: Record<string, unknown> = {};
  let status: CaseStatus | undefined;
  if (update.status !== undefined) {
    status = parseCaseStatus(update.status);
    if (!status)
      throw badCaseInput(
        'case.badStatus',
        'body.status',
        `未知的案件状态：${update.status}（可用：初核、立案审查、办结）`,
        `Unknown case status: ${update.status}`,
      );
    if (status !== current.status) {
      if (!CASE_TRANSITIONS[current.status].includes(status))
        throw badCaseInput(
          'case.badTransition',
          'body.status',
          `案件状态不能从“${CASE_STATUS_LABELS[current.status].zh}”改为“${CASE_STATUS_LABELS[status].zh}”`,
          `A case cannot go from ${current.status} to ${status}`,
          { from: current.status, to: status, allowed: CASE_TRANSITIONS[current.status] },
        );
      if (needsComment(current.status, status) && !update.comment?.trim())
        throw badCaseInput(
          'case.commentRequired',
          'body.comment',
          `将案件改为“${CASE_STATUS_LABELS[status].zh}”须填写说明`,
          `A comment is required to set a case to ${status}`,
          { from: current.status, to: status },
        );
      changes.status = { from: current.status, to: status, comment: update.comment?.trim() || null };
      set.status = status;
    }
  }
  if (update.title !== undefined && update.title.trim() !== current.title) {
    changes.title = { from: current.title, to: update.title.trim() };
    set.title = update.title.trim();
  }
  const lead = update.lead?.trim() || current.lead;
  if (update.lead !== undefined || update.members !== undefined) {
    const members = normaliseMembers(lead, update.members ?? [...current.members, current.lead]);
    await checkUsers(store, lead, members);
    if (lead !== current.lead) {
      changes.lead = { from: current.lead, to: lead };
      set.lead = lead;
    }
    if (members.join('\n') !== current.members.join('\n')) {
      changes.members = { from: current.members, to: members };
      set.members = members;
    }
  }
  if (!Object.keys(set).length) return current;
  const entry = historyEntry(actor.username, at, status && set.status ? 'status' : 'update', changes);
  // Guarded by the last change time just read: a concurrent change makes this update match nothing.
  const rows = await store.write<{ c: CaseRow }>(
    `MATCH (c:Case {caseId: $caseId}) WHERE toString(c.updatedAt) = $seen
     SET c += $set ${STAMP}
     RETURN ${CASE_PROJECTION} AS c`,
    { caseId: current.caseId, seen: current.updatedAt, set, entry, at, by: actor.username },
  );
  if (!rows[0])
    throw new EngineError(
      'case.conflict',
      '案件已被他人修改，请刷新后重试 / The case was changed by someone else; reload and try again',
      { status: 409, details: { caseId: current.caseId } },
    );
  return toCaseRecord(rows[0].c);
}

export const newId = (): string => randomUUID();
