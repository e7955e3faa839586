// /api/entities over the real app and Neo4j: search, detail with provenance and clues, capped expansion, masking, audit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../engine/store/gateway.ts';
import { ingestFiles } from '../../../ingest/load/run.ts';
import {
  ACCOUNTS,
  ID,
  UCC,
  writeCadreWorkbook,
  writeDepartmentalFiles,
} from '../../../test/fixtures/departmental.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;

let api: TestApi;
let store: Store;
let runId: string;

beforeAll(async () => {
  store = await cleanGraph();
  const dir = mkdtempSync(join(tmpdir(), 'qf-entities-'));
  await writeDepartmentalFiles(dir);
  await writeCadreWorkbook(dir);
  const result = await ingestFiles(store, [dir], { outDir: mkdtempSync(join(tmpdir(), 'qf-entities-out-')) });
  runId = result.runId;
  await store.write(
    `MATCH (p:Person {idNumber: $elder})
     CREATE (:Clue {clueId: 'CL-T-1', model: 'deceased_receiving', status: 'new', score: 0.9, amount: 200.0,
       summary: '已死亡人员仍领取补贴', summaryEn: 'Deceased still paid', active: true})
       -[:CLUE_SUBJECT {role: 'subject'}]->(p)`,
    { elder: ID.elder },
  );
  // A household number equal to an account number: a bare key naming two entities.
  await store.write('CREATE (:Household {householdNo: $no})', { no: ACCOUNTS.wife });
  api = await startApi();
}, 300_000);

afterAll(async () => {
  await api?.close();
});

async function elementIdOf(label: string, prop: string, value: string): Promise<string> {
  const [row] = await store.read<{ id: string }>(
    `MATCH (n:${label}) WHERE n[$prop] = $value RETURN elementId(n) AS id`,
    { prop, value },
  );
  return row!.id;
}

describe('GET /api/entities/search', () => {
  it('finds a name by one Chinese character and by a fragment, ranking exact matches first', async () => {
    const one = await api.call('get', '/entities/search', { token: 'analyst', query: { q: '张' } });
    expect(one.status).toBe(200);
    const labels = one.body.items.map((i: { type: string; label: string }) => `${i.type}:${i.label}`);
    expect(labels).toContain('PersonMention:张木匠');
    // An account's caption is its number; it matched on the holder's name.
    expect(one.body.items).toContainEqual(
      expect.objectContaining({
        type: 'Account',
        key: '6217000066660000',
        match: { kind: 'name', field: 'holderName', how: 'prefix' },
      }),
    );
    const part = await api.call('get', '/entities/search', { token: 'analyst', query: { q: '通达' } });
    expect(part.body.items[0]).toMatchObject({
      type: 'Company',
      key: UCC.roads,
      label: '杭州通达路桥有限公司',
      match: { kind: 'name', field: 'name', how: 'contains' },
    });
    const exact = await api.call('get', '/entities/search', { token: 'analyst', query: { q: '陈建国' } });
    expect(exact.body.items[0]).toMatchObject({ type: 'Person', key: ID.cadre, match: { how: 'exact' } });
    expect(exact.body.items[0].id).toBe(await elementIdOf('Person', 'idNumber', ID.cadre));
  });

  it('finds by ID number, account number, credit code and phone, the exact key first', async () => {
    const byId = await api.call('get', '/entities/search', { token: 'analyst', query: { q: ID.wife } });
    expect(byId.body.items[0]).toMatchObject({ type: 'Person', key: ID.wife, label: '王芳' });
    expect(byId.body.items[0].match).toEqual({ kind: 'key', field: 'idNumber', how: 'exact' });
    const byAccount = await api.call('get', '/entities/search', {
      token: 'analyst',
      query: { q: ACCOUNTS.company, types: 'Account' },
    });
    expect(byAccount.body.items.map((i: { key: string }) => i.key)).toEqual([ACCOUNTS.company]);
    const byCode = await api.call('get', '/entities/search', {
      token: 'analyst',
      query: { q: UCC.holding.toLowerCase() },
    });
    expect(byCode.body.items[0]).toMatchObject({ type: 'Company', key: UCC.holding, match: { kind: 'key' } });
    const byPhone = await api.call('get', '/entities/search', {
      token: 'analyst',
      query: { q: '138 0000 1111' },
    });
    expect(byPhone.body.items.slice(0, 2).map((i: { type: string; key: string }) => [i.type, i.key])).toEqual(
      [
        ['Phone', '13800001111'],
        ['Person', ID.cadre],
      ],
    );
    expect(byPhone.body.items[1].match).toEqual({ kind: 'phone', field: 'phone', how: 'exact' });
  });

  it('keeps to the asked types and the limit, and never returns clues or users', async () => {
    const res = await api.call('get', '/entities/search', {
      token: 'viewer',
      query: { q: '石桥', types: 'Village,Organisation', limit: 1 },
    });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ type: 'Village', label: '石桥村' });
    const clue = await api.call('get', '/entities/search', { token: 'analyst', query: { q: '已死亡' } });
    expect(clue.body.items).toEqual([]);
    const user = await api.call('get', '/entities/search', { token: 'analyst', query: { q: 'viewer' } });
    expect(user.body.items).toEqual([]);
  });

  it('masks ID numbers for viewers and investigators, not for analysts', async () => {
    for (const role of ['viewer', 'investigator'] as const) {
      const res = await api.call('get', '/entities/search', {
        token: role,
        query: { q: '王芳', types: 'Person' },
      });
      expect(res.body.items[0].key).toBe(masked(ID.wife));
      expect(res.body.items[0].props.idNumber).toBe(masked(ID.wife));
      expect(JSON.stringify(res.body)).not.toContain(ID.wife);
    }
    const clear = await api.call('get', '/entities/search', {
      token: 'analyst',
      query: { q: '王芳', types: 'Person' },
    });
    expect(clear.body.items[0].key).toBe(ID.wife);
  });

  it('answers 400 with the field for bad arguments and 401 without a session', async () => {
    const none = await api.call('get', '/entities/search', { token: 'viewer' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ id: 'request.invalid', field: 'query.q' });
    const badType = await api.call('get', '/entities/search', {
      token: 'viewer',
      query: { q: '王', types: 'User' },
    });
    expect(badType.status).toBe(400);
    expect(badType.body.error.field).toMatch(/^query\.types/);
    const badLimit = await api.call('get', '/entities/search', {
      token: 'viewer',
      query: { q: '王', limit: 0 },
    });
    expect(badLimit.body.error.field).toBe('query.limit');
    const anonymous = await api.call('get', '/entities/search', { query: { q: '王' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.id).toBe('auth.required');
    const forged = await api.call('get', '/entities/search', { token: 'not-a-session', query: { q: '王' } });
    expect(forged.status).toBe(401);
  });

  it('survives text the full-text parser would choke on', async () => {
    const res = await api.call('get', '/entities/search', { token: 'analyst', query: { q: '王" OR (*:*' } });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});

describe('GET /api/entities/:id', () => {
  it('gives the same entity for its element id, Label:key and bare key', async () => {
    const elementId = await elementIdOf('Person', 'idNumber', ID.cadre);
    for (const ref of [elementId, `Person:${ID.cadre}`, ID.cadre]) {
      const res = await api.call('get', `/entities/${encodeURIComponent(ref)}`, { token: 'analyst' });
      expect(res.status).toBe(200);
      expect(res.body.node).toMatchObject({ id: elementId, type: 'Person', key: ID.cadre, label: '陈建国' });
    }
  });

  it('takes keys with slashes and colons when they are URL-encoded', async () => {
    const village = await api.call('get', `/entities/${encodeURIComponent('Village:青山镇/石桥村')}`, {
      token: 'viewer',
    });
    expect(village.body.node).toMatchObject({ type: 'Village', key: '青山镇/石桥村', label: '石桥村' });
    const odd = await api.call('get', `/entities/${encodeURIComponent(`UNKNOWN:${ACCOUNTS.village}:?`)}`, {
      token: 'viewer',
    });
    expect(odd.body.node).toMatchObject({ type: 'Account', key: `UNKNOWN:${ACCOUNTS.village}:?` });
  });

  it('shows every property, provenance by file and row, degrees per type, and the clues', async () => {
    const res = await api.call('get', `/entities/Person:${ID.elder}`, { token: 'analyst' });
    expect(res.body.node.props).toMatchObject({
      name: '李老汉',
      deathDate: '2022-12-05',
      idNumber: ID.elder,
    });
    expect(res.body.provenance.firstRun).toBe(runId);
    expect(res.body.provenance.run.runId).toBe(runId);
    expect(res.body.provenance.run.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(res.body.provenance.capped).toBe(false);
    expect(res.body.provenance.sources).toEqual([
      { source: 'death.csv#2', file: 'death.csv', sheet: null, row: 2 },
      { source: 'household.csv#6', file: 'household.csv', sheet: null, row: 6 },
      { source: 'subsidy.csv#2', file: 'subsidy.csv', sheet: null, row: 2 },
    ]);
    const expected = await store.read<{ type: string; direction: string; count: number }>(
      `MATCH (p:Person {idNumber: $id})-[r]-() WHERE NOT type(r) = 'CLUE_SUBJECT'
       RETURN type(r) AS type, CASE WHEN startNode(r) = p THEN 'out' ELSE 'in' END AS direction, count(*) AS count`,
      { id: ID.elder },
    );
    const got = res.body.degree.byType.filter((d: { type: string }) => d.type !== 'CLUE_SUBJECT');
    const sortKey = (d: { type: string; direction: string }) => `${d.type}/${d.direction}`;
    expect([...got].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      [...expected].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    expect(res.body.degree.byType).toContainEqual({ type: 'CLUE_SUBJECT', direction: 'in', count: 1 });
    expect(res.body.clues).toEqual({
      total: 1,
      items: [
        {
          id: 'CL-T-1',
          model: 'deceased_receiving',
          status: 'new',
          score: 0.9,
          amount: 200,
          summary: '已死亡人员仍领取补贴',
          summaryEn: 'Deceased still paid',
          active: true,
          role: 'subject',
        },
      ],
    });
  });

  it('names the sheet of a workbook source', async () => {
    const res = await api.call('get', `/entities/Person:${ID.cadre}`, { token: 'analyst' });
    expect(res.body.provenance.sources).toContainEqual({
      source: 'cadres.xlsx:干部名册#2',
      file: 'cadres.xlsx',
      sheet: '干部名册',
      row: 2,
    });
    expect(res.body.clues).toEqual({ total: 0, items: [] });
  });

  it('masks the ID number in the node, key and props for a viewer', async () => {
    const res = await api.call('get', `/entities/Person:${ID.cadre}`, { token: 'viewer' });
    expect(res.body.node.key).toBe(masked(ID.cadre));
    expect(res.body.node.props.idNumber).toBe(masked(ID.cadre));
    expect(JSON.stringify(res.body)).not.toContain(ID.cadre);
  });

  it('answers 404 for unknown entities, 400 for ambiguous keys, and refuses clues', async () => {
    const unknown = [
      '000000000000000000',
      'Person:nobody',
      '4:00000000-0000-0000-0000-000000000000:999999',
      'User:admin',
      'Clue:CL-T-1',
    ];
    for (const ref of unknown) {
      const res = await api.call('get', `/entities/${encodeURIComponent(ref)}`, { token: 'viewer' });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ id: 'entity.notFound', field: 'params.id' });
    }
    const clueId = await elementIdOf('Clue', 'clueId', 'CL-T-1');
    const clue = await api.call('get', `/entities/${encodeURIComponent(clueId)}`, { token: 'analyst' });
    expect(clue.status).toBe(404);
    const ambiguous = await api.call('get', `/entities/${ACCOUNTS.wife}`, { token: 'analyst' });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error).toMatchObject({ id: 'entity.ambiguous', field: 'params.id' });
    expect(ambiguous.body.error.details.candidates.sort()).toEqual(
      [`Account:${ACCOUNTS.wife}`, `Household:${ACCOUNTS.wife}`].sort(),
    );
    const qualified = await api.call('get', `/entities/Account:${ACCOUNTS.wife}`, { token: 'analyst' });
    expect(qualified.body.node.type).toBe('Account');
    expect((await api.call('get', `/entities/Person:${ID.cadre}`)).status).toBe(401);
  });
});
