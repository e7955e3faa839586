// The store gateway against a real Neo4j: rows come back plain, batches commit, failures map to typed errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../engine/errors.ts';
import { freePort } from '../../engine/localdb/ports.ts';
import { graphStats } from '../../engine/store/admin.ts';
import { Store } from '../../engine/store/gateway.ts';
import { cleanGraph, testConnection } from '../setup/store.ts';

let store: Store;

beforeAll(async () => {
  store = await cleanGraph();
});

describe('store gateway', () => {
  it('returns safe integers as numbers and unsafe ones as exact strings', async () => {
    const [row] = await store.read<{ small: unknown; big: unknown; float: unknown }>(
      'RETURN 42 AS small, 1152921504606846977 AS big, 1.5 AS float',
    );
    expect(row).toEqual({ small: 42, big: '1152921504606846977', float: 1.5 });
  });

  it('returns temporal values as ISO text and graph values as plain objects', async () => {
    const rows = await store.write<{
      d: string;
      t: string;
      p: { nodes: unknown[]; relationships: unknown[] };
    }>(
      `CREATE p = (:Probe {name: 'a'})-[:PROBE_LINK {w: 2}]->(:Probe {name: 'b'})
       RETURN date('2024-02-29') AS d, localdatetime('2024-02-29T13:05:01') AS t, p`,
    );
    const row = rows[0]!;
    expect(row.d).toBe('2024-02-29');
    expect(row.t).toBe('2024-02-29T13:05:01');
    expect(row.p.nodes).toHaveLength(2);
    expect(row.p.nodes[0]).toMatchObject({ labels: ['Probe'], properties: { name: 'a' } });
    expect(row.p.relationships[0]).toMatchObject({ type: 'PROBE_LINK', properties: { w: 2 } });
  });

  it('writes rows in batches with summed counters and reports progress', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ i }));
    const progress: number[] = [];
    const summary = await store.writeBatches('UNWIND $rows AS row CREATE (:BatchProbe {i: row.i})', rows, {
      batchSize: 1000,
      onBatch: (n) => progress.push(n),
    });
    expect(summary.nodesCreated).toBe(2500);
    expect(progress).toEqual([1000, 2000, 2500]);
    const stats = await graphStats(store);
    expect(stats.nodes.BatchProbe).toBe(2500);
    expect(stats.relationships.PROBE_LINK).toBe(1);
  });

  it('commits all statements of a transaction together, or none of them', async () => {
    for (const quickRetries of [0, 2]) {
      const tag = `tx-${quickRetries}`;
      const ok = await store.transaction(
        async (run) => {
          await run('CREATE (:Organisation {orgKey: $k})', { k: `${tag}-a` });
          const rows = await run<{ n: number }>(
            'MATCH (o:Organisation) WHERE o.orgKey STARTS WITH $t RETURN count(o) AS n',
            { t: tag },
          );
          return rows[0]!.n;
        },
        { quickRetries },
      );
      expect(ok).toBe(1);
      await expect(
        store.transaction(
          async (run) => {
            await run('CREATE (:Organisation {orgKey: $k})', { k: `${tag}-b` });
            await run('CREATE (:Organisation {orgKey: $k})', { k: `${tag}-a` }); // violates the key constraint
          },
          { quickRetries },
        ),
      ).rejects.toMatchObject({ id: 'store.constraint' });
      const [left] = await store.read<{ n: number }>(
        'MATCH (o:Organisation) WHERE o.orgKey STARTS WITH $t RETURN count(o) AS n',
        { t: tag },
      );
      expect(left!.n).toBe(1);
    }
  });

  it('maps a syntax error to a non-retriable StoreError', async () => {
    const error = await store.read('RETURN RETURN').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).id).toBe('store.failed');
    expect((error as StoreError).retriable).toBe(false);
  });

  it('maps an unreachable server to a retriable store.unavailable', async () => {
    const port = await freePort();
    const dead = new Store({ ...testConnection(), uri: `bolt://127.0.0.1:${port}` });
    try {
      const error = await dead.verify().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).id).toBe('store.unavailable');
      expect((error as StoreError).retriable).toBe(true);
      expect((error as StoreError).status).toBe(503);
    } finally {
      await dead.close();
    }
  }, 60_000);

  it('maps a wrong password to store.auth', async () => {
    const wrong = new Store({ ...testConnection(), password: 'not-the-password' });
    try {
      const error = await wrong.verify().catch((e: unknown) => e);
      expect((error as StoreError).id).toBe('store.auth');
    } finally {
      await wrong.close();
    }
  });
});

afterAll(async () => {
  await cleanGraph();
});
