// /api/entities/:id/neighbours over the real app and Neo4j: the cap and `more` on a hub, per-pair totals, audit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../engine/store/gateway.ts';
import { ingestFiles } from '../../../ingest/load/run.ts';
import { ID, writeCadreWorkbook, writeDepartmentalFiles } from '../../../test/fixtures/departmental.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

const HUB = '6217000040004000';
/** Counterparty i (1–120) of the hub; the hub pays 1–100 and is paid by 101–120. */
const party = (i: number) => `62170000500${String(i).padStart(5, '0')}`;
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;

/** One transfer of 1000·i yuan with each of 120 counterparties, and three more of 100 000 to #1. */
function writeHubStatement(dir: string): void {
  const head = [
    '本方账号',
    '本方户名',
    '交易日期',
    '交易时间',
    '交易金额',
    '借贷标志',
    '对方账号',
    '对方户名',
    '摘要',
  ];
  const rows = [head];
  for (let i = 1; i <= 120; i += 1)
    rows.push([
      HUB,
      '周大户',
      '2023-06-01',
      '10:00:00',
      String(1000 * i),
      i <= 100 ? '借' : '贷',
      party(i),
      `对手${i}`,
      '往来',
    ]);
  for (let d = 2; d <= 4; d += 1)
    rows.push([HUB, '周大户', `2023-06-0${d}`, '10:00:00', '100000', '借', party(1), '对手1', '大额']);
  writeFileSync(join(dir, 'bank_hub.csv'), `${rows.map((r) => r.join(',')).join('\n')}\n`);
}

interface Neighbour {
  id: string;
  edges: number;
  amount: number;
  shown: number;
  relations: { type: string; direction: string; edges: number; amount: number }[];
}

let api: TestApi;
let store: Store;
let keyOf: Map<string, string>;

beforeAll(async () => {
  store = await cleanGraph();
  const dir = mkdtempSync(join(tmpdir(), 'qf-neighbours-'));
  await writeDepartmentalFiles(dir);
  await writeCadreWorkbook(dir);
  writeHubStatement(dir);
  await ingestFiles(store, [dir], { outDir: mkdtempSync(join(tmpdir(), 'qf-neighbours-out-')) });
  const rows = await store.read<{ id: string; key: string }>(
    'MATCH (a:Account) RETURN elementId(a) AS id, a.accountNo AS key',
  );
  keyOf = new Map(rows.map((r) => [r.id, r.key]));
  api = await startApi();
}, 300_000);

afterAll(async () => {
  await api?.close();
});

const expand = (id: string, query: Record<string, string | number> = {}, token = 'analyst') =>
  api.call('get', `/entities/${encodeURIComponent(id)}/neighbours`, { token, query });

describe('GET /api/entities/:id/neighbours', () => {
  it('caps a hub of 120 counterparties at 50 neighbours and says 70 more, the largest totals first', async () => {
    const res = await expand(HUB);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 120, offset: 0, returned: 50, more: 70 });
    const neighbours = res.body.neighbours as Neighbour[];
    const keys = neighbours.map((n) => keyOf.get(n.id));
    expect(keys).toEqual([party(1), ...Array.from({ length: 49 }, (_, i) => party(120 - i))]);
    // Four transfers with #1: each its own edge, with the pair's totals beside them.
    expect(neighbours[0]).toMatchObject({ edges: 4, amount: 301_000, shown: 4 });
    expect(neighbours[0]!.relations).toEqual([
      { type: 'TRANSFER', direction: 'out', edges: 4, amount: 301_000 },
    ]);
    expect(neighbours[1]!.relations).toEqual([
      { type: 'TRANSFER', direction: 'in', edges: 1, amount: 120_000 },
    ]);
    expect(res.body.graph.nodes).toHaveLength(51);
    expect(res.body.graph.edges).toHaveLength(53);
    const center = res.body.center as string;
    expect(keyOf.get(center)).toBe(HUB);
    for (const edge of res.body.graph.edges as { source: string; target: string; type: string }[]) {
      expect(edge.type).toBe('TRANSFER');
      expect([edge.source, edge.target]).toContain(center);
    }
  });

  it('pages with offset and limit, and counts what remains', async () => {
    const last = await expand(HUB, { offset: 100, limit: 50 });
    expect(last.body).toMatchObject({ total: 120, offset: 100, returned: 20, more: 0 });
    expect(keyOf.get((last.body.neighbours as Neighbour[]).at(-1)!.id)).toBe(party(2));
    const middle = await expand(HUB, { offset: 50, limit: 10 });
    expect(middle.body).toMatchObject({ returned: 10, more: 60 });
    const all = await expand(HUB, { limit: 500 });
    expect(all.body).toMatchObject({ returned: 120, more: 0 });
    expect(all.body.graph.nodes).toHaveLength(121);
  });

  it('follows one direction, caps the edges per pair, and filters by type', async () => {
    const incoming = await expand(HUB, { direction: 'in' });
    expect(incoming.body).toMatchObject({ total: 20, returned: 20, more: 0 });
    expect((incoming.body.neighbours as Neighbour[]).map((n) => keyOf.get(n.id))).toEqual(
      Array.from({ length: 20 }, (_, i) => party(120 - i)),
    );
    expect((await expand(HUB, { direction: 'out' })).body.total).toBe(100);
    const capped = await expand(HUB, { edgesPerNeighbour: 2, limit: 1 });
    expect(capped.body.neighbours[0]).toMatchObject({ edges: 4, shown: 2, amount: 301_000 });
    const amounts = (capped.body.graph.edges as { props: { amount: number } }[]).map((e) => e.props.amount);
    expect(amounts).toEqual([100_000, 100_000]);
    const none = await expand(HUB, { types: 'HOLDS_POST' });
    expect(none.body).toMatchObject({ total: 0, returned: 0, more: 0, neighbours: [] });
    expect(none.body.graph.nodes).toHaveLength(1);
  });

  it('orders a person’s neighbours by relationship type, posts first', async () => {
    const res = await expand(`Person:${ID.cadre}`);
    const neighbours = res.body.neighbours as Neighbour[];
    expect(neighbours[0]!.relations[0]!.type).toBe('HOLDS_POST');
    const order = ['HOLDS_POST', 'FAMILY', 'MEMBER_OF', 'LOCATED_IN'];
    const firstTypes = neighbours.map((n) => n.relations[0]!.type).filter((t) => order.includes(t));
    expect(firstTypes).toEqual([...firstTypes].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    const family = neighbours.filter((n) => n.relations.some((r) => r.type === 'FAMILY'));
    expect(family).toHaveLength(4);
  });

  it('masks ID numbers in the payload for an investigator, not for an analyst', async () => {
    const hidden = await expand(`Person:${ID.cadre}`, {}, 'investigator');
    const text = JSON.stringify(hidden.body);
    expect(text).not.toContain(ID.wife);
    expect(text).not.toContain(ID.cadre);
    expect(text).toContain(masked(ID.wife));
    const wife = (hidden.body.graph.nodes as { label: string; key: string }[]).find(
      (n) => n.label === '王芳',
    );
    expect(wife?.key).toBe(masked(ID.wife));
    const clear = await expand(`Person:${ID.cadre}`, {}, 'analyst');
    expect(JSON.stringify(clear.body)).toContain(ID.wife);
  });

  it('answers 400 with the field, 401 without a session, 404 for an unknown entity', async () => {
    const tooMany = await expand(HUB, { limit: 501 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ id: 'request.invalid', field: 'query.limit' });
    const badType = await expand(HUB, { types: 'TRANSFER,BRIBE' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.field).toMatch(/^query\.types/);
    expect((await expand(HUB, { direction: 'sideways' })).body.error.field).toBe('query.direction');
    expect((await expand(HUB, { offset: -1 })).body.error.field).toBe('query.offset');
    const unknown = await expand('6200000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ id: 'entity.notFound', field: 'params.id' });
    const anonymous = await api.call('get', `/entities/${HUB}/neighbours`);
    expect(anonymous.status).toBe(401);
  });
});

describe('audit of entity reads', () => {
  it('records search, view and expand with user, target, rows and outcome', async () => {
    const search = await api.call('get', '/entities/search', { token: 'viewer', query: { q: '陈建国' } });
    await api.call('get', `/entities/Person:${ID.cadre}`, { token: 'investigator' });
    await api.call('get', '/entities/Person:nobody', { token: 'investigator' });
    await expand(HUB, { limit: 7 }, 'viewer');
    await api.app.services.audit.flush();
    const rows = await store.read<{
      user: string;
      action: string;
      target: string;
      rows: number | null;
      outcome: string;
      errorId: string | null;
    }>(
      `MATCH (a:AuditEntry) WHERE a.action STARTS WITH 'entity.' AND a.user IN ['viewer', 'investigator']
       RETURN a.user AS user, a.action AS action, a.target AS target, a.rows AS rows, a.outcome AS outcome,
         a.errorId AS errorId ORDER BY a.at`,
    );
    expect(rows).toContainEqual({
      user: 'viewer',
      action: 'entity.search',
      target: '陈建国',
      rows: search.body.items.length,
      outcome: 'ok',
      errorId: null,
    });
    expect(search.body.items.length).toBeGreaterThan(0);
    expect(rows).toContainEqual({
      user: 'investigator',
      action: 'entity.view',
      target: `Person:${ID.cadre}`,
      rows: 1,
      outcome: 'ok',
      errorId: null,
    });
    expect(rows).toContainEqual(
      expect.objectContaining({ action: 'entity.view', outcome: 'failed', errorId: 'entity.notFound' }),
    );
    expect(rows).toContainEqual({
      user: 'viewer',
      action: 'entity.expand',
      target: `Account:${HUB}`,
      rows: 7,
      outcome: 'ok',
      errorId: null,
    });
  });
});
