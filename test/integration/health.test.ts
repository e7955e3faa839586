// GET /api/health against the real test server, an unreachable one, and an unknown route.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../engine/localdb/ports.ts';
import { createApp } from '../../engine/server/app.ts';
import { Store } from '../../engine/store/gateway.ts';
import { testConnection, testStore } from '../setup/store.ts';

type Server = ReturnType<ReturnType<typeof createApp>['listen']>;

async function listen(app: ReturnType<typeof createApp>): Promise<{ server: Server; base: string }> {
  return new Promise((resolvePromise) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({ server, base: `http://127.0.0.1:${port}` });
    });
  });
}

let up: { server: Server; base: string };
let down: { server: Server; base: string };
let deadStore: Store;

beforeAll(async () => {
  up = await listen(createApp({ store: testStore }));
  deadStore = new Store({ ...testConnection(), uri: `bolt://127.0.0.1:${await freePort()}` });
  down = await listen(createApp({ store: () => deadStore }));
});

afterAll(async () => {
  up.server.close();
  down.server.close();
  await deadStore.close();
});

describe('/api/health', () => {
  it('reports Neo4j reachable with its version', async () => {
    const res = await fetch(`${up.base}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.neo4j.reachable).toBe(true);
    expect(body.neo4j.version).toMatch(/^5\.\d+\.\d+$/);
  });

  it('answers 503 with a stable id and a bilingual message when Neo4j is unreachable', async () => {
    const res = await fetch(`${down.base}/api/health`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.neo4j.reachable).toBe(false);
    expect(body.error.id).toBe('store.unavailable');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  }, 60_000);

  it('answers 404 with a stable id for an unknown route, without a stack trace', async () => {
    const res = await fetch(`${up.base}/api/nope`);
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.id).toBe('route.notFound');
    expect(JSON.stringify(body)).not.toContain('at ');
  });
});
