// The vocabulary of supervision models: clues, their subjects and evidence, model definitions and run results.
import type { Store } from '../store/gateway.ts';
import type { SharedContext } from './run.ts';

/** The twelve supervision models of the default set, plus extra models run only on request. */
export const DEFAULT_MODEL_IDS = [
  'deceased_receiving',
  'eligible_not_covered',
  'cadre_relative_allowance',
  'cadre_related_contractor',
  'hidden_beneficial_owner',
  'shared_contact',
  'split_payments',
  'circular_transfers',
  'pass_through',
  'kickback_chain',
  'ghost_recipient',
  'duplicate_benefit',
] as const;
export const EXTRA_MODEL_IDS = ['fan_in'] as const;
export const MODEL_IDS = [...DEFAULT_MODEL_IDS, ...EXTRA_MODEL_IDS] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** Chinese first, English available: every text an investigator reads. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A node of the evidence, with its provenance (`file#row` of the rows that stated it, and the ingest run). */
export interface EvidenceNode {
  type: string;
  key: string;
  name?: string;
  properties: Record<string, unknown>;
  sources: string[];
  firstRun?: string;
}

export interface NodeRef {
  type: string;
  key: string;
}

/** A relationship of the evidence (a payment, a transfer, a family tie…), with its provenance. */
export interface EvidenceRelationship {
  type: string;
  /** The identifying key of keyed types (txKey, paymentKey); absent for pair relationships. */
  key?: string;
  from: NodeRef;
  to: NodeRef;
  properties: Record<string, unknown>;
  sources: string[];
  firstRun?: string;
}

/** What justifies a clue: the subgraph, and plain statements (such as what was looked for and not found). */
export interface Evidence {
  nodes: EvidenceNode[];
  relationships: EvidenceRelationship[];
  facts: Bilingual[];
}

export interface ClueSubject {
  type: string;
  /** The node's key (ID number, credit code, account number, village key, mention id). */
  key: string;
  name: string;
  /** What the subject is in this clue: recipient, cadre, relative, payer, payee, account… */
  role: string;
  /** Primary subjects make the clue's identity (its stable key). */
  primary?: boolean;
  /** For unresolved persons: the ID number as written in the source. */
  idNumber?: string;
}

export interface CluePeriod {
  from: string;
  to: string;
}

export type ClueStatus = 'new' | 'checking' | 'confirmed' | 'unfounded' | 'transferred';

export interface ClueHistoryEntry {
  at: string;
  by: string;
  event: 'raised' | 'status' | 'evidence';
  from?: ClueStatus;
  to?: ClueStatus;
  comment?: string;
}

/** A clue (问题线索) as a model raises it. */
export interface Clue {
  /** Stable: the model and its primary subjects' keys; re-running a model finds the same clue again. */
  clueId: string;
  model: ModelId;
  /** 0–1, how strongly the facts point at a problem. */
  score: number;
  subjects: ClueSubject[];
  /** Amount involved, yuan. */
  amount: number;
  period: CluePeriod | null;
  /** One sentence an investigator can read aloud (Chinese), and its English version. */
  summary: string;
  summaryEn: string;
  /** Village keys ('town/village') the clue concerns, for filtering. */
  villages: string[];
  evidence: Evidence;
}

/** A clue as stored: with its workflow state. */
export interface ClueRecord extends Clue {
  status: ClueStatus;
  raisedAt: string;
  updatedAt: string;
  statusAt?: string;
  statusBy?: string;
  /** False when the latest run of its model no longer raised it. */
  active: boolean;
  asOf?: string;
  history: ClueHistoryEntry[];
}

/** The read side of the store the models use (the Store itself, or a wrapper that records queries). */
export type Reader = Pick<Store, 'read' | 'stream'>;

export type ParamValue = number | string | boolean | string[];
export type ModelParams = Record<string, ParamValue>;

/** Shared data a model needs loaded before it runs, timed apart from the model itself. */
export type SharedNeed = 'circle' | 'payers' | 'paidCompanies' | 'ownership';

export interface ModelContext {
  store: Reader;
  /** YYYY-MM-DD: nothing after this day counts; ages are taken on it. */
  asOf: string;
  shared: SharedContext;
}

export interface ModelDefinition {
  id: ModelId;
  title: Bilingual;
  /** What the model looks for, one sentence each. */
  description: Bilingual;
  defaults: ModelParams;
  needs: readonly SharedNeed[];
  /** When the data a model collides is missing entirely, it is skipped (with this reason) rather than flooding. */
  prerequisite?: { cypher: string; reason: Bilingual; params?: (p: ModelParams) => Record<string, unknown> };
  run(ctx: ModelContext, params: ModelParams): Promise<Clue[]>;
}

export interface ModelTiming {
  model: ModelId;
  clues: number;
  ms: number;
  skipped?: Bilingual;
}

export interface RunOptions {
  models?: readonly string[];
  /** YYYY-MM-DD; default: the day of the latest transfer or payment in the store (today when there is none). */
  asOf?: string;
  /** Per-model parameter overrides: `{ split_payments: { windowDays: 10 } }`. */
  params?: Record<string, Record<string, unknown>>;
  /** Store the clues (default true). */
  save?: boolean;
  /** Who ran the models, for the clue history (default 'system'). */
  user?: string;
}

export interface RunResult {
  asOf: string;
  clues: Clue[] | ClueRecord[];
  models: ModelTiming[];
  /** Time spent loading shared data (cadre circle, payers…), by part. */
  shared: Record<string, number>;
  saveMs: number;
  totalMs: number;
}
