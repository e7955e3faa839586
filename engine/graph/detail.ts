// One entity in full: its payload node, provenance (file and row), degree per relationship type, and its clues.
import { runStatusCypher } from '../../ingest/load/runs.ts';
import { RELATION_TYPES, type RelationType } from '../schema/index.ts';
import type { Store } from '../store/gateway.ts';
import type { EntityHandle } from './entities.ts';
import { type PayloadNode, payloadNode } from './payload.ts';

/** Ingest keeps at most this many `file#row` entries per node (ingest/load/cypher.ts MAX_SOURCES). */
export const SOURCES_KEPT = 20;

export interface SourceRef {
  /** As stored: `file#row` or `workbook.xlsx:sheet#row`. */
  source: string;
  file: string;
  sheet: string | null;
  /** The row in the file, counting the header as row 1. */
  row: number | null;
}

export interface Provenance {
  sources: SourceRef[];
  /** True when ingest stopped recording sources for this node (it keeps the first per file, up to a limit). */
  capped: boolean;
  firstRun: string | null;
  run: { runId: string; startedAt: string | null; finishedAt: string | null; status: string | null } | null;
}

export interface DegreeCount {
  type: string;
  direction: 'out' | 'in';
  count: number;
}

export interface ClueSummary {
  id: string;
  model: string | null;
  status: string | null;
  score: number | null;
  amount: number | null;
  summary: string | null;
  summaryEn: string | null;
  active: boolean | null;
  /** The entity's role in the clue (subject, payer…). */
  role: string | null;
}

export interface EntityDetail {
  node: PayloadNode;
  provenance: Provenance;
  degree: { total: number; byType: DegreeCount[] };
  clues: { total: number; items: ClueSummary[] };
}

/** Splits a stored provenance entry: the file (and sheet) before the last `#`, the row after it. */
export function parseSource(source: string): SourceRef {
  const hash = source.lastIndexOf('#');
  const label = hash >= 0 ? source.slice(0, hash) : source;
  const rowText = hash >= 0 ? source.slice(hash + 1) : '';
  const row = /^\d+$/.test(rowText) ? Number(rowText) : null;
  const sheet = /^(.+\.(?:xlsx|xlsm|xls)):(.+)$/i.exec(label);
  return { source, file: sheet ? sheet[1]! : label, sheet: sheet ? sheet[2]! : null, row };
}

/** `COUNT {…}` per relationship type and direction that the label can take part in (each a degree look-up). */
function degreeCypher(label: string): { cypher: string; arms: { type: string; direction: 'out' | 'in' }[] } {
  const arms: { type: string; direction: 'out' | 'in' }[] = [];
  for (const relation of RELATION_TYPES as readonly RelationType[]) {
    if (relation.from.includes(label)) arms.push({ type: relation.type, direction: 'out' });
    if (relation.to.includes(label)) arms.push({ type: relation.type, direction: 'in' });
  }
  const counts = arms.map(
    (a, i) =>
      `COUNT { (n)${a.direction === 'out' ? '-' : '<-'}[:${a.type}]${a.direction === 'out' ? '->' : '-'}() } AS c${i}`,
  );
  return {
    cypher: `MATCH (n) WHERE elementId(n) = $id RETURN ${counts.length ? counts.join(', ') : '0 AS none'}`,
    arms,
  };
}

async function degrees(store: Store, handle: EntityHandle): Promise<EntityDetail['degree']> {
  const { cypher, arms } = degreeCypher(handle.label);
  const [row] = await store.read<Record<string, number>>(cypher, { id: handle.elementId });
  const byType = arms
    .map((a, i) => ({ ...a, count: Number(row?.[`c${i}`] ?? 0) }))
    .filter((d) => d.count > 0);
  return { total: byType.reduce((sum, d) => sum + d.count, 0), byType };
}

async function provenance(store: Store, handle: EntityHandle): Promise<Provenance> {
  const props = handle.node.properties;
  const sources = Array.isArray(props.sources) ? props.sources.map(String) : [];
  const firstRun = typeof props.firstRun === 'string' ? props.firstRun : null;
  let run: Provenance['run'] = null;
  if (firstRun) {
    const [row] = await store.read<{
      startedAt: string | null;
      finishedAt: string | null;
      status: string | null;
    }>(
      `MATCH (r:IngestRun {runId: $runId})
       RETURN toString(r.startedAt) AS startedAt, toString(r.finishedAt) AS finishedAt,
              ${runStatusCypher('r')} AS status`,
      { runId: firstRun },
    );
    if (row) run = { runId: firstRun, ...row };
  }
  return { sources: sources.map(parseSource), capped: sources.length >= SOURCES_KEPT, firstRun, run };
}

async function clues(store: Store, handle: EntityHandle, limit: number): Promise<EntityDetail['clues']> {
  const rows = await store.read<ClueSummary & { total: number }>(
    `MATCH (n) WHERE elementId(n) = $id
     CALL (n) {
       MATCH (c:Clue)-[s:CLUE_SUBJECT]->(n)
       RETURN c, s ORDER BY c.score DESC, c.clueId
     }
     WITH collect({c: c, s: s}) AS found
     UNWIND (CASE WHEN size(found) = 0 THEN [null] ELSE found[..toInteger($limit)] END) AS x
     RETURN size(found) AS total, x.c.clueId AS id, x.c.model AS model, x.c.status AS status, x.c.score AS score,
       x.c.amount AS amount, x.c.summary AS summary, x.c.summaryEn AS summaryEn, x.c.active AS active,
       x.s.role AS role`,
    { id: handle.elementId, limit },
  );
  const total = rows[0]?.total ?? 0;
  return { total, items: total ? rows.map(({ total: _total, ...clue }) => clue) : [] };
}

/** Everything the detail panel shows about one entity; at most `clueLimit` clues (the total is counted). */
export async function entityDetail(
  store: Store,
  handle: EntityHandle,
  options: { clueLimit?: number } = {},
): Promise<EntityDetail> {
  return {
    node: payloadNode(handle.node),
    provenance: await provenance(store, handle),
    degree: await degrees(store, handle),
    clues: await clues(store, handle, options.clueLimit ?? 100),
  };
}
