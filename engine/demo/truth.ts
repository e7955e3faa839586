// truth.json: the planted schemes, the near-miss decoys and the malformed rows the detection tests score against.
import { DEFAULT_MODEL_IDS } from '../detect/types.ts';
import type { Account, Company, Person, Village } from './model.ts';

/** The supervision models the county plants schemes for: the detection engine's default set. */
export const MODELS = DEFAULT_MODEL_IDS;
export type ModelId = (typeof DEFAULT_MODEL_IDS)[number];

/** Default parameters of the supervision models, as the planted schemes and decoys assume them. */
export const DEFAULT_PARAMS = {
  deceased_receiving: {
    programs: ['高龄补贴', '城乡居民最低生活保障', '特困人员供养', '耕地地力保护补贴'],
    paidAfterDeath: true,
  },
  eligible_not_covered: { minAge: 80, program: '高龄补贴', ageOn: 'asOf' },
  cadre_relative_allowance: {
    programs: ['城乡居民最低生活保障', '特困人员供养'],
    relatives: ['declared', 'household'],
  },
  cadre_related_contractor: {
    payers: ['village', 'public'],
    roles: ['legalRep', 'shareholder', 'executive'],
  },
  hidden_beneficial_owner: { minEffectiveRatio: 0.25, minLayers: 2 },
  shared_contact: { via: ['phone', 'address'], withoutFormalTie: true },
  split_payments: { minCount: 3, windowDays: 15, maxEach: 10_000, minTotal: 10_000 },
  circular_transfers: { minLength: 2, maxLength: 6, windowDays: 30, minAmount: 10_000, tolerance: 0.1 },
  pass_through: { minInflow: 50_000, minShare: 0.9, withinHours: 24, minOccurrences: 2 },
  kickback_chain: { maxIntermediaries: 3, windowDays: 30 },
  ghost_recipient: { notInRegister: true, invalidIdNumber: true },
  duplicate_benefit: { samePeriodSameProgram: 2 },
} as const;

export type SubjectType = 'Person' | 'PersonMention' | 'Company' | 'Account' | 'Village';

export interface Subject {
  type: SubjectType;
  key: string;
  name?: string;
  role: string;
}

export interface Scheme {
  id: string;
  model: ModelId;
  subjects: Subject[];
  amount: number;
  note: string;
}

export interface Decoy {
  id: string;
  model: ModelId;
  subjects: Subject[];
  note: string;
}

export interface Malformed {
  file: string;
  /** Physical row as the ingest reports it: the header is row 1 in CSV files, the line number in JSONL. */
  row: number;
  reason: string;
}

export interface Truth {
  seed: number;
  scale: number;
  asOf: string;
  params: typeof DEFAULT_PARAMS;
  schemes: Scheme[];
  decoys: Decoy[];
  malformed: Malformed[];
}

export const person = (p: Person, role: string): Subject => ({
  type: 'Person',
  key: p.id,
  name: p.name,
  role,
});
export const company = (c: Company, role: string): Subject => ({
  type: 'Company',
  key: c.code,
  name: c.name,
  role,
});
export const account = (a: Account, role: string): Subject => ({
  type: 'Account',
  key: a.no,
  name: a.holderName,
  role,
});
export const village = (v: Village, role: string): Subject => ({
  type: 'Village',
  key: v.key,
  name: v.name,
  role,
});

/** Collects schemes and decoys with running ids S001…, D001…. */
export class TruthBook {
  readonly schemes: Scheme[] = [];
  readonly decoys: Decoy[] = [];
  readonly malformed: Malformed[] = [];

  scheme(model: ModelId, subjects: Subject[], amount: number, note: string): void {
    const id = `S${String(this.schemes.length + 1).padStart(3, '0')}`;
    this.schemes.push({ id, model, subjects, amount: Math.round(amount * 100) / 100, note });
  }

  decoy(model: ModelId, subjects: Subject[], note: string): void {
    const id = `D${String(this.decoys.length + 1).padStart(3, '0')}`;
    this.decoys.push({ id, model, subjects, note });
  }

  bad(file: string, row: number, reason: string): void {
    this.malformed.push({ file, row, reason });
  }
}
