// The builtin library on the demo county: each template finds the schemes planted for it and skips the decoys.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../ingest/load/run.ts';
import { checkReadOnly, readBuiltinFiles } from '../../../queries/index.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { generateDemo, type Scheme, type Truth } from '../../demo/index.ts';
import type { Store } from '../../store/gateway.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-templates-'));
let api: TestApi;
let store: Store;
let truth: Truth;

// biome-ignore lint/suspicious/noExplicitAny: rows are read field by field
type Rows = any[];

async function run(id: string, params: Record<string, unknown>, token = 'analyst'): Promise<Rows> {
  const res = await api.call('post', `/templates/${id}/run`, { token, body: { params } });
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  expect(res.body.truncated).toBe(false);
  return res.body.rows;
}

function schemes(model: string): Scheme[] {
  const found = truth.schemes.filter((s) => s.model === model);
  expect(found.length, model).toBeGreaterThan(0);
  return found;
}

function subject(s: { subjects: Scheme['subjects'] }, role: string) {
  return s.subjects.find((x) => x.role === role);
}

/** Whether any of the person's accounts is among the chains' targets. */
async function reaches(rows: Rows, idNumber: string): Promise<boolean> {
  const accounts = await store.read<{ no: string }>(
    'MATCH (:Person {idNumber: $id})-[:OWNS_ACCOUNT]->(a:Account) RETURN a.accountNo AS no',
    { id: idNumber },
  );
  expect(accounts.length, idNumber).toBeGreaterThan(0);
  return rows.some((r) => accounts.some((a) => a.no === r.targetAccount));
}

beforeAll(async () => {
  store = await cleanGraph();
  const summary = await generateDemo({ out: join(dir, 'county'), scale: 1, seed: 1 });
  truth = JSON.parse(readFileSync(join(dir, 'county', 'truth.json'), 'utf8')) as Truth;
  await ingestFiles(store, [summary.dataDir], { outDir: join(dir, 'runs') });
  // The demo has no guarantees: a FinBench-style chain of our own, one link outside the date window.
  await store.write(
    `CREATE (p:Person {idNumber: 'G-P', name: '担保人'}),
            (a:Company {creditCode: 'G-A', name: '甲公司'}), (b:Company {creditCode: 'G-B', name: '乙公司'}),
            (c:Company {creditCode: 'G-C', name: '丙公司'}), (d:Company {creditCode: 'G-D', name: '丁公司'}),
            (p)-[:GUARANTEES {date: date('2026-01-10'), amount: 100000.0}]->(a),
            (a)-[:GUARANTEES {date: date('2026-02-10'), amount: 200000.0}]->(b),
            (b)-[:GUARANTEES {date: date('2026-03-10'), amount: 300000.0}]->(c),
            (c)-[:GUARANTEES {date: date('2025-06-01'), amount: 400000.0}]->(d)`,
  );
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the builtin templates on the demo county (scale 1, seed 1)', () => {
  it('all pass the read-only guard', async () => {
    for (const file of readBuiltinFiles()) {
      const plan = await checkReadOnly(store, file.definition.cypher);
      expect(plan.queryType, file.id).toBe('r');
    }
  });

  it('cadre_relatives_companies: the relative and company of every planted cadre-related contractor', async () => {
    for (const s of schemes('cadre_related_contractor')) {
      const relative = subject(s, 'relative');
      if (!relative) continue;
      const rows = await run('cadre_relatives_companies', { cadre: subject(s, 'cadre')!.key });
      const hit = rows.find((r) => r.creditCode === subject(s, 'payee')!.key);
      expect(hit, s.id).toBeDefined();
      expect(hit.relative).toBe(relative.name);
    }
  });

  it('village_cadre_company_payments: every planted contractor paid by a village, linked to its cadre', async () => {
    const byVillage = schemes('cadre_related_contractor').filter(
      (s) => subject(s, 'payer')?.type === 'Village',
    );
    expect(byVillage.length).toBeGreaterThanOrEqual(2);
    for (const s of byVillage) {
      const rows = await run('village_cadre_company_payments', { village: subject(s, 'payer')!.key });
      const hit = rows.find((r) => r.creditCode === subject(s, 'payee')!.key);
      expect(hit, s.id).toBeDefined();
      expect(hit.cadre).toBe(subject(s, 'cadre')!.name);
      expect(hit.linkedPerson).toBe((subject(s, 'relative') ?? subject(s, 'cadre'))!.name);
      expect(hit.totalAmount).toBeCloseTo(s.amount, 2);
    }
  });

  it('transfer_trace: follows each kickback chain to its recipient, not the too-slow or out-of-order decoys', async () => {
    for (const s of schemes('kickback_chain')) {
      const recipient = subject(s, 'recipient')!.key;
      // From the contractor the payer paid: at most three transfers on to the recipient.
      const rows = await run('transfer_trace', { account: subject(s, 'intermediary')!.key });
      expect(await reaches(rows, recipient), s.id).toBe(true);
      // From the payer's own account too, when the whole chain is three hops or fewer.
      const hops = s.subjects.filter((x) => x.role === 'intermediary').length + 1;
      if (hops <= 3 && subject(s, 'source')) {
        const fromSource = await run('transfer_trace', { account: subject(s, 'source')!.key });
        expect(await reaches(fromSource, recipient), `${s.id} from the source`).toBe(true);
      }
    }
    // The decoys' chains start at a village account: one takes 45 days, one has a hop earlier than the one before.
    const decoy = (note: RegExp) =>
      truth.decoys.find((d) => d.model === 'kickback_chain' && note.test(d.note))!;
    const slow = decoy(/45天/);
    const slowRecipient = subject(slow, 'recipient')!.key;
    const slowRows = await run('transfer_trace', { account: subject(slow, 'source')!.key });
    expect(await reaches(slowRows, slowRecipient)).toBe(false);
    const wider = await run('transfer_trace', { account: subject(slow, 'source')!.key, windowDays: 60 });
    expect(await reaches(wider, slowRecipient)).toBe(true);
    const late = decoy(/早于/);
    const lateRows = await run('transfer_trace', { account: subject(late, 'source')!.key, windowDays: 366 });
    expect(await reaches(lateRows, subject(late, 'recipient')!.key)).toBe(false);
  });

  it('transfer_cycles: every planted cycle of 2–4 accounts, no decoy', async () => {
    const rows = await run('transfer_cycles', {});
    const found = rows.map((r) => [...r.accountNos].sort().join(','));
    const planted = schemes('circular_transfers').filter((s) => s.subjects.length <= 4);
    expect(planted.length).toBeGreaterThanOrEqual(2);
    for (const s of planted)
      expect(found, s.id).toContain(
        s.subjects
          .map((x) => x.key)
          .sort()
          .join(','),
      );
    for (const d of truth.decoys.filter((x) => x.model === 'circular_transfers')) {
      expect(found, d.id).not.toContain(
        d.subjects
          .map((x) => x.key)
          .sort()
          .join(','),
      );
    }
    for (const r of rows) expect(r.days).toBeLessThanOrEqual(30);
  });

  it('shared_contact_groups: each planted company with its cadre-side contact, without a registered tie', async () => {
    const rows = await run('shared_contact_groups', {});
    for (const s of schemes('shared_contact')) {
      const company = subject(s, 'payee')!;
      const group = rows.find((r) =>
        r.holders.some((h: Rows[number]) => h.properties.creditCode === company.key),
      );
      expect(group, s.id).toBeDefined();
      expect(group.registeredTie).toBe(false);
      const person = (subject(s, 'relative') ?? subject(s, 'cadre'))!;
      expect(group.names).toContain(person.name);
      expect([...group.cadres, ...group.cadreRelatives]).toContain(person.name);
    }
    // Households sharing their own address are left out unless asked for.
    const all = await run('shared_contact_groups', { via: 'address', sameHousehold: 'include' });
    expect(all.length).toBeGreaterThan(rows.length + 100);
  });

  it('shareholding_chain: the hidden owner behind each planted company, and the minimum share cuts decoys', async () => {
    for (const s of schemes('hidden_beneficial_owner')) {
      const owner = (subject(s, 'relative') ?? subject(s, 'cadre'))!;
      const rows = await run('shareholding_chain', { company: subject(s, 'payee')!.key, minShare: 0.25 });
      const hit = rows.find((r) => r.ownerKey === owner.key);
      expect(hit, s.id).toBeDefined();
      expect(hit.depth).toBeGreaterThanOrEqual(2);
      expect(hit.topOfChain).toBe(true);
      expect(hit.isCadre || hit.cadreKin.length > 0).toBe(true);
    }
    const decoy = truth.decoys.find((d) => d.model === 'hidden_beneficial_owner' && /24%/.test(d.note))!;
    const relative = subject(decoy, 'relative')!.key;
    const company = subject(decoy, 'payee')!.key;
    const cut = await run('shareholding_chain', { company, minShare: 0.25 });
    expect(cut.map((r) => r.ownerKey)).not.toContain(relative);
    const all = await run('shareholding_chain', { company });
    expect(all.find((r) => r.ownerKey === relative)?.effectiveShare).toBeCloseTo(0.24, 4);
  });

  it('guarantee_chain: down and up the chain, within the date window', async () => {
    const down = await run('guarantee_chain', { party: 'G-P' });
    expect(down.map((r) => [r.partyKey, r.depth])).toEqual([
      ['G-A', 1],
      ['G-B', 2],
      ['G-C', 3],
      ['G-D', 4],
    ]);
    expect(down[2].chainAmount).toBe(600000);
    const windowed = await run('guarantee_chain', { party: 'G-P', from: '2026-01-01' });
    expect(windowed.map((r) => r.partyKey)).toEqual(['G-A', 'G-B', 'G-C']);
    const up = await run('guarantee_chain', { party: 'G-C', direction: 'up', maxDepth: 2 });
    expect(up.map((r) => r.partyKey)).toEqual(['G-B', 'G-A']);
  });

  it('masks ID numbers for an investigator in rows and graph alike', async () => {
    const s = schemes('cadre_related_contractor').find((x) => subject(x, 'relative'))!;
    const cadre = subject(s, 'cadre')!.key;
    const res = await api.call('post', '/templates/cadre_relatives_companies/run', {
      token: 'investigator',
      body: { params: { cadre } },
    });
    expect(res.status).toBe(200);
    expect(res.body.graph.nodes.length).toBeGreaterThanOrEqual(3);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(cadre);
    expect(text).toContain(`${cadre.slice(0, 6)}********${cadre.slice(14)}`);
    expect(text).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
  });
});
