// Answer shapes and calls of /api/clues and /api/cases used by the clue list and the case screens.
import type { ApiClient } from '../api/client.ts';
import type { GraphPayload } from '../api/types.ts';

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

export interface CaseSummary {
  caseId: string;
  title: string;
  status: string;
  statusLabel: Pair;
  lead: string;
  members: string[];
  fromClue: string | null;
  updatedAt: string;
  counts: { subjects: number; clues: number; notes: number; views: number };
}

export interface CaseSubject {
  id: string;
  type: string;
  key: string;
  label: string;
  role: string;
}

export interface CaseClue {
  clueId: string;
  model: string;
  status: string;
  score: number;
  amount: number;
  summary: string;
}

export interface CaseNote {
  noteId: string;
  author: string;
  at: string;
  text: string;
}

export interface ViewSummary {
  viewId: string;
  name: string;
  author: string;
  at: string;
  bytes: number;
}

export interface CaseDetail {
  case: CaseSummary;
  subjects: CaseSubject[];
  clues: CaseClue[];
  notes: CaseNote[];
  views: ViewSummary[];
}

/** A saved view: what the report reads (nodes with positions), then what the viewer needs to redraw it. */
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
  setStatus: (api: ApiClient, id: string, status: string, comment: string) =>
    api.request<{ case: CaseSummary }>('PATCH', `/cases/${enc(id)}`, {
      body: comment ? { status, comment } : { status },
    }),
  addNote: (api: ApiClient, id: string, text: string) =>
    api.post<{ note: CaseNote }>(`/cases/${enc(id)}/notes`, { text }),
  saveView: (api: ApiClient, id: string, name: string, state: ViewState) =>
    api.post<{ view: ViewSummary }>(`/cases/${enc(id)}/views`, { name, state }),
  view: (api: ApiClient, id: string, viewId: string) =>
    api.get<{ view: ViewSummary & { state: ViewState } }>(`/cases/${enc(id)}/views/${enc(viewId)}`),
  reportUrl: (id: string, format: 'pdf' | 'html', lang: string) =>
    `/api/cases/${enc(id)}/report?format=${format}&lang=${lang}`,
};

/** Clue statuses and the moves the workflow allows (engine/detect/store/status.ts). */
export const CLUE_STATUSES = ['new', 'checking', 'confirmed', 'unfounded', 'transferred'] as const;
export const CLUE_STATUS_LABELS: Record<string, Pair> = {
  new: { zh: '新线索', en: 'New' },
  checking: { zh: '核查中', en: 'Being checked' },
  confirmed: { zh: '属实', en: 'Confirmed' },
  unfounded: { zh: '不属实', en: 'Unfounded' },
  transferred: { zh: '已移交', en: 'Transferred' },
};
export const CLUE_MOVES: Record<string, readonly string[]> = {
  new: ['checking', 'transferred'],
  checking: ['confirmed', 'unfounded', 'transferred'],
  confirmed: ['transferred', 'checking'],
  unfounded: ['checking'],
  transferred: [],
};

/** Case statuses and moves (engine/cases): a preliminary review may close; a closed case reopens. */
export const CASE_MOVES: Record<string, readonly string[]> = {
  preliminary: ['investigation', 'closed'],
  investigation: ['closed'],
  closed: ['investigation'],
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
