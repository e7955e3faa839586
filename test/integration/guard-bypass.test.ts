// Guard bypass suite: hostile Cypher that tries to reach application data through the analysts' endpoints, on the
// real Neo4j and the real app; each row must be refused with its id and reason, and the store must not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { investigatedEntityTypes, investigatedRelationTypes } from '../../engine/schema/index.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { HOSTILE, LEGITIMATE, REFUSED } from '../fixtures/guard-probes.ts';
import { startApi, type TestApi } from '../setup/api.ts';
import { cleanGraph, storeSnapshot } from '../setup/store.ts';

let api: TestApi;
let store: Store;
let caseId: string;
/** The element id of a user node, for the seeks by id. */
let userElementId: string;

beforeAll(async () => {
  store = await cleanGraph();
  api = await startApi();
  // The investigated graph; then application data: users, a case with a subject, clue and note, a template and
  // audit entries through the app's own code paths (what the label check below inspects), an ingest run directly.
  await store.write(
    `CREATE (p1:Person {idNumber: 'P1', name: '张三'}), (p2:Person {idNumber: 'P2', name: '李四'}),
            (p1)-[:FAMILY {relation: '配偶'}]->(p2),
            (a1:Account {accountNo: 'A1'})-[:TRANSFER {txKey: 't1', amount: 100.0}]->(:Account {accountNo: 'A2'}),
            (:Clue {clueId: 'CL-1', model: 'm', status: 'new'})-[:CLUE_SUBJECT {role: 'subject'}]->(p1),
            (:IngestRun {runId: 'run-1'})`,
  );
  const opened = await api.call('post', '/cases', {
    token: 'analyst',
    body: { title: '案件', lead: 'analyst', subjects: [{ ref: 'Person:P1', role: '对象' }], clues: ['CL-1'] },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  caseId = opened.body.case.caseId;
  const note = await api.call('post', `/cases/${caseId}/notes`, {
    token: 'analyst',
    body: { text: '机密备注' },
  });
  expect(note.status).toBe(201);
  const template = await api.call('post', '/templates', {
    token: 'analyst',
    body: { id: 'people', title: '人员', cypher: 'MATCH (p:Person) RETURN p.name AS name' },
  });
  expect(template.status).toBe(201);
  // One refusal first, so the audit log already holds an `errorId`: the snapshots compare property keys too.
  await api.call('post', '/cypher', { token: 'analyst', body: { cypher: 'MATCH (u:User) RETURN u' } });
  await api.app.services.audit.flush();
  const [admin] = await store.read<{ id: string }>(
    "MATCH (u:User {username: 'admin'}) RETURN elementId(u) AS id",
  );
  userElementId = admin!.id;
});

afterAll(async () => {
  await api?.close();
});

describe('application data is out of reach of analysts’ Cypher', () => {
  it('application code never puts investigated labels or types on application data', async () => {
    const investigated = investigatedEntityTypes().map((e) => e.label);
    const [mixed] = await store.read<{ n: number }>(
      `MATCH (n) WHERE any(l IN labels(n) WHERE NOT l IN $investigated)
         AND any(l IN labels(n) WHERE l IN $investigated) RETURN count(n) AS n`,
      { investigated },
    );
    expect(mixed!.n).toBe(0);
    const [crossing] = await store.read<{ n: number }>(
      `MATCH (a)-[r]->(b) WHERE type(r) IN $types
         AND any(l IN labels(a) + labels(b) WHERE NOT l IN $investigated) RETURN count(r) AS n`,
      { types: investigatedRelationTypes().map((r) => r.type), investigated },
    );
    expect(crossing!.n).toBe(0);
    // The fixture did write application data, so the checks above had something to find.
    const [internal] = await store.read<{ n: number }>(
      'MATCH (n) WHERE n:User OR n:Case OR n:CaseNote OR n:QueryTemplate OR n:AuditEntry RETURN count(n) AS n',
    );
    expect(internal!.n).toBeGreaterThan(5);
  });

  describe('every hostile probe is refused with its id and reason', () => {
    let before: string;
    beforeAll(async () => {
      expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
      before = await storeSnapshot(store);
    });
    for (const [what, cypher, id, reason] of HOSTILE) {
      it(`${what}: 403 ${id} (${reason})`, async () => {
        const res = await api.call('post', '/cypher', {
          token: 'analyst',
          body: { cypher, params: { userElementId } },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect(res.body.error).toMatchObject({ id, details: { reason } });
        expect(res.body.rows).toBeUndefined();
      });
    }
    it('and the store is unchanged afterwards', async () => {
      await api.app.services.audit.flush();
      expect(await storeSnapshot(store)).toBe(before);
    });
  });

  it('accepts investigative queries and answers them', async () => {
    for (const [what, cypher, rows] of LEGITIMATE) {
      const res = await api.call('post', '/cypher', { token: 'analyst', body: { cypher } });
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.rows.length, what).toBeGreaterThanOrEqual(rows);
    }
  });

  it('refuses full-text look-ups once a full-text index covers application data', async () => {
    const cypher =
      "CALL db.index.fulltext.queryNodes('entity_search', '张三') YIELD node RETURN node.name AS name";
    await store.autoCommit(
      'CREATE FULLTEXT INDEX planted_notes IF NOT EXISTS FOR (n:CaseNote) ON EACH [n.text]',
    );
    try {
      const res = await api.call('post', '/cypher', { token: 'analyst', body: { cypher } });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ id: REFUSED, details: { reason: 'fulltextIndex' } });
    } finally {
      await store.autoCommit('DROP INDEX planted_notes IF EXISTS');
    }
    expect((await api.call('post', '/cypher', { token: 'analyst', body: { cypher } })).status).toBe(200);
  });
});

describe('the same policy on the API: ad-hoc runs, template saves and template runs', () => {
  const HASHES = 'MATCH (u:User) RETURN u.passwordHash';

  it('answers an analyst’s password-hash query 403 and audits it as denied', async () => {
    const res = await api.call('post', '/cypher', { token: 'analyst', body: { cypher: HASHES } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ id: REFUSED, field: 'cypher', details: { reason: 'internal' } });
    expect(JSON.stringify(res.body)).not.toContain('scrypt');
    await api.app.services.audit.flush();
    const audit = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'cypher.run', outcome: 'denied', limit: 500 },
    });
    expect(audit.body.entries.map((e: { errorId: string }) => e.errorId)).toContain(REFUSED);
  });

  it('refuses to save such a template', async () => {
    const res = await api.call('post', '/templates', {
      token: 'analyst',
      body: { id: 'hashes', title: '口令', cypher: HASHES },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.id).toBe(REFUSED);
    expect((await api.call('get', '/templates/hashes', { token: 'analyst' })).status).toBe(404);
  });

  it('refuses a template planted in the store that reaches a case the investigator is not on', async () => {
    await store.write(
      `CREATE (:QueryTemplate {templateId: 'planted_case', title: '案件', version: 1, builtin: false, tags: [],
               history: '[]', params: '[{"name":"id","type":"string","zh":"证件"}]',
               cypher: 'MATCH (:Person {idNumber: $id})<-[:CASE_SUBJECT]-(c) RETURN c.title, c.members'})`,
    );
    try {
      const res = await api.call('post', '/templates/planted_case/run', {
        token: 'investigator',
        body: { params: { id: 'P1' } },
      });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ id: REFUSED, details: { reason: 'internal' } });
      expect(res.body.rows).toBeUndefined();
    } finally {
      await store.write("MATCH (t:QueryTemplate {templateId: 'planted_case'}) DELETE t");
    }
  });
});
