// Each model on small hand-made graphs: true cases flagged, near misses not, every clue explained with provenance.
import { beforeAll, describe, expect, it } from 'vitest';
import { runModels } from '../../engine/detect/run.ts';
import type { Clue } from '../../engine/detect/types.ts';
import type { FixtureGraph } from '../fixtures/detect/builder.ts';
import { contractorFixture, hiddenOwnerFixture, sharedContactFixture } from '../fixtures/detect/companies.ts';
import {
  cycleFixture,
  fanInFixture,
  kickbackFixture,
  passThroughFixture,
  splitFixture,
} from '../fixtures/detect/flows.ts';
import {
  AS_OF,
  deceasedFixture,
  duplicateFixture,
  type Expectation,
  ghostFixture,
  relativeAllowanceFixture,
  uncoveredFixture,
} from '../fixtures/detect/welfare.ts';
import { cleanGraph } from '../setup/store.ts';

/** Keys a clue names as its primary subjects (raw ID numbers for unresolved persons). */
const primaryKeys = (clues: Clue[]) =>
  new Set(
    clues.flatMap((c) =>
      c.subjects.filter((s) => s.primary).flatMap((s) => [s.key, ...(s.idNumber ? [s.idNumber] : [])]),
    ),
  );

async function detect(graph: FixtureGraph, model: string, params?: Record<string, unknown>): Promise<Clue[]> {
  const store = await cleanGraph();
  await graph.write(store);
  const result = await runModels(store, {
    models: [model],
    asOf: AS_OF,
    save: false,
    ...(params ? { params: { [model]: params } } : {}),
  });
  return result.clues;
}

/** Every clue is explainable: Chinese and English sentences, a score in 0–1, evidence citing file and row. */
function explainable(clues: Clue[]): void {
  for (const clue of clues) {
    expect(clue.summary).toMatch(/[\u4e00-\u9fff]/);
    expect(clue.summaryEn).toMatch(/[a-z]/);
    expect(clue.score).toBeGreaterThan(0);
    expect(clue.score).toBeLessThanOrEqual(1);
    expect(clue.subjects.some((s) => s.primary)).toBe(true);
    expect(clue.evidence.relationships.length).toBeGreaterThan(0);
    for (const r of clue.evidence.relationships)
      expect(r.sources.length, `${clue.model} ${r.type}`).toBeGreaterThan(0);
    for (const r of clue.evidence.relationships) expect(r.sources[0]).toMatch(/#\d+$/);
  }
}

function check(clues: Clue[], expectation: Expectation): void {
  const keys = primaryKeys(clues);
  for (const key of expectation.flagged) expect(keys.has(key), `flagged ${key}`).toBe(true);
  for (const key of expectation.clean) expect(keys.has(key), `clean ${key}`).toBe(false);
  explainable(clues);
}

describe('welfare models on hand-made fixtures', () => {
  it('deceased_receiving: paid after death (also through a resolved mention); not the month before, not a namesake', async () => {
    const { graph, expect: e } = deceasedFixture();
    const clues = await detect(graph, 'deceased_receiving');
    check(clues, e);
    expect(clues).toHaveLength(2);
    const first = clues.find((c) => c.subjects[0]!.key === e.flagged[0])!;
    expect(first.amount).toBe(200);
    expect(first.period).toEqual({ from: '2026-03-15', to: '2026-04-15' });
    expect(first.summary).toContain('2026-02-20');
  });

  it('eligible_not_covered: 80 and over without the allowance; not 79, not the dead, not outside the register', async () => {
    const { graph, expect: e } = uncoveredFixture();
    const clues = await detect(graph, 'eligible_not_covered');
    check(clues, e);
    expect(clues).toHaveLength(3);
    const younger = await detect(graph, 'eligible_not_covered', { minAge: 85 });
    expect([...primaryKeys(younger)].sort()).toEqual([e.flagged[0], e.flagged[2]].sort());
  });

  it('ghost_recipient: outside the register, invalid or missing ID; one clue per raw ID across programmes', async () => {
    const { graph, expect: e } = ghostFixture();
    const clues = await detect(graph, 'ghost_recipient');
    check(clues, e);
    expect(clues).toHaveLength(5);
    const twice = clues.find((c) => c.subjects[0]!.idNumber === e.flagged[1])!;
    expect(twice.amount).toBe(1300);
    expect(twice.summary).toContain('校验码错误');
    const typo = clues.find((c) => c.subjects[0]!.idNumber === e.lowScore)!;
    expect(typo.score).toBeLessThan(0.6);
  });

  it('duplicate_benefit: same programme and period twice; not two programmes, not a back payment', async () => {
    const { graph, expect: e } = duplicateFixture();
    const clues = await detect(graph, 'duplicate_benefit');
    check(clues, e);
    expect(clues.map((c) => c.amount).sort()).toEqual([100, 780]);
  });

  it('cadre_relative_allowance: household and declared relatives on 低保/特困; own village or unit scores higher', async () => {
    const { graph, expect: e } = relativeAllowanceFixture();
    const clues = await detect(graph, 'cadre_relative_allowance');
    check(clues, e);
    for (const key of e.own)
      expect(clues.find((c) => c.subjects[0]!.key === key)!.score).toBeGreaterThanOrEqual(0.9);
    const father = clues.find((c) => c.subjects[0]!.key === e.flagged[1])!;
    expect(father.score).toBeLessThan(0.9);
    expect(father.summary).toContain('父亲（干部申报）');
    const noHousehold = await detect(graph, 'cadre_relative_allowance', { relatives: 'declared' });
    expect(primaryKeys(noHousehold).has(e.flagged[0]!)).toBe(false);
  });
});

describe('company models on hand-made fixtures', () => {
  it("cadre_related_contractor: the payer's cadre or relative as legal rep, shareholder or executive", async () => {
    const { graph, expect: e } = contractorFixture();
    const clues = await detect(graph, 'cadre_related_contractor');
    check(clues, e);
    const ledgerAndBank = clues.find((c) => c.subjects[0]!.key === e.flagged[0])!;
    expect(ledgerAndBank.amount).toBe(47_000);
    expect(ledgerAndBank.evidence.relationships.map((r) => r.type)).toEqual(
      expect.arrayContaining(['COLLECTIVE_PAYMENT', 'TRANSFER', 'LEGAL_REP', 'FAMILY']),
    );
    const any = await detect(graph, 'cadre_related_contractor', { scope: 'any' });
    expect(primaryKeys(any).has(e.anyScope)).toBe(true);
  });

  it('hidden_beneficial_owner: ≥ 25% through chains, summed over paths, cycle-safe; not 10% or 24%', async () => {
    const { graph, expect: e } = hiddenOwnerFixture();
    const clues = await detect(graph, 'hidden_beneficial_owner');
    check(clues, e);
    expect(clues.find((c) => c.subjects[0]!.key === e.flagged[2])!.summary).toContain('35%');
    expect(clues.find((c) => c.subjects[0]!.key === e.flagged[1])!.summary).toContain('43.2%');
  });

  it('shared_contact: phone or address of a cadre or relative, without a registered tie', async () => {
    const { graph, expect: e } = sharedContactFixture();
    const clues = await detect(graph, 'shared_contact');
    check(clues, e);
    const onlyPhone = await detect(graph, 'shared_contact', { via: 'phone' });
    expect([...primaryKeys(onlyPhone)]).toEqual([e.flagged[0]]);
  });
});

describe('money-flow models on hand-made fixtures', () => {
  it('split_payments: three under 10,000 within 15 days; not spread over months, two, small or one large', async () => {
    const { graph, expect: e } = splitFixture();
    const clues = await detect(graph, 'split_payments');
    check(clues, e);
    expect(clues).toHaveLength(2);
    // The ledger entry and the bank transfer of one payment count once.
    expect(clues.find((c) => c.subjects[0]!.key === e.flagged[0])!.amount).toBe(29_350.5);
  });

  it('circular_transfers: time-ordered cycles within 30 days and 10%; not 40% apart, 45 days, small or disordered', async () => {
    const { graph, expect: e } = cycleFixture();
    const clues = await detect(graph, 'circular_transfers');
    check(clues, e);
    expect(clues).toHaveLength(2);
    expect(clues.every((c) => c.subjects.every((s) => s.primary))).toBe(true);
  });

  it('pass_through: twice ≥ 90% onward within 24 hours; not 80%, 3 days later, once or small', async () => {
    const { graph, expect: e } = passThroughFixture();
    const clues = await detect(graph, 'pass_through');
    check(clues, e);
    expect(clues).toHaveLength(1);
    expect(clues[0]!.amount).toBe(145_050 + 95_452);
  });

  it('kickback_chain: payer money reaching the circle via ≤ 3 intermediaries in order within 30 days', async () => {
    const { graph, expect: e } = kickbackFixture();
    const clues = await detect(graph, 'kickback_chain');
    check(clues, e);
    expect(clues).toHaveLength(2);
    const father = clues.find((c) => c.subjects[0]!.key === e.flagged[0])!;
    expect(father.amount).toBe(58_000);
    expect(father.summary).toContain('2个中间账户');
  });

  it('fan_in: several senders each paying repeatedly on one day; not single payments, not two senders', async () => {
    const { graph, expect: e } = fanInFixture();
    const clues = await detect(graph, 'fan_in');
    check(clues, e);
    expect(clues[0]!.subjects.filter((s) => s.role === 'sender')).toHaveLength(3);
  });
});

describe('prerequisites', () => {
  beforeAll(async () => {
    await cleanGraph();
  });

  it('skips a model whose data was never loaded instead of flooding, and says why', async () => {
    const store = await cleanGraph();
    const result = await runModels(store, {
      models: ['eligible_not_covered', 'deceased_receiving'],
      asOf: AS_OF,
      save: false,
    });
    expect(result.clues).toEqual([]);
    expect(result.models.map((m) => m.skipped?.zh)).toEqual([
      expect.stringContaining('未导入'),
      expect.stringContaining('死亡'),
    ]);
  });
});
