// The shapes that flow through ingest: mapped rows, graph fragments, rejections and run summaries.
import type { EntityLabel, RelationName } from '../engine/schema/index.ts';

/** Kinds of input a file can be; the Chinese departmental families first, then generic ones for profiles. */
export const KINDS = [
  'bank',
  'cadre',
  'relative',
  'household',
  'death',
  'company',
  'shareholder',
  'executive',
  'ledger',
  'subsidy',
  'person',
  'account',
  'accountOwner',
  'transfer',
  'guarantee',
] as const;
export type Kind = (typeof KINDS)[number];

/** One input row with its canonical field values (raw text; builders normalise). */
export interface MappedRow {
  kind: Kind;
  /** Provenance: file label (basename, `:sheet` for workbooks) and physical row. */
  source: string;
  file: string;
  row: number;
  fields: Record<string, string>;
}

export interface NodeRef {
  label: EntityLabel;
  key: string;
}

export interface NodeUpsert extends NodeRef {
  props: Record<string, unknown>;
}

export interface EdgeUpsert {
  type: RelationName;
  from: NodeRef;
  to: NodeRef;
  /** Identity among parallel relationships of this type (transfers, payments); absent: one per pair. */
  key?: string;
  props: Record<string, unknown>;
}

/** What one row contributes to the graph; `primary` decides whether the row counts as loaded or merged. */
export interface Fragment {
  nodes: NodeUpsert[];
  edges: EdgeUpsert[];
  primary:
    | { node: NodeRef; prop?: string }
    | { edge: { type: RelationName; key: string; keyed: boolean; from: NodeRef; to: NodeRef } };
  warnings: string[];
}

export interface Rejection {
  field: string;
  /** Stable code first (`id.checksum: …`), then text. */
  reason: string;
  value?: string;
}

export type BuildResult = { ok: true; fragment: Fragment } | { ok: false; rejection: Rejection };

/** Options a profile or the command line can pass to builders. */
export interface BuildOptions {
  /** `gb`: ID numbers and credit codes must pass GB 11643 / GB 32100; `none`: keys are taken as given (foreign data sets). */
  idValidation: 'gb' | 'none';
  /** Event dates outside this range (YYYY-MM-DD, inclusive) are warned as implausible; absent: no check. */
  dateRange?: { earliest: string; latest: string };
}

export interface FileSummary {
  path: string;
  sheet?: string;
  kind: Kind | null;
  rows: number;
  loaded: number;
  merged: number;
  quarantined: number;
  /** Rows below the header that are not data (totals, footers, notes, repeated headers): never loaded. */
  skipped: number;
  warnings: number;
  /** Set when the whole file was refused (unmappable, unreadable). */
  refused?: { id: string; message: string };
}

export interface IngestSummary {
  runId: string;
  files: FileSummary[];
  quarantineFile: string;
  summaryFile: string;
}
