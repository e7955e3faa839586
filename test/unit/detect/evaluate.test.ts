// Scoring against truth: precision, recall, decoys, cycles by any account, account-level scores, the table.
import { describe, expect, it } from 'vitest';
import { makeClue } from '../../../engine/detect/clue.ts';
import { accountScores, evaluate, normaliseKey, scoreTable } from '../../../engine/detect/evaluate.ts';
import { EvidenceSet } from '../../../engine/detect/evidence.ts';
import type { Clue, ClueSubject, ModelId } from '../../../engine/detect/types.ts';

function clue(model: ModelId, subjects: ClueSubject[]): Clue {
  return makeClue({
    model,
    score: 0.8,
    amount: 1,
    subjects,
    period: null,
    summary: '',
    summaryEn: '',
    evidence: new EvidenceSet(),
  });
}
const s = (key: string, primary = true, type = 'Person'): ClueSubject => ({
  type,
  key,
  name: key,
  role: 'x',
  ...(primary ? { primary } : {}),
});

const truth = {
  schemes: [
    { id: 'S1', model: 'deceased_receiving', subjects: [{ type: 'Person', key: '33119919361202382x' }] },
    { id: 'S2', model: 'deceased_receiving', subjects: [{ type: 'Person', key: 'B' }] },
    {
      id: 'S3',
      model: 'circular_transfers',
      subjects: [
        { type: 'Account', key: 'A1' },
        { type: 'Account', key: 'A2' },
      ],
    },
    { id: 'S4', model: 'ghost_recipient', subjects: [{ type: 'PersonMention', key: '331199194002283361' }] },
  ],
  decoys: [{ id: 'D1', model: 'deceased_receiving', subjects: [{ type: 'Person', key: 'C' }] }],
};

describe('evaluate', () => {
  it('counts true and false clues, found and missed schemes, and flagged decoys per model', () => {
    const clues = [
      clue('deceased_receiving', [s('33119919361202382X'), s('cadre', false)]),
      clue('deceased_receiving', [s('C')]),
      clue('circular_transfers', [s('A2', true, 'Account'), s('A9', true, 'Account')]),
      clue('ghost_recipient', [
        { ...s('town|a|331199194002283361|x', true, 'PersonMention'), idNumber: '331199194002283361' },
      ]),
    ];
    const [dead, cycle, ghost] = evaluate(clues, truth, [
      'deceased_receiving',
      'circular_transfers',
      'ghost_recipient',
    ]);
    expect(dead).toMatchObject({
      clues: 2,
      truePositives: 1,
      precision: 0.5,
      schemes: 2,
      found: 1,
      recall: 0.5,
      missed: ['S2'],
      decoysFlagged: ['D1'],
    });
    expect(dead!.falseClues).toHaveLength(1);
    expect(cycle).toMatchObject({ precision: 1, recall: 0 });
    expect(ghost).toMatchObject({ precision: 1, recall: 1 });
  });

  it('treats a model without clues and without schemes as perfect, and without clues but with schemes as blind', () => {
    const [none, blind] = evaluate([], { schemes: truth.schemes }, ['pass_through', 'deceased_receiving']);
    expect(none).toMatchObject({ precision: 1, recall: 1 });
    expect(blind).toMatchObject({ precision: 0, recall: 0 });
  });

  it('scores accounts for per-account labels and prints a table', () => {
    const clues = [clue('fan_in', [s('A1', true, 'Account'), s('A2', false, 'Account'), s('P', false)])];
    expect(accountScores(clues, 'fan_in', new Set(['A1', 'A3']))).toEqual({
      flagged: 2,
      truePositives: 1,
      precision: 0.5,
      recall: 0.5,
      positives: 2,
    });
    const table = scoreTable(evaluate(clues, truth, ['fan_in']));
    expect(table.split('\n')).toHaveLength(2);
    expect(table).toContain('precision');
    expect(normaliseKey(' 6217 0001 x')).toBe('62170001X');
  });
});
