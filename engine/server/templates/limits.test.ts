// Hostile queries over the real app: refused before Neo4j, stopped by bytes or memory, a flood answered busy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph, testConnection } from '../../../test/setup/store.ts';
import { getStore, type Store } from '../../store/gateway.ts';

let api: TestApi;
let store: Store;

/** Runs until the transaction timeout: Neo4j counts through ten billion numbers looking for none. */
const SLOW = 'UNWIND range(1, 10000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n';

beforeAll(async () => {
  store = await cleanGraph();
  await store.write("UNWIND range(1, 20) AS i CREATE (:Person {idNumber: 'L' + toString(i), name: 'p' + i})");
  api = await startApi({
    settings: { queryTimeoutSeconds: 6, queryPoolSize: 2, queryWaitSeconds: 1, queryAnswerMb: 1 },
  });
});

afterAll(async () => {
  await api?.close();
});

const cypher = (text: string, params: Record<string, unknown> = {}) =>
  api.call('post', '/cypher', { token: 'analyst', body: { cypher: text, params } });

/** Calls `/api/health` every 200 ms until `until` settles; returns the slowest answer time and every status. */
async function watchHealth(until: Promise<unknown>): Promise<{ slowestMs: number; statuses: number[] }> {
  let done = false;
  until.finally(() => {
    done = true;
  });
  let slowestMs = 0;
  const statuses: number[] = [];
  while (!done) {
    const started = performance.now();
    statuses.push((await api.call('get', '/health')).status);
    slowestMs = Math.max(slowestMs, performance.now() - started);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { slowestMs, statuses };
}

describe('limits checked before Neo4j sees the query', () => {
  it('refuses 9,000 nested brackets at once with 400 query.tooDeep (Neo4j would hang in its parser)', async () => {
    const started = performance.now();
    const res = await cypher(`RETURN ${'('.repeat(9000)}1${')'.repeat(9000)} AS x`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'query.tooDeep', field: 'cypher' });
    // Neo4j's parser would not answer for over a minute; this is the app alone (slow only on a loaded machine).
    expect(performance.now() - started).toBeLessThan(3000);
    // Brackets inside a string are data, not nesting.
    const quoted = await cypher(`RETURN '${'('.repeat(500)}' AS x`);
    expect(quoted.status).toBe(200);
  });

  it('refuses parameters nested too deep or too large with the params field', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 30; i += 1) deep = [deep];
    const nested = await cypher('RETURN $deep AS x', { deep });
    expect(nested.status).toBe(400);
    expect(nested.body.error).toMatchObject({ id: 'query.paramsTooDeep', field: 'params' });
    const large = await cypher('RETURN size($big) AS n', { big: 'x'.repeat(1_200_000) });
    expect(large.status).toBe(400);
    expect(large.body.error).toMatchObject({ id: 'query.paramsTooLarge', field: 'params' });
  });
});

// The bomb last: its connection drains the batch in flight for a moment after the answer (pool of 2).
describe('answers and memory', () => {
  it('caps the answer in bytes, not only rows: 2 MB of rows is refused, 200 kB answers', async () => {
    const rows = (n: number) =>
      `UNWIND range(1, ${n}) AS i RETURN i, reduce(s = '', k IN range(1, 1000) | s + 'abcdefghij') AS s`;
    const big = await cypher(rows(200));
    expect(big.status).toBe(422);
    expect(big.body.error.id).toBe('query.tooLarge');
    const small = await cypher(rows(20));
    expect(small.status).toBe(200);
    expect(small.body.rows).toHaveLength(20);
  });

  it('answers a query Neo4j stops for memory with 422 query.tooMuchMemory', async () => {
    const res = await cypher(
      `UNWIND range(1, 100) AS i
       WITH collect(reduce(s = '${'x'.repeat(100)}', k IN range(1, 16) | s + s)) AS c RETURN size(c) AS n`,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.id).toBe('query.tooMuchMemory');
  });

  it('answers shortestPath over a cartesian product with 400 query.failed, not 500', async () => {
    const res = await cypher(
      'MATCH (a:Person), (b:Person) MATCH p = shortestPath((a)-[:FAMILY*]-(b)) RETURN p',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.id).toBe('query.failed');
  });

  it('stops the reduce memory bomb with 422 query.tooLarge while health and clues answer', async () => {
    const bomb = cypher(
      `UNWIND range(1, 5000) AS i RETURN i, reduce(s = '${'x'.repeat(100)}', k IN range(1, 16) | s + s) AS s`,
    );
    const started = performance.now();
    const [res, health, clues] = await Promise.all([
      bomb,
      watchHealth(bomb),
      api.call('get', '/clues', { token: 'investigator' }),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ id: 'query.tooLarge', details: { limitMb: 1 } });
    // Before the transaction timeout (6 s): the first row alone passes the 1 MB cap.
    expect(performance.now() - started).toBeLessThan(6000);
    expect(health.statuses.every((s) => s === 200)).toBe(true);
    expect(health.slowestMs).toBeLessThan(1000);
    expect(clues.status).toBe(200);
  });
});

describe('a flood of queries', () => {
  it('answers queries beyond the pool 429 query.busy within seconds while the rest of the API works', async () => {
    const started = performance.now();
    const flood = Array.from({ length: 6 }, () =>
      cypher(SLOW).then((res) => ({ ...res, ms: performance.now() - started })),
    );
    await new Promise((r) => setTimeout(r, 300));
    const clues = await api.call('get', '/clues', { token: 'investigator' });
    const health = await api.call('get', '/health');
    expect(clues.status).toBe(200);
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
    const answers = await Promise.all(flood);
    const busy = answers.filter((a) => a.status === 429);
    expect(busy.length).toBeGreaterThanOrEqual(3);
    for (const a of busy) {
      expect(a.body.error.id).toBe('query.busy');
      expect(a.headers.get('retry-after')).toBe('5');
      expect(a.ms).toBeLessThan(4000);
    }
    // The two that ran were stopped by the transaction timeout (6 s), not left hanging.
    for (const a of answers.filter((x) => x.status !== 429)) expect(a.body.error.id).toBe('query.timeout');
  });

  it('audits every refusal with its error id', async () => {
    await api.app.services.audit.flush();
    const res = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'cypher.run', outcome: 'failed', limit: 200 },
    });
    const ids = res.body.entries.map((e: { errorId: string }) => e.errorId);
    for (const id of ['query.tooDeep', 'query.paramsTooDeep', 'query.tooLarge', 'query.busy', 'query.failed'])
      expect(ids).toContain(id);
  });
});

describe('the client-side deadline', () => {
  it('gives up on a query Neo4j has not stopped, with store.timeout, near the deadline', async () => {
    const bounded = getStore(testConnection(), { retryMs: 0, connectMs: 3000, deadlineMs: 1000 });
    const started = performance.now();
    // Neo4j's own timeout (4 s) is longer than the deadline: only the client timer can end this at 1 s.
    const error = await bounded.stream(SLOW, {}, () => {}, { timeoutMs: 4000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ id: 'store.timeout', details: { code: 'Qingfeng.ClientTimeout' } });
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
