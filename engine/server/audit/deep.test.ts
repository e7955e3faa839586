// A hostile 5,000-deep JSON body: refused with a 4xx, never a 500, and still audited with the nesting cut short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { TRUNCATED } from '../../audit/scrub.ts';
import type { Store } from '../../store/gateway.ts';

let api: TestApi;
let store: Store;

/** The JSON text of `{"a":{"a":…{"leaf":"x"}…}}`, written as text: JSON.stringify itself overflows on it. */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}{"leaf":"x"}${'}'.repeat(depth)}`;
}

async function post(path: string, bodyJson: string): Promise<Response> {
  return fetch(`${api.base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokens.analyst}` },
    body: bodyJson,
  });
}

async function lastEntry(action: string): Promise<{ outcome: string; status: number; params: string }> {
  await api.app.services.audit.flush();
  const [row] = await store.read<{ e: { outcome: string; status: number; params: string } }>(
    `MATCH (a:AuditEntry {action: $action, user: 'analyst'})
     RETURN a { .outcome, .status, .params } AS e ORDER BY a.at DESC LIMIT 1`,
    { action },
  );
  expect(row).toBeDefined();
  return row!.e;
}

beforeAll(async () => {
  store = await cleanGraph();
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

describe('deeply nested parameters', () => {
  it('a template run with a 5,000-deep parameter gets 400 and an audit entry with the nesting truncated', async () => {
    const res = await post(
      '/templates/cadre_relatives_companies/run',
      `{"params":{"cadre":${nestedJson(5000)}}}`,
    );
    expect(res.status).toBe(400);
    const entry = await lastEntry('template.run');
    expect(entry).toMatchObject({ outcome: 'failed', status: 400 });
    expect(entry.params).toContain(TRUNCATED);
    expect(entry.params.length).toBeLessThan(8192);
  });

  it('ad-hoc Cypher with a 5,000-deep parameter gets 400 query.paramsTooDeep and an audit entry', async () => {
    const res = await post('/cypher', `{"cypher":"RETURN $deep AS d","params":{"deep":${nestedJson(5000)}}}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('query.paramsTooDeep');
    const entry = await lastEntry('cypher.run');
    expect(entry).toMatchObject({ outcome: 'failed', status: 400 });
    expect(entry.params).toContain(TRUNCATED);
  });
});
