// Case notes (:CaseNote): appended with author and time; only the author may correct a note, the old text kept in history.
import { EngineError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';
import type { CaseActor, CaseNote, CaseRecord } from './model.ts';
import { historyEntry, newId, STAMP } from './store.ts';

const NOTE_PROJECTION = 'n { .noteId, .author, .text, at: toString(n.at), editedAt: toString(n.editedAt) }';

export async function addNote(
  store: Store,
  actor: CaseActor,
  record: CaseRecord,
  text: string,
): Promise<CaseNote> {
  const at = new Date().toISOString();
  const noteId = newId();
  const entry = historyEntry(actor.username, at, 'note.add', { noteId });
  const [row] = await store.write<{ n: CaseNote }>(
    `MATCH (c:Case {caseId: $caseId})
     CREATE (c)-[:CASE_NOTE]->(n:CaseNote {noteId: $noteId, caseId: $caseId, author: $by, at: datetime($at), text: $text})
     ${STAMP}
     RETURN ${NOTE_PROJECTION} AS n`,
    { caseId: record.caseId, noteId, text: text.trim(), entry, at, by: actor.username },
  );
  return row!.n;
}

/**
 * Replaces a note's text. Only its author may (`case.noteNotAuthor`, 403); the previous text goes to the case
 * history, so nothing written is lost. `case.noteNotFound` (404) for a note of another case or none.
 */
export async function editNote(
  store: Store,
  actor: CaseActor,
  record: CaseRecord,
  noteId: string,
  text: string,
): Promise<CaseNote> {
  const [found] = await store.read<{ n: CaseNote }>(
    `MATCH (:Case {caseId: $caseId})-[:CASE_NOTE]->(n:CaseNote {noteId: $noteId}) RETURN ${NOTE_PROJECTION} AS n`,
    { caseId: record.caseId, noteId },
  );
  if (!found)
    throw new EngineError('case.noteNotFound', `没有此备注：${noteId} / No such note: ${noteId}`, {
      status: 404,
      details: { field: 'params.noteId', noteId },
    });
  if (found.n.author !== actor.username)
    throw new EngineError('case.noteNotAuthor', '只能修改自己的备注 / Only the author may edit a note', {
      status: 403,
      details: { noteId, author: found.n.author },
    });
  const at = new Date().toISOString();
  const entry = historyEntry(actor.username, at, 'note.edit', { noteId, previous: found.n.text });
  const [row] = await store.write<{ n: CaseNote }>(
    `MATCH (c:Case {caseId: $caseId})-[:CASE_NOTE]->(n:CaseNote {noteId: $noteId})
     SET n.text = $text, n.editedAt = datetime($at)
     ${STAMP}
     RETURN ${NOTE_PROJECTION} AS n`,
    { caseId: record.caseId, noteId, text: text.trim(), entry, at, by: actor.username },
  );
  return row!.n;
}
