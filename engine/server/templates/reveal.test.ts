// Without clearance, templates that compute parts of ID numbers or birth dates are refused and birth dates cut.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

const ID = '330881197207134381';
let api: TestApi;

async function saveTemplate(id: string, cypher: string): Promise<void> {
  const saved = await api.call('post', '/templates', {
    token: 'analyst',
    body: { id, title: id, cypher, params: [] },
  });
  expect(saved.status).toBe(201);
}

beforeAll(async () => {
  const store = await cleanGraph();
  await store.write(
    `CREATE (:Person {idNumber: $id, name: '王芳', birthDate: date('1972-07-13')})
       -[:OWNS_ACCOUNT]->(a:Account {accountNo: '6222020000001234'})
     CREATE (a)-[:TRANSFER {txKey: 't1', amount: 500.0, date: date('2025-03-14')}]->(:Account {accountNo: '6222020000005678'})`,
    { id: ID },
  );
  api = await startApi();
  await saveTemplate(
    'born_digits',
    'MATCH (p:Person) RETURN p.name AS name, substring(p.idNumber, 6, 8) AS digits',
  );
  await saveTemplate('born_month', 'MATCH (p:Person) RETURN p.name AS name, p.birthDate.month AS month');
  await saveTemplate(
    'born_and_paid',
    `MATCH (p:Person)-[:OWNS_ACCOUNT]->(:Account)-[t:TRANSFER]->()
     RETURN p.name AS name, toString(p.birthDate) AS born, toString(t.date) AS paid`,
  );
}, 300_000);

afterAll(async () => {
  await api?.close();
});

describe('template runs without clearance', () => {
  it.each(['born_digits', 'born_month'])(
    'refuses %s to an investigator (403 query.revealsId), not to an analyst',
    async (id) => {
      const refused = await api.call('post', `/templates/${id}/run`, {
        token: 'investigator',
        body: { params: {} },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.id).toBe('query.revealsId');
      const cleared = await api.call('post', `/templates/${id}/run`, {
        token: 'analyst',
        body: { params: {} },
      });
      expect(cleared.status).toBe(200);
      expect(JSON.stringify(cleared.body.rows)).toMatch(/19720713|"month":7/);
    },
  );

  it('cuts every date to its year when a birth date is read, for the investigator only', async () => {
    const run = await api.call('post', '/templates/born_and_paid/run', {
      token: 'investigator',
      body: { params: {} },
    });
    expect(run.status).toBe(200);
    expect(run.body.rows).toEqual([{ name: '王芳', born: '1972', paid: '2025' }]);
    const cleared = await api.call('post', '/templates/born_and_paid/run', {
      token: 'analyst',
      body: { params: {} },
    });
    expect(cleared.body.rows).toEqual([{ name: '王芳', born: '1972-07-13', paid: '2025-03-14' }]);
  });
});
