// Building clues: stable ids from model and primary subjects, scores, periods, money and date wording.
import { createHash } from 'node:crypto';
import type { EvidenceSet } from './evidence.ts';
import type { Clue, CluePeriod, ClueSubject, EvidenceNode, ModelId } from './types.ts';

/** The stable id: the model and the sorted keys of the primary subjects (the first subject when none is marked). */
export function clueIdOf(
  model: ModelId,
  subjects: readonly ClueSubject[],
  extra: readonly string[] = [],
): string {
  const primary = subjects.filter((s) => s.primary);
  const chosen = primary.length > 0 ? primary : subjects.slice(0, 1);
  const keys = chosen.map((s) => `${s.type}:${s.idNumber ?? s.key}`).sort();
  const digest = createHash('sha1')
    .update([model, ...keys, ...extra].join('|'))
    .digest('hex');
  return `${model}-${digest.slice(0, 16)}`;
}

export function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

/** Rounds to the fen, so sums of many float amounts read cleanly. */
export function roundYuan(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** `12,345.6` style, as investigators write amounts. */
export function yuan(amount: number): string {
  return roundYuan(amount).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Earliest and latest of some dates or date-times (as YYYY-MM-DD), or null when there are none. */
export function periodOf(dates: readonly (string | null | undefined)[]): CluePeriod | null {
  const days = dates
    .filter((d): d is string => typeof d === 'string' && d.length >= 10)
    .map((d) => d.slice(0, 10));
  if (days.length === 0) return null;
  days.sort();
  return { from: days[0]!, to: days[days.length - 1]! };
}

export function periodText(period: CluePeriod | null): { zh: string; en: string } {
  if (!period) return { zh: '', en: '' };
  if (period.from === period.to) return { zh: period.from, en: period.from };
  return { zh: `${period.from}至${period.to}`, en: `${period.from} to ${period.to}` };
}

/** Whole days from one YYYY-MM-DD (or date-time) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/** Epoch milliseconds of a local date-time (read as UTC, as the projection does). */
export function epochMs(localDateTime: string): number {
  return Date.parse(localDateTime.length <= 10 ? `${localDateTime}T00:00:00Z` : `${localDateTime}Z`);
}

/** The end of `asOf` as a local date-time bound for transfer times. */
export function endOfDay(asOf: string): string {
  return `${asOf}T23:59:59.999999999`;
}

/** A subject from an evidence node. */
export function subjectOf(node: EvidenceNode, role: string, primary = false): ClueSubject {
  const raw = node.properties.idNumberRaw;
  return {
    type: node.type,
    key: node.key,
    name: node.name ?? node.key,
    role,
    ...(primary ? { primary: true } : {}),
    ...(node.type === 'PersonMention' && typeof raw === 'string' && raw ? { idNumber: raw } : {}),
  };
}

/** Adds subjects once each (by type and key), keeping the first role given. */
export function uniqueSubjects(subjects: readonly ClueSubject[]): ClueSubject[] {
  const seen = new Set<string>();
  const out: ClueSubject[] = [];
  for (const s of subjects) {
    const id = `${s.type}:${s.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(s);
  }
  return out;
}

export interface ClueDraft {
  model: ModelId;
  score: number;
  subjects: ClueSubject[];
  amount: number;
  period: CluePeriod | null;
  summary: string;
  summaryEn: string;
  villages?: readonly (string | null | undefined)[];
  evidence: EvidenceSet;
  /** Extra parts of the identity beyond the primary subjects (a payer, a programme). */
  identity?: readonly string[];
}

export function makeClue(draft: ClueDraft): Clue {
  const subjects = uniqueSubjects(draft.subjects);
  const villages = [...new Set(draft.villages?.filter((v): v is string => Boolean(v)) ?? [])].sort();
  return {
    clueId: clueIdOf(draft.model, subjects, draft.identity),
    model: draft.model,
    score: clampScore(draft.score),
    subjects,
    amount: roundYuan(draft.amount),
    period: draft.period,
    summary: draft.summary,
    summaryEn: draft.summaryEn,
    villages,
    evidence: draft.evidence.build(),
  };
}

/** Clues by score, then amount, then id: the order lists and reports show. */
export function sortClues<T extends Clue>(clues: T[]): T[] {
  return clues.sort((a, b) => b.score - a.score || b.amount - a.amount || (a.clueId < b.clueId ? -1 : 1));
}
