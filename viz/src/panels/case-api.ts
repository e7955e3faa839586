// Answer shapes and calls of /api/clues and /api/cases used by the clue list and the case screens.

import type {
  CaseClue,
  CaseHistoryEntry,
  CaseNote,
  CaseRecord,
  CaseSubject,
  CaseViewSummary,
  CaseDetail as EngineCaseDetail,
} from '../../../engine/cases/model.ts';
import type { ApiClient } from '../api/client.ts';
import type { GraphPayload } from '../api/types.ts';

// The case shapes the engine declares, type-only (erased at build): one declaration serves both sides.
export type {
  CaseClue,
  CaseHistoryEntry,
  CaseNote,
  CaseSubject,
} from '../../../engine/cases/model.ts';

export interface Pair {
  zh: string;
  en: string;
}

export interface ClueSubject {
  type: string;
  key: string;
  name: string;
  role: string;
}

export interface ClueHistoryEntry {
  at: string;
  by: string;
  event: string;
  from?: string;
  to?: string;
  comment?: string;
}

export interface ClueItem {
  clueId: string;
  model: string;
  modelTitle?: Pair;
  score: number;
  amount: number;
  status: string;
  statusLabel: Pair;
  summary: string;
  summaryEn: string;
  subjects: ClueSubject[];
  villages: string[];
  history: ClueHistoryEntry[];
}

export interface EvidenceItem {
  type: string;
  key?: string;
  name?: string;
  from?: { type: string; key: string };
  to?: { type: string; key: string };
  properties: Record<string, unknown>;
  sources: string[];
}

export interface ClueFull extends ClueItem {
  /** Statuses the workflow allows next (the engine's own table). */
  moves: string[];
  evidence: { nodes: EvidenceItem[]; relationships: EvidenceItem[]; facts: Pair[] };
}

export interface ClueListAnswer {
  total: number;
  clues: ClueItem[];
  counts: {
    byModel: { model: string; title?: Pair; count: number; amount: number }[];
    byStatus: { status: string; label: Pair; count: number }[];
  };
}

export interface ClueDetailAnswer {
  clue: ClueFull;
  graph: GraphPayload;
  subjects: { id: string; role: string }[];
}

export interface ClueQuery {
  model?: string;
  status?: string;
  village?: string;
  minAmount?: number;
  limit: number;
  offset: number;
}

/** A case as the API answers it: the engine's record, with the statuses it may move to next. */
export type CaseSummary = CaseRecord & { moves?: string[] };

export interface AssignableUser {
  username: string;
  displayName?: string;
  role: string;
  /** The role's name from the server (ROLE_SPECS); missing for someone no longer assignable. */
  roleName?: Pair;
}

export type ViewSummary = CaseViewSummary;

export type CaseDetail = Omit<EngineCaseDetail, 'case'> & { case: CaseSummary };

export interface ViewState {
  nodes: { id: string; x: number; y: number; color?: string; size?: number }[];
  yAxis: 'up';
  graph: GraphPayload;
  filters: {
    hiddenRelations: string[];
    hiddenClasses: string[];
    timeRange: [number, number] | null;
    minAmount: number;
  };
  /** sigma's camera when saved; restored on load instead of fitting the graph. */
  camera?: { x: number; y: number; ratio: number; angle?: number };
}

const enc = encodeURIComponent;

export const clueApi = {
  list: (api: ApiClient, q: ClueQuery) =>
    api.get<ClueListAnswer>('/clues', { ...q, sort: 'score' } as Record<string, string | number>),
  get: (api: ApiClient, id: string) => api.get<ClueDetailAnswer>(`/clues/${enc(id)}`),
  setStatus: (api: ApiClient, id: string, status: string, comment: string) =>
    api.post<{ clue: ClueFull }>(`/clues/${enc(id)}/status`, comment ? { status, comment } : { status }),
};

export const caseApi = {
  list: (api: ApiClient, status?: string) =>
    api.get<{ total: number; cases: CaseSummary[]; counts: Record<string, number> }>('/cases', {
      status,
      limit: 100,
    }),
  get: (api: ApiClient, id: string) => api.get<CaseDetail>(`/cases/${enc(id)}`),
  fromClue: (api: ApiClient, clueId: string) => api.post<CaseDetail>('/cases', { fromClue: clueId }),
  create: (api: ApiClient, body: { title: string; lead?: string; subjects?: { ref: string }[] }) =>
    api.post<CaseDetail>('/cases', body),
  setTitle: (api: ApiClient, id: string, title: string) =>
    api.request<{ case: CaseSummary }>('PATCH', `/cases/${enc(id)}`, { body: { title } }),
  setStatus: (api: ApiClient, id: string, status: string, comment: string) =>
    api.request<{ case: CaseSummary }>('PATCH', `/cases/${enc(id)}`, {
      body: comment ? { status, comment } : { status },
    }),
  setTeam: (api: ApiClient, id: string, lead: string, members: string[]) =>
    api.request<{ case: CaseSummary }>('PATCH', `/cases/${enc(id)}`, { body: { lead, members } }),
  assignable: (api: ApiClient) => api.get<{ users: AssignableUser[] }>('/cases/assignable'),
  history: (api: ApiClient, id: string) =>
    api.get<{ caseId: string; history: CaseHistoryEntry[] }>(`/cases/${enc(id)}/history`),
  addSubjects: (api: ApiClient, id: string, subjects: { ref: string; role?: string }[]) =>
    api.post<{ added: number; subjects: CaseSubject[] }>(`/cases/${enc(id)}/subjects`, { subjects }),
  removeSubject: (api: ApiClient, id: string, ref: string) =>
    api.request<{ removed: string }>('DELETE', `/cases/${enc(id)}/subjects/${enc(ref)}`),
  attachClues: (api: ApiClient, id: string, clues: string[]) =>
    api.post<{ attached: string[]; clues: CaseClue[]; subjects: CaseSubject[] }>(`/cases/${enc(id)}/clues`, {
      clues,
      withSubjects: true,
    }),
  detachClue: (api: ApiClient, id: string, clueId: string) =>
    api.request<{ detached: string }>('DELETE', `/cases/${enc(id)}/clues/${enc(clueId)}`),
  addNote: (api: ApiClient, id: string, text: string) =>
    api.post<{ note: CaseNote }>(`/cases/${enc(id)}/notes`, { text }),
  editNote: (api: ApiClient, id: string, noteId: string, text: string) =>
    api.request<{ note: CaseNote }>('PATCH', `/cases/${enc(id)}/notes/${enc(noteId)}`, { body: { text } }),
  saveView: (api: ApiClient, id: string, name: string, state: ViewState) =>
    api.post<{ view: ViewSummary }>(`/cases/${enc(id)}/views`, { name, state }),
  view: (api: ApiClient, id: string, viewId: string) =>
    api.get<{ view: ViewSummary & { state: ViewState } }>(`/cases/${enc(id)}/views/${enc(viewId)}`),
  deleteView: (api: ApiClient, id: string, viewId: string) =>
    api.request<{ deleted: string; name: string }>('DELETE', `/cases/${enc(id)}/views/${enc(viewId)}`),
  reportUrl: (id: string, format: 'pdf' | 'html', lang: string) =>
    `/api/cases/${enc(id)}/report?format=${format}&lang=${lang}`,
};

/** Clue status names, for history lines (the allowed moves come with each clue: `moves`). */
export const CLUE_STATUSES = ['new', 'checking', 'confirmed', 'unfounded', 'transferred'] as const;
export const CLUE_STATUS_LABELS: Record<string, Pair> = {
  new: { zh: '新线索', en: 'New' },
  checking: { zh: '核查中', en: 'Being checked' },
  confirmed: { zh: '属实', en: 'Confirmed' },
  unfounded: { zh: '不属实', en: 'Unfounded' },
  transferred: { zh: '已移交', en: 'Transferred' },
};

/** The clue panel asks the case panel to show a case (just opened from a clue). */
const caseOpeners = new Set<(caseId: string) => void>();
export function onCaseRequested(listener: (caseId: string) => void): () => void {
  caseOpeners.add(listener);
  return () => caseOpeners.delete(listener);
}
export function requestCase(caseId: string): void {
  for (const listener of caseOpeners) listener(caseId);
}
