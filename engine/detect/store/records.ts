// How a clue lives on a Clue node: the properties written, the projection read back, and the conversion between.
import { createHash } from 'node:crypto';
import type {
  Clue,
  ClueHistoryEntry,
  ClueRecord,
  ClueStatus,
  ClueSubject,
  Evidence,
  ModelId,
} from '../types.ts';

/** Workflow states: stable ids with the Chinese names investigators use. */
export const STATUS_LABELS: Record<ClueStatus, { zh: string; en: string }> = {
  new: { zh: '新线索', en: 'New' },
  checking: { zh: '核查中', en: 'Being checked' },
  confirmed: { zh: '属实', en: 'Confirmed' },
  unfounded: { zh: '不属实', en: 'Unfounded' },
  transferred: { zh: '已移交', en: 'Transferred' },
};

export const STATUSES = Object.keys(STATUS_LABELS) as ClueStatus[];

/** A status given as its id or its Chinese or English name; undefined when it is none of them. */
export function parseStatus(value: string): ClueStatus | undefined {
  const v = value.trim();
  for (const status of STATUSES) {
    const label = STATUS_LABELS[status];
    if (v === status || v === label.zh || v.toLowerCase() === label.en.toLowerCase()) return status;
  }
  return undefined;
}

/** Hash of what the evidence says (ignoring order of discovery), to tell a changed clue from a confirmed one. */
export function evidenceHash(evidence: Evidence): string {
  const canonical = {
    nodes: evidence.nodes.map((n) => `${n.type}:${n.key}:${n.sources.join(',')}`).sort(),
    rels: evidence.relationships
      .map((r) => `${r.type}:${r.key ?? `${r.from.key}>${r.to.key}`}:${r.sources.join(',')}`)
      .sort(),
    facts: evidence.facts.map((f) => f.zh).sort(),
  };
  return createHash('sha1').update(JSON.stringify(canonical)).digest('hex');
}

/** The parameters of one clue's write (see save.ts). */
export function clueRow(clue: Clue) {
  return {
    clueId: clue.clueId,
    model: clue.model,
    score: clue.score,
    amount: clue.amount,
    summary: clue.summary,
    summaryEn: clue.summaryEn,
    periodFrom: clue.period?.from ?? null,
    periodTo: clue.period?.to ?? null,
    villages: clue.villages,
    subjects: JSON.stringify(clue.subjects),
    evidence: JSON.stringify(clue.evidence),
    evidenceHash: evidenceHash(clue.evidence),
    links: clue.subjects.map((s) => ({ label: s.type, key: s.key, role: s.role })),
  };
}

/** Cypher: the Clue node `c` as a row `toRecord` reads (evidence only when `$withEvidence`). */
export const CLUE_PROJECTION = `c {
  .clueId, .model, .score, .amount, .summary, .summaryEn, .villages, .subjects, .status, .statusBy, .active, .history,
  periodFrom: toString(c.periodFrom), periodTo: toString(c.periodTo), asOf: toString(c.asOf),
  raisedAt: toString(c.raisedAt), updatedAt: toString(c.updatedAt), statusAt: toString(c.statusAt),
  evidence: CASE WHEN $withEvidence THEN c.evidence ELSE null END
}`;

export interface ClueRow {
  clueId: string;
  model: string;
  score: number;
  amount: number;
  summary: string;
  summaryEn: string;
  villages: string[] | null;
  subjects: string | null;
  status: string;
  statusBy: string | null;
  active: boolean | null;
  history: string[] | null;
  periodFrom: string | null;
  periodTo: string | null;
  asOf: string | null;
  raisedAt: string;
  updatedAt: string;
  statusAt: string | null;
  evidence: string | null;
}

const EMPTY_EVIDENCE: Evidence = { nodes: [], relationships: [], facts: [] };

export function toRecord(row: ClueRow): ClueRecord {
  return {
    clueId: row.clueId,
    model: row.model as ModelId,
    score: row.score,
    subjects: row.subjects ? (JSON.parse(row.subjects) as ClueSubject[]) : [],
    amount: row.amount,
    period: row.periodFrom && row.periodTo ? { from: row.periodFrom, to: row.periodTo } : null,
    summary: row.summary,
    summaryEn: row.summaryEn,
    villages: row.villages ?? [],
    evidence: row.evidence ? (JSON.parse(row.evidence) as Evidence) : EMPTY_EVIDENCE,
    status: (row.status as ClueStatus) ?? 'new',
    raisedAt: row.raisedAt,
    updatedAt: row.updatedAt,
    ...(row.statusAt ? { statusAt: row.statusAt } : {}),
    ...(row.statusBy ? { statusBy: row.statusBy } : {}),
    active: row.active !== false,
    ...(row.asOf ? { asOf: row.asOf } : {}),
    history: (row.history ?? []).map((h) => JSON.parse(h) as ClueHistoryEntry),
  };
}

/** A history entry as stored (JSON text in a string list). */
export function historyText(entry: ClueHistoryEntry): string {
  return JSON.stringify(entry);
}
