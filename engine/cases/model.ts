// The vocabulary of cases: statuses and their moves, the records the store returns, history entries, limits.
import type { Role } from '../auth/roles.ts';
import { EngineError, InvalidInputError } from '../errors.ts';

/** 初核 → 立案审查 → 办结, as stable ids with the Chinese names investigators use. */
export const CASE_STATUS_LABELS = {
  preliminary: { zh: '初核', en: 'Preliminary review' },
  investigation: { zh: '立案审查', en: 'Under investigation' },
  closed: { zh: '办结', en: 'Closed' },
} as const;

export type CaseStatus = keyof typeof CASE_STATUS_LABELS;
export const CASE_STATUSES = Object.keys(CASE_STATUS_LABELS) as CaseStatus[];

/** Allowed moves: a preliminary review may end at once (了结); a closed case can be reopened for investigation. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  preliminary: ['investigation', 'closed'],
  investigation: ['closed'],
  closed: ['investigation'],
};

/** The statuses a case may move to next, from the table above (API answers carry them as `moves`). */
export const caseMoves = (status: CaseStatus): CaseStatus[] => [...(CASE_TRANSITIONS[status] ?? [])];

/** Closing and reopening must say why. */
export const needsComment = (from: CaseStatus, to: CaseStatus): boolean =>
  to === 'closed' || from === 'closed';

/** A status given as its id or its Chinese or English name; undefined when it is none of them. */
export function parseCaseStatus(value: string): CaseStatus | undefined {
  const v = value.trim();
  for (const status of CASE_STATUSES) {
    const label = CASE_STATUS_LABELS[status];
    if (v === status || v === label.zh || v.toLowerCase() === label.en.toLowerCase()) return status;
  }
  return undefined;
}

/** Largest saved view state, in bytes of its JSON (the API body limit is 2 MiB; this leaves room for the rest). */
export const VIEW_MAX_BYTES = 2_000_000;
/** Most subjects and clues one case holds (a case, not the whole county). */
export const MAX_SUBJECTS = 500;
export const MAX_CLUES = 500;

export interface CaseHistoryEntry {
  at: string;
  by: string;
  /** created, status, update, subject.add, subject.remove, clue.attach, clue.detach, note.add, note.edit, view.save, view.delete */
  event: string;
  /** What changed: old and new values, the subject or clue, the note or view id. */
  [detail: string]: unknown;
}

/** A case as lists and the detail show it. */
export interface CaseRecord {
  caseId: string;
  title: string;
  status: CaseStatus;
  statusLabel: { zh: string; en: string };
  lead: string;
  members: string[];
  fromClue: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  counts: { subjects: number; clues: number; notes: number; views: number };
}

export interface CaseSubject {
  /** Neo4j element id (what graph payloads use). */
  id: string;
  type: string;
  key: string;
  /** Caption: name, holder name, village name… */
  label: string;
  role: string | null;
  note: string | null;
  addedBy: string;
  addedAt: string;
}

export interface CaseClue {
  clueId: string;
  model: string;
  status: string;
  score: number;
  amount: number;
  summary: string;
  attachedBy: string;
  attachedAt: string;
}

export interface CaseNote {
  noteId: string;
  author: string;
  at: string;
  text: string;
  editedAt: string | null;
}

export interface CaseViewSummary {
  viewId: string;
  name: string;
  author: string;
  at: string;
  bytes: number;
}

export interface CaseView extends CaseViewSummary {
  /** Opaque to the server except `nodes[].id/x/y` (and optional colours), which the report draws. */
  state: Record<string, unknown>;
}

export interface CaseDetail {
  case: CaseRecord;
  subjects: CaseSubject[];
  clues: CaseClue[];
  notes: CaseNote[];
  views: CaseViewSummary[];
}

/** Who is asking: the session user (API) or the CLI's operator. */
export interface CaseActor {
  username: string;
  role: Role | 'cli';
}

export function caseNotFound(caseId: string): EngineError {
  return new EngineError('case.notFound', `案件不存在：${caseId} / No such case: ${caseId}`, {
    status: 404,
    details: { caseId },
  });
}

export function caseForbidden(caseId: string): EngineError {
  return new EngineError(
    'case.forbidden',
    `您不是此案件的办案组成员，无权访问 / You are not a member of case ${caseId}`,
    { status: 403, details: { caseId } },
  );
}

export function badCaseInput(id: string, field: string, zh: string, en: string, details = {}) {
  return new InvalidInputError(id, `${zh} / ${en}`, { details: { field, ...details } });
}
