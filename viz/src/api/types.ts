// Answer shapes of the Qingfeng HTTP API as the viewer reads them. Shapes the engine declares are re-exported
// type-only: erased at build, so the viewer ships no server code, and one declaration serves both sides.

export type { ClueSummary, EntityDetail, SourceRef } from '../../../engine/graph/detail.ts';
export type { Neighbourhood, NeighbourSummary } from '../../../engine/graph/neighbours.ts';
export type { GraphPayload, PayloadEdge, PayloadNode } from '../../../engine/graph/payload.ts';

import type { GraphPayload, PayloadNode } from '../../../engine/graph/payload.ts';
import type { TablePlan } from '../../../ingest/layout/types.ts';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Me {
  username: string;
  displayName?: string | null;
  role: string;
  clearance?: boolean;
  permissions: string[];
  roleName?: Bilingual;
}

export interface SchemaProperty {
  name: string;
  type: string;
  zh: string;
  en: string;
}

export interface SchemaEntity {
  label: string;
  zh: string;
  en: string;
  key: string;
  caption: string;
  color: string;
  icon: string;
  properties: SchemaProperty[];
}

export interface SchemaRelation {
  type: string;
  zh: string;
  en: string;
  from: string[];
  to: string[];
  color?: string;
  monetary: boolean;
  symmetric: boolean;
  properties: SchemaProperty[];
}

export interface SchemaAnswer {
  entities: SchemaEntity[];
  relations: SchemaRelation[];
  /** Names of the roles models give subjects (cadre, payee…): engine/detect/roles.ts. */
  subjectRoles?: Record<string, { zh: string; en: string }>;
}

export interface SearchItem extends PayloadNode {
  match: { kind: 'key' | 'phone' | 'name'; field: string; how: string };
  score: number;
}

export interface SearchAnswer {
  q: string;
  items: SearchItem[];
}

export interface KeyPerson {
  id: string;
  key: string;
  label: string;
  type: string;
  rank: number;
  score: number;
  reason: string;
}

export interface KeyPersonsAnswer {
  persons: KeyPerson[];
  graph: GraphPayload;
}

export interface CommunitiesAnswer {
  count: number;
  modularity: number;
  /** Element id → community number. */
  membership: Record<string, number>;
  graph: GraphPayload;
}

/** The body of every error answer. */
export interface ErrorBody {
  error: { id: string; message: string; field?: string; details?: Record<string, unknown> };
}

// --- ingest: plan before loading, jobs, saved profiles ----------------------------------------------------
export type {
  ColumnPlan,
  PreambleFact,
  SkippedRow,
  SkipReason,
  TablePlan,
} from '../../../ingest/layout/types.ts';

/** POST /api/ingest/plan: the upload kept under a plan id, and what ingest understood of each table. */
export interface PlanAnswer {
  planId: string;
  tables: TablePlan[];
}

/** An analyst's change to one table of a plan: its kind, and fields by column header (null: not read). */
export interface PlanCorrection {
  file: string;
  sheet?: string;
  kind?: string;
  columns?: Record<string, string | null>;
}

/** One file's (or sheet's) counts once loaded: rows = loaded + merged + quarantined + skipped. */
export interface JobFileSummary {
  file: string;
  sheet?: string;
  kind: string | null;
  rows: number;
  loaded: number;
  merged: number;
  quarantined: number;
  skipped?: number;
  warnings: number;
  refused?: { id: string; message: string };
}

/** A background job as GET /api/ingest/jobs/{id} shows it. */
export interface JobView {
  jobId: string;
  kind: 'ingest' | 'detect';
  state: 'queued' | 'running' | 'done' | 'failed';
  position?: number;
  files: { name: string; size: number; rows: number; done: boolean }[];
  progress: { filesDone: number; files: number; rows: number };
  result: { runId?: string; files?: JobFileSummary[] } | null;
  error: { id: string; message: string } | null;
}

export interface QuarantineRow {
  file: string;
  sheet?: string;
  row: number;
  field: string;
  reason: string;
  value?: string;
  disposition: 'quarantined' | 'warning' | 'refused';
}

export interface QuarantineAnswer {
  jobId: string;
  total: number;
  entries: QuarantineRow[];
}

/** A saved profile as GET /api/profiles lists it: the store's own shape. */
export type { SavedProfileInfo as SavedProfile } from '../../../ingest/profiles/store.ts';
