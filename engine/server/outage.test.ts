// Neo4j unreachable: routes answer 503 with a stable id, a Chinese and English message and Retry-After; no crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../test/setup/api.ts';
import { testConnection } from '../../test/setup/store.ts';
import { freePort } from '../localdb/ports.ts';
import { INTERACTIVE_TIMEOUTS, Store } from '../store/gateway.ts';

let api: TestApi;
let dead: Store;
let token: string;

beforeAll(async () => {
  // The timeouts `serve` gives the API's store.
  dead = new Store(
    { ...testConnection(), uri: `bolt://127.0.0.1:${await freePort()}` },
    INTERACTIVE_TIMEOUTS,
  );
  api = await startApi({ store: () => dead, seed: false });
  // A session from before the outage: the session store is in memory, so it survives Neo4j going away.
  token = api.app.services.sessions.create({
    username: 'analyst',
    displayName: '分析员',
    role: 'analyst',
    clearance: true,
  });
});

afterAll(async () => {
  await api?.close();
  await dead?.close();
});

describe('Neo4j outage', () => {
  it('answers a login with 503 store.unavailable, bilingual, with Retry-After', async () => {
    const res = await api.call('post', '/auth/login', {
      body: { username: 'analyst', password: 'whatever-1' },
    });
    expect(res.status).toBe(503);
    expect(res.body.error.id).toBe('store.unavailable');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.error.message).toMatch(/[A-Za-z]{4,}/);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('answers data routes with 503 for a logged-in user, and keeps serving afterwards', async () => {
    const clues = await api.call('get', '/clues', { token });
    expect(clues.status).toBe(503);
    expect(clues.body.error.id).toBe('store.unavailable');
    expect(JSON.stringify(clues.body)).not.toMatch(/at .*\.ts:\d+/);
    const me = await api.call('get', '/auth/me', { token });
    expect(me.status).toBe(200);
  });
});
