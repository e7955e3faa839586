// Scoring models against labelled truth (demo truth.json, AMLSim isFraud): precision, recall, decoys, a table.
import type { Clue, ClueSubject } from './types.ts';

export interface TruthSubject {
  type: string;
  key: string;
}

export interface TruthItem {
  id: string;
  model: string;
  subjects: TruthSubject[];
  note?: string;
}

export interface ModelScore {
  model: string;
  clues: number;
  truePositives: number;
  precision: number;
  schemes: number;
  found: number;
  recall: number;
  /** Ids of schemes no clue names, of decoys some clue names, of clues that match no scheme. */
  missed: string[];
  decoysFlagged: string[];
  falseClues: string[];
}

/** Keys compare without case or surrounding blanks (ID numbers ending in x, account numbers with spaces). */
export const normaliseKey = (key: string): string => key.replace(/\s+/g, '').toUpperCase();

/** Models whose truth lists every account of the scheme as equally primary (a cycle has no first account). */
const ALL_SUBJECTS = new Set(['circular_transfers']);

function clueKeys(clue: Clue): Set<string> {
  const primary = clue.subjects.filter((s) => s.primary);
  const subjects: ClueSubject[] = primary.length > 0 ? primary : clue.subjects.slice(0, 1);
  return new Set(
    subjects.flatMap((s) => [normaliseKey(s.key), ...(s.idNumber ? [normaliseKey(s.idNumber)] : [])]),
  );
}

function schemeKeys(item: TruthItem): string[] {
  const subjects = ALL_SUBJECTS.has(item.model) ? item.subjects : item.subjects.slice(0, 1);
  return subjects.map((s) => normaliseKey(s.key));
}

/**
 * Per model: a clue is a true positive when one of its primary subjects is a scheme's primary subject (for cycles,
 * any account of the scheme); a scheme is found when some clue of its model names its primary subject.
 */
export function evaluate(
  clues: readonly Clue[],
  truth: { schemes: TruthItem[]; decoys?: TruthItem[] },
  models: readonly string[],
): ModelScore[] {
  return models.map((model) => {
    const mine = clues.filter((c) => c.model === model);
    const schemes = truth.schemes.filter((s) => s.model === model);
    const decoys = (truth.decoys ?? []).filter((d) => d.model === model);
    const keys = mine.map((c) => ({ clue: c, keys: clueKeys(c) }));
    const schemeKeySet = new Set(schemes.flatMap(schemeKeys));
    const falseClues = keys
      .filter((k) => ![...k.keys].some((x) => schemeKeySet.has(x)))
      .map((k) => k.clue.clueId);
    const named = new Set(keys.flatMap((k) => [...k.keys]));
    const missed = schemes.filter((s) => !named.has(normaliseKey(s.subjects[0]?.key ?? ''))).map((s) => s.id);
    const decoysFlagged = decoys
      .filter((d) => named.has(normaliseKey(d.subjects[0]?.key ?? '')))
      .map((d) => d.id);
    const tp = mine.length - falseClues.length;
    return {
      model,
      clues: mine.length,
      truePositives: tp,
      precision: mine.length === 0 ? (schemes.length === 0 ? 1 : 0) : tp / mine.length,
      schemes: schemes.length,
      found: schemes.length - missed.length,
      recall: schemes.length === 0 ? 1 : (schemes.length - missed.length) / schemes.length,
      missed,
      decoysFlagged,
      falseClues,
    };
  });
}

/**
 * Account-level scoring for data labelled per account (AMLSim's isFraud): every account named by a clue of the
 * model counts as flagged.
 */
export function accountScores(
  clues: readonly Clue[],
  model: string,
  positives: ReadonlySet<string>,
): { flagged: number; truePositives: number; precision: number; recall: number; positives: number } {
  const flagged = new Set(
    clues
      .filter((c) => c.model === model)
      .flatMap((c) => c.subjects.filter((s) => s.type === 'Account').map((s) => s.key)),
  );
  const tp = [...flagged].filter((k) => positives.has(k)).length;
  return {
    flagged: flagged.size,
    truePositives: tp,
    precision: flagged.size === 0 ? 0 : tp / flagged.size,
    recall: positives.size === 0 ? 0 : tp / positives.size,
    positives: positives.size,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A fixed-width table of the scores (one line per model) for logs and reports. */
export function scoreTable(scores: readonly ModelScore[]): string {
  const head = `${'model'.padEnd(26)} ${'clues'.padStart(5)} ${'TP'.padStart(4)} ${'precision'.padStart(9)} ${'schemes'.padStart(7)} ${'found'.padStart(5)} ${'recall'.padStart(7)} decoys`;
  const lines = scores.map(
    (s) =>
      `${s.model.padEnd(26)} ${String(s.clues).padStart(5)} ${String(s.truePositives).padStart(4)} ${pct(s.precision).padStart(9)} ${String(s.schemes).padStart(7)} ${String(s.found).padStart(5)} ${pct(s.recall).padStart(7)} ${s.decoysFlagged.length}`,
  );
  return [head, ...lines].join('\n');
}
