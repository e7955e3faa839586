// The read-only guard over the real app: writes, admin and LOAD CSV refused before running; injection is data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph, storeSnapshot } from '../../../test/setup/store.ts';
import type { Store } from '../../store/gateway.ts';

let api: TestApi;
let store: Store;

const snapshot = () => storeSnapshot(store);

beforeAll(async () => {
  store = await cleanGraph();
  api = await startApi({ settings: { queryTimeoutSeconds: 2, queryRowLimit: 50 } });
  await store.write(
    `UNWIND range(1, 120) AS i
     CREATE (:Person {idNumber: 'P' + toString(i), name: 'person ' + toString(i)})`,
  );
  await store.write(
    `MATCH (a:Person {idNumber: 'P1'}), (b:Person {idNumber: 'P2'}) CREATE (a)-[:FAMILY {relation: '配偶'}]->(b)`,
  );
  const saved = await api.call('post', '/templates', {
    token: 'analyst',
    body: {
      id: 'by_name',
      title: '按姓名',
      cypher: 'MATCH (p:Person) WHERE p.name = $name OR p.idNumber = $key RETURN p',
      params: [
        { name: 'name', type: 'string', zh: '姓名' },
        { name: 'key', type: 'entityKey', zh: '证件', labels: ['Person'] },
      ],
    },
  });
  expect(saved.status).toBe(201);
});

afterAll(async () => {
  await api?.close();
});

const WRITES: [string, string][] = [
  ['CREATE', "CREATE (n:Person {idNumber: 'X', name: 'x'}) RETURN n"],
  ['MERGE', "MERGE (n:Person {idNumber: 'P1'}) ON MATCH SET n.name = 'x' RETURN n"],
  ['SET', "MATCH (n:Person) SET n.name = 'x' RETURN n"],
  ['DELETE', 'MATCH ()-[r]->() DELETE r'],
  ['REMOVE', 'MATCH (n:Person) REMOVE n.name RETURN n'],
  ['DETACH DELETE', 'MATCH (n) DETACH DELETE n'],
  ['FOREACH with CREATE', 'MATCH (n:Person) FOREACH (i IN [1] | CREATE (:Planted))'],
  ['CALL { CREATE }', 'CALL { CREATE (:Planted) } RETURN 1 AS x'],
  ['CALL (n) { SET } after a read', "MATCH (n:Person) WITH n LIMIT 1 CALL (n) { SET n.name = 'x' } RETURN n"],
  ['a write after UNION', 'MATCH (n:Person) RETURN n.name AS x UNION CREATE (m:Planted) RETURN 1 AS x'],
  ['LOAD CSV', "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"],
  ['LOAD CSV with the URL as a parameter', 'LOAD CSV FROM $url AS line RETURN line'],
  ['db.createLabel', "CALL db.createLabel('Planted')"],
  ['a procedure outside the allow-list', 'CALL db.clearQueryCaches()'],
  ['CREATE INDEX', 'CREATE INDEX planted FOR (n:Person) ON (n.sex)'],
  ['CREATE CONSTRAINT', 'CREATE CONSTRAINT planted FOR (n:Planted) REQUIRE n.k IS UNIQUE'],
  ['DROP INDEX', 'DROP INDEX person_birth_date IF EXISTS'],
  ['CALL dbms.*', 'CALL dbms.components()'],
  ['SHOW USERS', 'SHOW USERS'],
  ['ALTER USER', "ALTER USER neo4j SET PASSWORD 'planted-password'"],
  ['CREATE DATABASE', 'CREATE DATABASE planted'],
  ['TERMINATE TRANSACTIONS (Neo4j calls it read)', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"],
  ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS'],
  ['CALL { } IN TRANSACTIONS', 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS'],
  ['a read CALL { } IN TRANSACTIONS', 'MATCH (n) CALL (n) { RETURN n.name AS x } IN TRANSACTIONS RETURN x'],
  ['USE of the system database', 'USE system SHOW DATABASES'],
  ['USE even of this database', 'USE neo4j MATCH (n) RETURN n'],
  ['two statements, the second a write', 'MATCH (n) RETURN n; MATCH (n) DETACH DELETE n'],
  [
    'a write behind a comment and a string',
    "MATCH (n) // RETURN n\nWHERE n.name <> 'RETURN n' DETACH DELETE n",
  ],
];

describe('text that writes or administers is refused before it runs, and the store is unchanged', () => {
  for (const [what, cypher] of WRITES) {
    it(`${what}: POST /cypher and saving it as a template answer 403 query.writeRefused`, async () => {
      const before = await snapshot();
      const run = await api.call('post', '/cypher', {
        token: 'analyst',
        body: { cypher, params: { url: 'file:///etc/passwd' } },
      });
      expect(run.status, JSON.stringify(run.body)).toBe(403);
      expect(run.body.error.id).toBe('query.writeRefused');
      expect(run.body.error.field).toBe('cypher');
      const save = await api.call('post', '/templates', {
        token: 'analyst',
        body: {
          id: 'planted',
          title: '写入',
          cypher,
          params: cypher.includes('$url') ? [{ name: 'url', type: 'string', zh: 'u' }] : [],
        },
      });
      expect(save.status, JSON.stringify(save.body)).toBe(403);
      expect(save.body.error.id).toBe('query.writeRefused');
      expect(await snapshot()).toBe(before);
    });
  }

  it('refuses a write planted in the store behind the API when the template is run', async () => {
    await store.write(
      `CREATE (:QueryTemplate {templateId: 'tampered', title: '篡改', cypher: 'MATCH (n:Person) DETACH DELETE n',
               params: '[]', tags: [], version: 1, builtin: false, history: '[]'})`,
    );
    const before = await snapshot();
    const res = await api.call('post', '/templates/tampered/run', { token: 'investigator', body: {} });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ id: 'query.writeRefused' });
    expect(res.body.error.details.reason).toBe('write');
    expect(await snapshot()).toBe(before);
    await store.write("MATCH (t:QueryTemplate {templateId: 'tampered'}) DELETE t");
  });

  it('lets read-only procedures from the allow-list run', async () => {
    const res = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'CALL db.labels() YIELD label RETURN label ORDER BY label' },
    });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { label: string }) => r.label)).toContain('Person');
  });
});

describe('values are data, never text', () => {
  const INJECTIONS = [
    "x'}) DETACH DELETE n //",
    "' OR 1=1 WITH p MATCH (q) DETACH DELETE q //",
    '"}) MATCH (n) DETACH DELETE n RETURN n //',
    'person 1` DETACH DELETE p //',
  ];

  it('passes injection attempts through template parameters as plain values: nothing matched, nothing deleted', async () => {
    const before = await snapshot();
    for (const value of INJECTIONS) {
      for (const params of [{ name: value }, { key: value }]) {
        const res = await api.call('post', '/templates/by_name/run', {
          token: 'investigator',
          body: { params },
        });
        expect(res.status, value).toBe(200);
        expect(res.body.rows).toEqual([]);
      }
    }
    const exact = await api.call('post', '/templates/by_name/run', {
      token: 'investigator',
      body: { params: { name: 'person 7' } },
    });
    expect(exact.body.rows).toHaveLength(1);
    expect(await snapshot()).toBe(before);
    const [count] = await store.read<{ n: number }>('MATCH (p:Person) RETURN count(p) AS n');
    expect(count?.n).toBe(120);
  });

  it('passes injection attempts through ad-hoc parameters as plain values too', async () => {
    const before = await snapshot();
    for (const value of INJECTIONS) {
      const res = await api.call('post', '/cypher', {
        token: 'analyst',
        body: { cypher: 'MATCH (p:Person {name: $name}) RETURN p', params: { name: value } },
      });
      expect(res.status).toBe(200);
      expect(res.body.rows).toEqual([]);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('errors, timeout and row limit', () => {
  it('answers a syntax error with 400 query.syntax and Neo4j’s own message', async () => {
    const res = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'MATCH (n RETURN n' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.id).toBe('query.syntax');
    expect(res.body.error.details.code).toBe('Neo.ClientError.Statement.SyntaxError');
    expect(res.body.error.details.neo4j).toMatch(/Invalid input 'RETURN'/);
  });

  it('answers a failure while running with 400 query.failed', async () => {
    const res = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'MATCH (p:Person) RETURN date(p.name) AS day' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.id).toBe('query.failed');
  });

  it('stops a query that runs past the timeout with 504 query.timeout', async () => {
    const started = Date.now();
    const res = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'UNWIND range(1, 5000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n' },
    });
    expect(res.status).toBe(504);
    expect(res.body.error.id).toBe('query.timeout');
    expect(res.body.error.details.timeoutSeconds).toBe(2);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('returns at most the row limit and says truncated, reading no further than needed', async () => {
    // Ten billion rows: fetching them all before slicing would run into the 2 s timeout.
    const huge = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'UNWIND range(1, 10000000000) AS x RETURN x' },
    });
    expect(huge.status).toBe(200);
    expect(huge.body).toMatchObject({ truncated: true, limit: 50 });
    expect(huge.body.rows).toHaveLength(50);
    expect(huge.body.rows[49]).toEqual({ x: 50 });
    const lower = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'MATCH (p:Person) RETURN p', limit: 5 },
    });
    expect(lower.body).toMatchObject({ truncated: true, limit: 5 });
    expect(lower.body.rows).toHaveLength(5);
    expect(lower.body.graph.nodes).toHaveLength(5);
    const higher = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'MATCH (p:Person) RETURN p.name AS name', limit: 100_000 },
    });
    expect(higher.body).toMatchObject({ truncated: true, limit: 50 });
    const exact = await api.call('post', '/cypher', {
      token: 'analyst',
      body: { cypher: 'UNWIND range(1, 50) AS x RETURN x' },
    });
    expect(exact.body).toMatchObject({ truncated: false });
    expect(exact.body.rows).toHaveLength(50);
  });

  it('records refusals in the audit log as denied, with the error id', async () => {
    await api.app.services.audit.flush();
    const res = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'cypher.run', outcome: 'denied', limit: 200 },
    });
    expect(res.body.total).toBeGreaterThanOrEqual(WRITES.length);
    expect(res.body.entries.every((e: { errorId: string }) => e.errorId === 'query.writeRefused')).toBe(true);
    const timeout = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'cypher.run', outcome: 'failed' },
    });
    expect(timeout.body.entries.map((e: { errorId: string }) => e.errorId)).toContain('query.timeout');
  });
});
