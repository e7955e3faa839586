// Saved graph views of a case (:CaseView): the viewer's state as an opaque JSON blob, size-capped, newest first.
import { EngineError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';
import {
  type CaseActor,
  type CaseRecord,
  type CaseView,
  type CaseViewSummary,
  VIEW_MAX_BYTES,
} from './model.ts';
import { historyEntry, newId, STAMP } from './store.ts';

const SUMMARY = 'v { .viewId, .name, .author, .bytes, at: toString(v.at) }';

function viewNotFound(viewId: string): EngineError {
  return new EngineError('case.viewNotFound', `没有此视图：${viewId} / No such view: ${viewId}`, {
    status: 404,
    details: { field: 'params.viewId', viewId },
  });
}

/** Size of the state as stored (UTF-8 bytes of its JSON). */
export function viewBytes(state: unknown): number {
  return Buffer.byteLength(JSON.stringify(state), 'utf8');
}

export async function saveView(
  store: Store,
  actor: CaseActor,
  record: CaseRecord,
  input: { name: string; state: Record<string, unknown> },
): Promise<CaseViewSummary> {
  const json = JSON.stringify(input.state);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > VIEW_MAX_BYTES)
    throw new EngineError(
      'case.viewTooLarge',
      `视图过大（${bytes} 字节，上限 ${VIEW_MAX_BYTES}）/ View too large (${bytes} bytes, limit ${VIEW_MAX_BYTES})`,
      { status: 413, details: { field: 'body.state', bytes, limit: VIEW_MAX_BYTES } },
    );
  const at = new Date().toISOString();
  const viewId = newId();
  const name = input.name.trim();
  const entry = historyEntry(actor.username, at, 'view.save', { viewId, name, bytes });
  const [row] = await store.write<{ v: CaseViewSummary }>(
    `MATCH (c:Case {caseId: $caseId})
     CREATE (c)-[:CASE_VIEW]->(v:CaseView {viewId: $viewId, caseId: $caseId, name: $name, author: $by,
       at: datetime($at), state: $json, bytes: $bytes})
     ${STAMP}
     RETURN ${SUMMARY} AS v`,
    { caseId: record.caseId, viewId, name, json, bytes, entry, at, by: actor.username },
  );
  return row!.v;
}

export async function listViews(store: Pick<Store, 'read'>, caseId: string): Promise<CaseViewSummary[]> {
  const rows = await store.read<{ v: CaseViewSummary }>(
    `MATCH (:Case {caseId: $caseId})-[:CASE_VIEW]->(v:CaseView) RETURN ${SUMMARY} AS v ORDER BY v.at DESC, v.viewId`,
    { caseId },
  );
  return rows.map((r) => r.v);
}

async function readView(
  store: Pick<Store, 'read'>,
  caseId: string,
  viewId: string | null,
): Promise<CaseView | null> {
  const [row] = await store.read<{ v: CaseViewSummary & { state: string } }>(
    `MATCH (:Case {caseId: $caseId})-[:CASE_VIEW]->(v:CaseView) WHERE $viewId IS NULL OR v.viewId = $viewId
     RETURN v { .viewId, .name, .author, .bytes, .state, at: toString(v.at) } AS v ORDER BY v.at DESC, v.viewId LIMIT 1`,
    { caseId, viewId },
  );
  if (!row) return null;
  return { ...row.v, state: JSON.parse(row.v.state) as Record<string, unknown> };
}

/** One view with its state; `case.viewNotFound` (404). */
export async function getView(store: Pick<Store, 'read'>, caseId: string, viewId: string): Promise<CaseView> {
  const view = await readView(store, caseId, viewId);
  if (!view) throw viewNotFound(viewId);
  return view;
}

/** The most recently saved view (what the report draws), or null. */
export function latestView(store: Pick<Store, 'read'>, caseId: string): Promise<CaseView | null> {
  return readView(store, caseId, null);
}

export async function deleteView(store: Store, actor: CaseActor, record: CaseRecord, viewId: string) {
  const at = new Date().toISOString();
  const entry = historyEntry(actor.username, at, 'view.delete', { viewId });
  const rows = await store.write<{ name: string }>(
    `MATCH (c:Case {caseId: $caseId})-[:CASE_VIEW]->(v:CaseView {viewId: $viewId})
     WITH c, v, v.name AS name DETACH DELETE v
     WITH c, name ${STAMP} RETURN name`,
    { caseId: record.caseId, viewId, entry, at, by: actor.username },
  );
  if (!rows.length) throw viewNotFound(viewId);
  return { deleted: viewId, name: rows[0]!.name };
}
