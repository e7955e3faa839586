// Stored clues: re-runs update not duplicate, the status workflow, list filters, the detect and clues commands.
import { beforeAll, describe, expect, it } from 'vitest';
import { runModels } from '../../engine/detect/run.ts';
import { getClue, listClues } from '../../engine/detect/store/query.ts';
import { updateClueStatus } from '../../engine/detect/store/status.ts';
import { InvalidInputError, NotFoundError } from '../../engine/errors.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { FixtureGraph } from '../fixtures/detect/builder.ts';
import { AS_OF, deceasedFixture, ELDERLY } from '../fixtures/detect/welfare.ts';
import { runCli } from '../setup/cli.ts';
import { cleanGraph, testServerEnv } from '../setup/store.ts';

let store: Store;
const count = async (cypher: string) => (await store.read<{ n: number }>(cypher))[0]!.n;
const run = () =>
  runModels(store, { models: ['deceased_receiving', 'split_payments'], asOf: AS_OF, user: 'tester' });

describe('stored clues', () => {
  let fixture: ReturnType<typeof deceasedFixture>;
  beforeAll(async () => {
    store = await cleanGraph();
    fixture = deceasedFixture();
    await fixture.graph.write(store);
  });

  it('stores each clue once with its subjects linked, and a re-run finds the same clues', async () => {
    const first = await run();
    expect(first.clues).toHaveLength(2);
    expect(first.clues.every((c) => 'status' in c && c.status === 'new')).toBe(true);
    expect(await count('MATCH (c:Clue) RETURN count(c) AS n')).toBe(2);
    expect(await count('MATCH (:Clue)-[:CLUE_SUBJECT]->(:Person) RETURN count(*) AS n')).toBe(2);
    const again = await run();
    expect(again.clues.map((c) => c.clueId).sort()).toEqual(first.clues.map((c) => c.clueId).sort());
    expect(await count('MATCH (c:Clue) RETURN count(c) AS n')).toBe(2);
    expect(await count('MATCH (:Clue)-[:CLUE_SUBJECT]->() RETURN count(*) AS n')).toBe(2);
    const stored = await getClue(store, first.clues[0]!.clueId);
    expect(stored.evidence.relationships.length).toBeGreaterThan(0);
    expect(stored.history.map((h) => h.event)).toEqual(['raised']);
    expect(stored.asOf).toBe(AS_OF);
  });

  it('moves through 新线索 → 核查中 → 属实 with who, when and why; refuses other moves by stable id', async () => {
    const [clue] = (await listClues(store, { model: 'deceased_receiving', sort: 'amount' })).clues;
    const id = clue!.clueId;
    const checking = await updateClueStatus(store, id, { status: '核查中', user: '王检查' });
    expect(checking).toMatchObject({ status: 'checking', statusBy: '王检查' });
    await expect(updateClueStatus(store, id, { status: 'confirmed', user: '王检查' })).rejects.toMatchObject({
      id: 'clue.commentRequired',
    });
    await expect(updateClueStatus(store, id, { status: 'new', user: '王检查' })).rejects.toMatchObject({
      id: 'clue.badTransition',
    });
    await expect(updateClueStatus(store, id, { status: 'closed', user: '王检查' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(updateClueStatus(store, id, { status: '属实', user: ' ' })).rejects.toMatchObject({
      id: 'clue.userRequired',
    });
    await expect(updateClueStatus(store, 'nope', { status: '核查中', user: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const done = await updateClueStatus(store, id, {
      status: '属实',
      user: '李组长',
      comment: '入户核实，已死亡',
    });
    expect(done.status).toBe('confirmed');
    expect(done.history.map((h) => [h.event, h.to, h.by])).toEqual([
      ['raised', 'new', 'tester'],
      ['status', 'checking', '王检查'],
      ['status', 'confirmed', '李组长'],
    ]);
    expect(done.history[2]!.comment).toBe('入户核实，已死亡');
    expect(Date.parse(done.statusAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a re-run keeps the status, updates changed evidence and marks clues no longer raised inactive', async () => {
    const before = (await listClues(store, { status: '属实' })).clues[0]!;
    const g = new FixtureGraph();
    const town = g.org('青山镇人民政府');
    g.subsidy(town, ['Person', before.subjects[0]!.key], ELDERLY, 100, '2026-05-15');
    await g.write(store);
    await run();
    const after = await getClue(store, before.clueId);
    expect(after.status).toBe('confirmed');
    expect(after.amount).toBe(before.amount + 100);
    expect(after.history.map((h) => h.event)).toEqual(['raised', 'status', 'status', 'evidence']);
    expect(await count('MATCH (c:Clue) RETURN count(c) AS n')).toBe(2);
    // The other clue's payments vanish from the data: it stays, inactive, out of the default list.
    const other = fixture.expect.flagged.find((k) => k !== before.subjects[0]!.key)!;
    await store.write('MATCH (:Person {idNumber: $other})<-[s:SUBSIDY]-() DELETE s', { other });
    await run();
    expect((await listClues(store)).clues.map((c) => c.subjects[0]!.key)).toEqual([before.subjects[0]!.key]);
    const all = await listClues(store, { active: 'all' });
    expect(all.clues.find((c) => c.subjects[0]!.key === other)?.active).toBe(false);
  });

  it('lists by model, status, village, amount and subject, with totals and paging', async () => {
    const g = new FixtureGraph();
    const v = g.village('石门镇', '李家村');
    const va = g.account('2010386990086620', v, '李家村');
    const firm = g.company('91331199MA00000011', '清溪县拆分工程有限公司');
    const fa = g.account('1937000000000000011', firm, '清溪县拆分工程有限公司');
    for (const [d, amount] of [
      ['2026-03-01', 9_800],
      ['2026-03-05', 9_700],
      ['2026-03-09', 9_900],
    ] as const)
      g.ledger(v, firm, amount, d).transfer(va, fa, amount, `${d}T10:00:00`);
    await g.write(store);
    await run();
    const split = await listClues(store, { model: 'split_payments' });
    expect(split.total).toBe(1);
    expect(split.clues[0]!.villages).toEqual(['石门镇/李家村']);
    expect(split.clues[0]!.evidence.relationships).toEqual([]);
    for (const village of ['石门镇/李家村', '李家村', '石门镇'])
      expect((await listClues(store, { village })).total, village).toBe(1);
    expect((await listClues(store, { minAmount: 29_000 })).clues.map((c) => c.model)).toEqual([
      'split_payments',
    ]);
    expect((await listClues(store, { maxAmount: 1_000, active: 'all' })).total).toBe(1);
    expect((await listClues(store, { subject: '91331199ma00000011' })).total).toBe(1);
    expect((await listClues(store, { status: ['new', '属实'], active: 'all' })).total).toBe(3);
    const paged = await listClues(store, { active: 'all', sort: 'amount', limit: 1, offset: 1 });
    expect(paged.total).toBe(3);
    expect(paged.clues).toHaveLength(1);
    await expect(listClues(store, { model: 'astrology' })).rejects.toMatchObject({ id: 'clue.badFilter' });
  });
});

describe('the as-of date', () => {
  it('defaults to the latest transfer or payment in the store', async () => {
    // The deceased fixture holds a payment on 2026-07-15, after every other date written above.
    const result = await runModels(store, { models: ['duplicate_benefit'], save: false });
    expect(result.asOf).toBe('2026-07-15');
  });
});

describe('qingfeng detect and qingfeng clues', () => {
  it('prints {"clues": [...]} with model, score, subjects, amount, period, summary and evidence', async () => {
    const result = await runCli(
      ['detect', '--model', 'split_payments', '--as-of', AS_OF, '--json'],
      testServerEnv(),
    );
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as {
      clues: Record<string, unknown>[];
      models: { model: string }[];
    };
    expect(body.models.map((m) => m.model)).toEqual(['split_payments']);
    expect(body.clues).toHaveLength(1);
    expect(Object.keys(body.clues[0]!)).toEqual(
      expect.arrayContaining([
        'clueId',
        'model',
        'score',
        'subjects',
        'amount',
        'period',
        'summary',
        'summaryEn',
        'evidence',
        'status',
      ]),
    );
    const clueId = body.clues[0]!.clueId as string;
    const status = await runCli(
      ['clues', 'status', clueId, '核查中', '--user', '张三', '--json'],
      testServerEnv(),
    );
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).status).toBe('checking');
    const list = await runCli(['clues', 'list', '--status', '核查中'], testServerEnv());
    expect(list.stdout).toContain(clueId);
    expect(list.stdout).toContain('核查中');
  });

  it('refuses an unknown model or a bad date with exit code 2 and a stable id', async () => {
    const bad = await runCli(['detect', '--model', 'astrology', '--json'], testServerEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[detect.unknownModel]');
    const date = await runCli(['detect', '--as-of', '2026-02-30'], testServerEnv());
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('[detect.badAsOf]');
    const param = await runCli(
      ['detect', '--model', 'split_payments', '--param', 'split_payments.windowDays=abc'],
      testServerEnv(),
    );
    expect(param.stderr).toContain('[detect.badParam]');
  });
});
