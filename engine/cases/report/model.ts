// The report model: every figure and sentence of a case report as plain data, rendered to HTML (and PDF) afterwards.
import type { CaseHistoryEntry, CaseNote, CaseRecord } from '../model.ts';

export type Lang = 'zh' | 'en';

export interface ReportSubject {
  type: string;
  typeLabel: string;
  name: string;
  key: string;
  role: string;
  note: string;
  /** A few identifying facts: sex and birth date, legal representative, bank, town… */
  details: string;
  clues: number;
}

export interface ReportKeyPerson {
  rank: number;
  name: string;
  key: string;
  type: string;
  cadre: boolean;
  score: number;
  pagerank: number;
  betweenness: number;
  degree: number;
  reason: string;
  isSubject: boolean;
}

export interface ReportCommunity {
  community: number;
  size: number;
  /** Subjects of the case inside this community. */
  subjects: string[];
  /** Members by type label, names, the first few. */
  members: { type: string; names: string[]; more: number }[];
  cadres: string[];
  internalFlow: number;
  internalTransfers: number;
  clueCount: number;
}

export interface ReportHop {
  time: string;
  from: string;
  to: string;
  amount: number | null;
}

export interface ReportFundTrace {
  account: string;
  holder: string;
  /** Money leaving the subject's account, or reaching it. */
  direction: 'out' | 'in';
  /** Chains (time-ordered, ≤ 3 hops, listed in time order), most money first, capped. */
  chains: { hops: ReportHop[]; amount: number }[];
  moreChains: number;
  endpoints: { name: string; total: number; chains: number; minHops: number }[];
  moreEndpoints: number;
  /** Sum of the distinct hops at the subject's account: money that left (out) or reached (in) it along the chains. */
  total: number;
  truncated: boolean;
}

export interface ReportEquity {
  subject: string;
  direction: 'owners' | 'controls';
  rows: { name: string; key: string; ratio: number; paths: string[] }[];
}

export interface ReportEvidenceLine {
  /** What the row states: a transfer, a payment, a family tie, a person… */
  what: string;
  sources: string[];
}

export interface ReportClue {
  clueId: string;
  modelTitle: string;
  status: string;
  score: number;
  amount: number;
  period: string;
  summary: string;
  facts: string[];
  evidence: ReportEvidenceLine[];
  moreEvidence: number;
}

export interface ReportGraph {
  svg: string;
  /** Drawn from a saved view (its name), or a default layout of subjects and neighbours. */
  source: { kind: 'view'; name: string; author: string; at: string } | { kind: 'layout' };
  nodes: number;
  edges: number;
}

export interface ReportAuditLine {
  at: string;
  user: string;
  action: string;
  target: string;
  params: string;
  rows: number | null;
}

/** A problem met while collecting one section: shown in place of that section's content, never fatal. */
export interface SectionNote {
  section: string;
  message: string;
}

export interface ReportModel {
  lang: Lang;
  masked: boolean;
  classification: string;
  /** The case's last change (China time, YYYY-MM-DD): the report's date, so the same data gives the same report. */
  date: string;
  case: CaseRecord;
  summary: {
    subjects: number;
    clues: number;
    cluesAmount: number;
    notes: number;
    views: number;
    entities: number;
    byType: { type: string; count: number }[];
  };
  subjects: ReportSubject[];
  keyPersons: ReportKeyPerson[];
  communities: ReportCommunity[];
  funds: ReportFundTrace[];
  equity: ReportEquity[];
  clues: ReportClue[];
  graph: ReportGraph;
  notes: CaseNote[];
  history: CaseHistoryEntry[];
  appendix: ReportAuditLine[];
  moreAppendix: number;
  problems: SectionNote[];
}
