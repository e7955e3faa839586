// Shapes of what ingest understood of a table before loading it: where the table is, what each column means.
import type { RawRow } from '../readers/types.ts';
import type { Kind } from '../types.ts';

export type { RawRow };

/** A fact read from the block above a table (`户名：张三`), applied to every row of the table. */
export interface PreambleFact {
  /** Canonical field it fills (`ownAccount`, `ownName`, `ownId`, `currency`, `unit`, `village`…). */
  field: string;
  value: string;
  /** Physical row it was read from; provenance is `file#preamble`. */
  row: number;
  /** The label as written (`卡号/账号`). */
  label: string;
}

/** Where the table sits in its sheet: the header row(s), the preamble above it. */
export interface TableLayout {
  /** Physical rows that form the header: one, or two for a group row over sub-columns. */
  headerRows: number[];
  /** Column names: a group cell joins its sub-column (`申报人·姓名`); repeats made unique with `#2`. */
  headers: string[];
  /** Every `label：value` pair above the table, before the kind gives the labels meaning. */
  labelled: { label: string; value: string; row: number }[];
  /** Preamble rows that held no pair (titles, notes), kept for the plan's display. */
  preambleText: string[];
}

/** Why a row after the header is not data: a total, a footer, a repeated header, a note or a rule. */
export type SkipReason = 'total' | 'footer' | 'repeatedHeader' | 'note' | 'rule';

export interface SkippedRow {
  row: number;
  reason: SkipReason;
  /** The row's text, shortened, for the report. */
  text: string;
}

/** What the values of a column look like, by validation (not by header). */
export type ContentType =
  | 'idNumber'
  | 'creditCode'
  | 'account'
  | 'mobile'
  | 'datetime'
  | 'date'
  | 'time'
  | 'amount'
  | 'ratio'
  | 'direction'
  | 'personName'
  | 'orgName'
  | 'accountAndName'
  | 'text'
  | 'empty';

/** One column of a table and the field it was mapped to, with how sure and why. */
export interface ColumnPlan {
  index: number;
  /** Spreadsheet letter (A, B, … AA). */
  letter: string;
  header: string;
  /** Canonical field, or null when the column is not read. */
  field: string | null;
  /** 0..1: 1 for a header spelled as known, lower for a meaning or content match. */
  confidence: number;
  /** Short reasons, Chinese then English: `表头含义 header meaning: 股东+证件号`, `值 values: 20/20 GB 11643`. */
  evidence: string[];
  /** The first three non-empty values. */
  samples: string[];
  /** What the values look like and the share that validates as that. */
  content: { type: ContentType; share: number };
  /** Set when the values contradict the header (a 身份证号 column of names). */
  conflict?: string;
  /** Multiplier for amounts written in 万元 (10000) or 千元 (1000). */
  unit?: number;
  /** A combined `账号/户名` column is split; this column gives the account or the name part. */
  part?: 'account' | 'name';
  /** A date written in columns (年 over 月 and 日): this day column, with the month column and the year. */
  dateParts?: { year: string; month: string };
}

/** The plan for one table (a CSV/JSON file or one sheet): everything `--plan` prints. */
export interface TablePlan {
  file: string;
  sheet?: string;
  format: 'csv' | 'xlsx' | 'json' | 'jsonl';
  encoding?: string;
  kind: Kind | null;
  /** 0..1: how clearly the kind is told apart from the next best. */
  kindConfidence: number;
  headerRows: number[];
  preamble: PreambleFact[];
  columns: ColumnPlan[];
  /** Data rows after the header (excluding skipped rows). */
  dataRows: number;
  skipped: { count: number; byReason: Partial<Record<SkipReason, number>>; examples: SkippedRow[] };
  /** Fingerprint of the normalised header set: a saved profile with it is reused automatically. */
  fingerprint: string;
  /** Name of the profile that decided the mapping, when one did. */
  profile?: string;
  /** Set when the table cannot be mapped: which required meaning is missing, the columns' best guesses. */
  refused?: { id: string; message: string; missing: string[][] };
}
