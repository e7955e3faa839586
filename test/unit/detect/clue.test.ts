// Clue building blocks: stable ids, scores, periods, wording helpers, evidence with provenance, stored records.
import { describe, expect, it } from 'vitest';
import {
  clampScore,
  clueIdOf,
  daysBetween,
  makeClue,
  periodOf,
  periodText,
  sortClues,
  uniqueSubjects,
  yuan,
} from '../../../engine/detect/clue.ts';
import { EvidenceSet, MAX_EVIDENCE_RELATIONSHIPS, toNode, toRel } from '../../../engine/detect/evidence.ts';
import { clueRow, evidenceHash, parseStatus, toRecord } from '../../../engine/detect/store/records.ts';
import { canTransition, TRANSITIONS } from '../../../engine/detect/store/status.ts';
import type { ClueSubject } from '../../../engine/detect/types.ts';

const person = (key: string, primary = false): ClueSubject => ({
  type: 'Person',
  key,
  name: key,
  role: 'recipient',
  ...(primary ? { primary } : {}),
});

describe('clue ids', () => {
  it('depend on the model and the primary subjects only, in any order', () => {
    const a = clueIdOf('circular_transfers', [person('B', true), person('A', true), person('C')]);
    const b = clueIdOf('circular_transfers', [person('A', true), person('B', true), person('D')]);
    expect(a).toBe(b);
    expect(a).toMatch(/^circular_transfers-[0-9a-f]{16}$/);
    expect(clueIdOf('pass_through', [person('A', true), person('B', true)])).not.toBe(a);
    // Without a marked primary subject, the first subject is the identity; extra parts (a payer) can be added.
    expect(clueIdOf('split_payments', [person('X'), person('Y')])).toBe(
      clueIdOf('split_payments', [person('X')]),
    );
    expect(clueIdOf('split_payments', [person('X')], ['Village:a'])).not.toBe(
      clueIdOf('split_payments', [person('X')], ['Village:b']),
    );
  });

  it('identify an unresolved person by the ID number as written, not by where the mention was seen', () => {
    const m1: ClueSubject = {
      type: 'PersonMention',
      key: 'town|a|33X|name',
      name: 'n',
      role: 'r',
      primary: true,
      idNumber: '33X',
    };
    const m2 = { ...m1, key: 'town|b|33X|name' };
    expect(clueIdOf('ghost_recipient', [m1])).toBe(clueIdOf('ghost_recipient', [m2]));
  });
});

describe('wording helpers', () => {
  it('rounds scores into 0–1 and amounts to the fen', () => {
    expect(clampScore(1.3)).toBe(1);
    expect(clampScore(-1)).toBe(0);
    expect(clampScore(Number.NaN)).toBe(0);
    expect(clampScore(0.8349)).toBe(0.83);
    expect(yuan(1234567.891)).toBe('1,234,567.89');
  });

  it('makes periods from dates and date-times and counts days between them', () => {
    expect(periodOf(['2026-03-15', null, '2026-01-02T10:00:00', 'x'])).toEqual({
      from: '2026-01-02',
      to: '2026-03-15',
    });
    expect(periodOf([])).toBeNull();
    expect(periodText({ from: '2026-01-01', to: '2026-01-01' }).zh).toBe('2026-01-01');
    expect(periodText({ from: '2026-01-01', to: '2026-02-01' })).toEqual({
      zh: '2026-01-01至2026-02-01',
      en: '2026-01-01 to 2026-02-01',
    });
    expect(daysBetween('2026-02-20', '2026-03-15')).toBe(23);
  });

  it('keeps each subject once and sorts clues by score, then amount', () => {
    expect(
      uniqueSubjects([person('A', true), { ...person('A'), role: 'cadre' }, person('B')]).map((s) => s.role),
    ).toEqual(['recipient', 'recipient']);
    const mk = (score: number, amount: number, key: string) =>
      makeClue({
        model: 'duplicate_benefit',
        score,
        amount,
        subjects: [person(key, true)],
        period: null,
        summary: '',
        summaryEn: '',
        evidence: new EvidenceSet(),
      });
    expect(
      sortClues([mk(0.5, 10, 'a'), mk(0.9, 1, 'b'), mk(0.9, 5, 'c')]).map((c) => c.subjects[0]!.key),
    ).toEqual(['c', 'b', 'a']);
  });
});

describe('evidence', () => {
  const raw = {
    t: 'TRANSFER',
    p: { txKey: 'T1', amount: 5, sources: ['银行流水.csv#2', '邮储银行.csv#9'], firstRun: 'run-1' },
    sl: 'Account',
    sk: '6217',
    el: 'Account',
    ek: '6228',
  };

  it('takes provenance apart from the other properties and keys nodes by their label', () => {
    const rel = toRel(raw);
    expect(rel).toMatchObject({
      type: 'TRANSFER',
      key: 'T1',
      from: { type: 'Account', key: '6217' },
      firstRun: 'run-1',
    });
    expect(rel.sources).toEqual(['银行流水.csv#2', '邮储银行.csv#9']);
    expect(rel.properties).toEqual({ txKey: 'T1', amount: 5 });
    const node = toNode({ l: 'Person', p: { idNumber: '3311', name: '张三', sources: ['户籍.csv#4'] } });
    expect(node).toMatchObject({ type: 'Person', key: '3311', name: '张三', sources: ['户籍.csv#4'] });
  });

  it('keeps each node and relationship once and caps very large evidence with a fact', () => {
    const set = new EvidenceSet()
      .rel(raw)
      .rel(raw)
      .node({ l: 'Account', p: { accountNo: '6217' } })
      .node(null);
    expect(set.build()).toMatchObject({
      relationships: [{ key: 'T1' }],
      nodes: [{ key: '6217' }],
      facts: [],
    });
    const big = new EvidenceSet();
    for (let i = 0; i < MAX_EVIDENCE_RELATIONSHIPS + 5; i += 1)
      big.rel({ ...raw, p: { ...raw.p, txKey: `T${i}` } });
    const built = big.build();
    expect(built.relationships).toHaveLength(MAX_EVIDENCE_RELATIONSHIPS);
    expect(built.facts[0]!.zh).toContain('5');
  });

  it('hashes evidence independently of discovery order', () => {
    const a = new EvidenceSet()
      .rel(raw)
      .rel({ ...raw, p: { ...raw.p, txKey: 'T2' } })
      .build();
    const b = new EvidenceSet()
      .rel({ ...raw, p: { ...raw.p, txKey: 'T2' } })
      .rel(raw)
      .build();
    expect(evidenceHash(a)).toBe(evidenceHash(b));
  });
});

describe('stored records and the workflow', () => {
  it('round-trips a clue through its node properties', () => {
    const clue = makeClue({
      model: 'ghost_recipient',
      score: 0.9,
      amount: 600,
      subjects: [person('K', true)],
      period: { from: '2026-01-15', to: '2026-06-15' },
      summary: '摘要',
      summaryEn: 'summary',
      villages: ['青山镇/石桥村'],
      evidence: new EvidenceSet().fact('事实', 'fact'),
    });
    const row = clueRow(clue);
    const record = toRecord({
      ...row,
      status: 'checking',
      statusBy: '王',
      active: true,
      history: [JSON.stringify({ at: 'now', by: 'x', event: 'raised', to: 'new' })],
      asOf: '2026-06-30',
      raisedAt: 'then',
      updatedAt: 'now',
      statusAt: null,
    });
    expect(record).toMatchObject({
      ...clue,
      status: 'checking',
      statusBy: '王',
      active: true,
      asOf: '2026-06-30',
    });
    expect(record.history).toEqual([{ at: 'now', by: 'x', event: 'raised', to: 'new' }]);
  });

  it('knows the statuses by id and by Chinese or English name, and the allowed moves', () => {
    expect(parseStatus('核查中')).toBe('checking');
    expect(parseStatus('Being checked')).toBe('checking');
    expect(parseStatus('已移交')).toBe('transferred');
    expect(parseStatus('closed')).toBeUndefined();
    expect(canTransition('new', 'checking')).toBe(true);
    expect(canTransition('checking', 'confirmed')).toBe(true);
    expect(canTransition('new', 'confirmed')).toBe(false);
    expect(canTransition('transferred', 'checking')).toBe(false);
    expect(TRANSITIONS.unfounded).toEqual(['checking']);
  });
});
