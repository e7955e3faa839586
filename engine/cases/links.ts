// A case's subjects (CASE_SUBJECT to investigated entities, with role and note) and attached clues (CASE_CLUE).

import { EngineError } from '../errors.ts';
import { resolveEntityRef } from '../graph/entities.ts';
import { relationType } from '../schema/index.ts';
import type { Store, TxRun } from '../store/gateway.ts';
import { badCaseInput, type CaseActor, type CaseRecord, MAX_CLUES, MAX_SUBJECTS } from './model.ts';
import { historyEntry, STAMP } from './store.ts';

/** Entities a case can name as subjects: the schema's CASE_SUBJECT ends (persons, companies, accounts…). */
export const SUBJECT_LABELS: readonly string[] = relationType('CASE_SUBJECT').to;

export interface SubjectInput {
  /** An element id from a graph payload, `Label:key`, or a bare key (ID number, credit code, account number). */
  ref: string;
  role?: string;
  note?: string;
}

export interface ResolvedSubject {
  id: string;
  ref: string;
  name: string;
  role: string | null;
  note: string | null;
}

/** Resolves every subject first (404 entity.notFound / 400 entity.ambiguous|wrongType naming `field.i.ref`). */
export async function resolveSubjects(
  store: Store,
  items: readonly SubjectInput[],
  field: string,
): Promise<ResolvedSubject[]> {
  const out = new Map<string, ResolvedSubject>();
  for (const [i, item] of items.entries()) {
    const handle = await resolveEntityRef(store, item.ref, {
      field: `${field}.${i}.ref`,
      labels: SUBJECT_LABELS,
    });
    const caption = handle.node.properties.name ?? handle.node.properties.holderName ?? handle.key;
    // The same entity named twice: what the later mention adds wins, what it leaves out is kept.
    const earlier = out.get(handle.elementId);
    out.set(handle.elementId, {
      id: handle.elementId,
      ref: handle.ref,
      name: String(caption),
      role: item.role?.trim() || earlier?.role || null,
      note: item.note?.trim() || earlier?.note || null,
    });
  }
  return [...out.values()];
}

/** Cypher run: MERGE the subjects onto the case (role and note updated when given). Returns how many are new. */
export async function linkSubjects(
  run: TxRun,
  caseId: string,
  subjects: ResolvedSubject[],
  by: string,
  at: string,
) {
  if (!subjects.length) return 0;
  const [row] = await run<{ added: number }>(
    `MATCH (c:Case {caseId: $caseId})
     UNWIND $items AS it MATCH (n) WHERE elementId(n) = it.id
     OPTIONAL MATCH (c)-[old:CASE_SUBJECT]->(n)
     MERGE (c)-[r:CASE_SUBJECT]->(n) ON CREATE SET r.addedBy = $by, r.addedAt = datetime($at)
     SET r.role = coalesce(it.role, r.role), r.note = coalesce(it.note, r.note)
     RETURN count(CASE WHEN old IS NULL THEN 1 END) AS added`,
    { caseId, items: subjects, by, at },
  );
  return row?.added ?? 0;
}

/** Cypher run: MERGE clues onto the case, and (withSubjects) the clues' subjects with their role in the clue. */
export async function linkClues(
  run: TxRun,
  caseId: string,
  clueIds: readonly string[],
  options: { by: string; at: string; withSubjects: boolean },
) {
  if (!clueIds.length) return;
  await run(
    `MATCH (c:Case {caseId: $caseId})
     UNWIND $clueIds AS clueId MATCH (k:Clue {clueId: clueId})
     MERGE (c)-[r:CASE_CLUE]->(k) ON CREATE SET r.attachedBy = $by, r.attachedAt = datetime($at)
     WITH c, k WHERE $withSubjects
     MATCH (k)-[cs:CLUE_SUBJECT]->(n) WHERE any(l IN labels(n) WHERE l IN $labels)
     MERGE (c)-[r2:CASE_SUBJECT]->(n)
       ON CREATE SET r2.addedBy = $by, r2.addedAt = datetime($at), r2.role = cs.role, r2.note = '线索 ' + k.clueId`,
    { caseId, clueIds: [...clueIds], labels: SUBJECT_LABELS, ...options },
  );
}

/** `clue.notFound` (404) for the first id without a stored clue. */
export async function checkClues(store: Pick<Store, 'read'>, clueIds: readonly string[], field: string) {
  const rows = await store.read<{ id: string }>(
    'MATCH (k:Clue) WHERE k.clueId IN $ids RETURN k.clueId AS id',
    {
      ids: [...clueIds],
    },
  );
  const found = new Set(rows.map((r) => r.id));
  const index = clueIds.findIndex((id) => !found.has(id));
  if (index >= 0)
    throw new EngineError(
      'clue.notFound',
      `线索不存在：${clueIds[index]} / No such clue: ${clueIds[index]}`,
      {
        status: 404,
        details: { field: `${field}.${index}`, clueId: clueIds[index] },
      },
    );
}

/** Throws case.tooManySubjects / case.tooManyClues when a case would hold more than MAX_SUBJECTS / MAX_CLUES. */
export function checkCaseSize(kind: 'subjects' | 'clues', count: number): void {
  if (kind === 'subjects' && count > MAX_SUBJECTS)
    throw badCaseInput(
      'case.tooManySubjects',
      'body.subjects',
      `案件对象不能超过 ${MAX_SUBJECTS} 个`,
      `At most ${MAX_SUBJECTS} subjects per case`,
    );
  if (kind === 'clues' && count > MAX_CLUES)
    throw badCaseInput(
      'case.tooManyClues',
      'body.clues',
      `案件线索不能超过 ${MAX_CLUES} 条`,
      `At most ${MAX_CLUES} clues per case`,
    );
}

const writer =
  (store: Store): TxRun =>
  (cypher, params) =>
    store.write(cypher, params);

/** Adds (or re-labels) subjects; recorded in the history. Errors: entity.*, case.tooManySubjects. */
export async function addSubjects(store: Store, actor: CaseActor, record: CaseRecord, items: SubjectInput[]) {
  const subjects = await resolveSubjects(store, items, 'body.subjects');
  checkCaseSize('subjects', record.counts.subjects + subjects.length);
  const at = new Date().toISOString();
  return store.transaction(async (run) => {
    const added = await linkSubjects(run, record.caseId, subjects, actor.username, at);
    const entry = historyEntry(actor.username, at, 'subject.add', {
      subjects: subjects.map((s) => ({ ref: s.ref, name: s.name, role: s.role })),
    });
    await run(`MATCH (c:Case {caseId: $caseId}) ${STAMP}`, {
      caseId: record.caseId,
      entry,
      at,
      by: actor.username,
    });
    return { added, subjects };
  });
}

/** Removes one subject; `case.subjectNotFound` (404) when the entity is not a subject of the case. */
export async function removeSubject(store: Store, actor: CaseActor, record: CaseRecord, ref: string) {
  const handle = await resolveEntityRef(store, ref, { field: 'params.ref', labels: SUBJECT_LABELS });
  const at = new Date().toISOString();
  const name = String(handle.node.properties.name ?? handle.node.properties.holderName ?? handle.key);
  const entry = historyEntry(actor.username, at, 'subject.remove', { subject: { ref: handle.ref, name } });
  const rows = await store.write<{ caseId: string }>(
    `MATCH (c:Case {caseId: $caseId})-[r:CASE_SUBJECT]->(n) WHERE elementId(n) = $id
     DELETE r ${STAMP} RETURN c.caseId AS caseId`,
    { caseId: record.caseId, id: handle.elementId, entry, at, by: actor.username },
  );
  if (!rows.length)
    throw new EngineError(
      'case.subjectNotFound',
      `${ref} 不是本案对象 / ${ref} is not a subject of ${record.caseId}`,
      {
        status: 404,
        details: { field: 'params.ref', caseId: record.caseId },
      },
    );
  return { removed: handle.ref };
}

/** Attaches clues (and, with `withSubjects`, their subjects). Errors: clue.notFound, case.tooManyClues. */
export async function attachClues(
  store: Store,
  actor: CaseActor,
  record: CaseRecord,
  clueIds: string[],
  withSubjects: boolean,
) {
  const ids = [...new Set(clueIds)];
  await checkClues(store, ids, 'body.clues');
  checkCaseSize('clues', record.counts.clues + ids.length);
  const at = new Date().toISOString();
  await store.transaction(async (run) => {
    await linkClues(run, record.caseId, ids, { by: actor.username, at, withSubjects });
    const entry = historyEntry(actor.username, at, 'clue.attach', { clues: ids, withSubjects });
    await run(`MATCH (c:Case {caseId: $caseId}) ${STAMP}`, {
      caseId: record.caseId,
      entry,
      at,
      by: actor.username,
    });
  });
  return { attached: ids };
}

/** Detaches one clue (the clue itself stays); `case.clueNotFound` (404) when it is not attached. */
export async function detachClue(store: Store, actor: CaseActor, record: CaseRecord, clueId: string) {
  const at = new Date().toISOString();
  const entry = historyEntry(actor.username, at, 'clue.detach', { clue: clueId });
  const rows = await writer(store)<{ caseId: string }>(
    `MATCH (c:Case {caseId: $caseId})-[r:CASE_CLUE]->(:Clue {clueId: $clueId})
     DELETE r ${STAMP} RETURN c.caseId AS caseId`,
    { caseId: record.caseId, clueId, entry, at, by: actor.username },
  );
  if (!rows.length)
    throw new EngineError(
      'case.clueNotFound',
      `线索 ${clueId} 未关联本案 / Clue ${clueId} is not attached to ${record.caseId}`,
      {
        status: 404,
        details: { field: 'params.clueId', caseId: record.caseId },
      },
    );
  return { detached: clueId };
}
