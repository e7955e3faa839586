// Storing clues: MERGE by the stable clue id (a re-run updates evidence, keeps status and history), subject links.
import type { Store } from '../../store/gateway.ts';
import type { Clue, ClueRecord, ModelId, ModelParams } from '../types.ts';
import { CLUE_PROJECTION, type ClueRow, clueRow, historyText, toRecord } from './records.ts';

/** Subject labels a clue links to (CLUE_SUBJECT), each matched through its key's uniqueness index. */
const SUBJECT_KEYS: Record<string, string> = {
  Person: 'idNumber',
  PersonMention: 'mentionId',
  Company: 'creditCode',
  Account: 'accountNo',
  Village: 'villageKey',
  Organisation: 'orgKey',
};

const LINKS = Object.entries(SUBJECT_KEYS)
  .map(
    ([label, key]) => `CALL {
    WITH c, row
    UNWIND [s IN row.links WHERE s.label = '${label}'] AS s
    MATCH (n:${label} {${key}: s.key})
    MERGE (c)-[r:CLUE_SUBJECT]->(n)
    SET r.role = s.role
  }`,
  )
  .join('\n  ');

const SAVE = `UNWIND $rows AS row
  MERGE (c:Clue {clueId: row.clueId})
  ON CREATE SET c.status = 'new', c.raisedAt = datetime($now), c.history = [$raised]
  WITH c, row, c.evidenceHash IS NOT NULL AND c.evidenceHash <> row.evidenceHash AS changed
  SET c.model = row.model, c.score = row.score, c.amount = row.amount, c.summary = row.summary,
    c.summaryEn = row.summaryEn, c.villages = row.villages, c.subjects = row.subjects, c.evidence = row.evidence,
    c.evidenceHash = row.evidenceHash, c.params = $params[row.model], c.asOf = date($asOf),
    c.periodFrom = CASE WHEN row.periodFrom IS NULL THEN null ELSE date(row.periodFrom) END,
    c.periodTo = CASE WHEN row.periodTo IS NULL THEN null ELSE date(row.periodTo) END,
    c.updatedAt = datetime($now), c.active = true, c.inactiveSince = null,
    c.history = CASE WHEN changed THEN c.history + [$updated] ELSE c.history END
  WITH c, row
  CALL {
    WITH c
    OPTIONAL MATCH (c)-[old:CLUE_SUBJECT]->()
    DELETE old
  }
  ${LINKS}
  RETURN count(c) AS n`;

/** Clues per write transaction: evidence runs to kilobytes per clue. */
const BATCH = 200;

export interface SaveOptions {
  /** The models that ran: their clues not raised this time are marked inactive. */
  models: ModelId[];
  asOf: string;
  params: Record<string, ModelParams>;
  user: string;
}

/** Stores the clues of a run and returns them as stored records (status, history…). */
export async function saveClues(
  store: Pick<Store, 'write'>,
  clues: readonly Clue[],
  options: SaveOptions,
): Promise<ClueRecord[]> {
  const now = new Date().toISOString();
  const params = Object.fromEntries(Object.entries(options.params).map(([m, p]) => [m, JSON.stringify(p)]));
  const raised = historyText({ at: now, by: options.user, event: 'raised', to: 'new' });
  const updated = historyText({
    at: now,
    by: options.user,
    event: 'evidence',
    comment: '重新运行模型，证据已更新',
  });
  for (let i = 0; i < clues.length; i += BATCH) {
    await store.write(SAVE, {
      rows: clues.slice(i, i + BATCH).map(clueRow),
      now,
      asOf: options.asOf,
      params,
      raised,
      updated,
    });
  }
  // Clues of these models that this run no longer raises stay (with their history) but are marked inactive.
  await store.write(
    `MATCH (c:Clue) WHERE c.model IN $models AND c.active = true AND NOT c.clueId IN $ids
     SET c.active = false, c.inactiveSince = datetime($now)`,
    { models: options.models, ids: clues.map((c) => c.clueId), now },
  );
  const byId = new Map(clues.map((c) => [c.clueId, c]));
  const rows = await store.write<{ c: ClueRow }>(
    `UNWIND $ids AS id MATCH (c:Clue {clueId: id}) RETURN ${CLUE_PROJECTION} AS c`,
    { ids: [...byId.keys()], withEvidence: false },
  );
  const records = new Map(rows.map((r) => [r.c.clueId, toRecord(r.c)]));
  // The run's own clue objects carry the evidence; the stored record adds the workflow fields.
  return clues.map((clue) => {
    const record = records.get(clue.clueId);
    return record
      ? { ...record, ...clue }
      : { ...clue, status: 'new', raisedAt: now, updatedAt: now, active: true, history: [] };
  });
}
