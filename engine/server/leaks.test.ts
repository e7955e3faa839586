// What a client never sees: the Bolt URI, server paths, Neo4j's own words in a 5xx, an upload's server location.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../test/setup/api.ts';
import { cleanGraph, testConnection } from '../../test/setup/store.ts';
import { freePort } from '../localdb/ports.ts';
import { INTERACTIVE_TIMEOUTS, Store } from '../store/gateway.ts';
import { redactText } from './errors.ts';

const home = mkdtempSync(join(tmpdir(), 'qf-leaks-'));
const INSIDES = /bolt:\/\/|neo4j:\/\/|\/tmp\/|\/work\/|\/home\/|qf-leaks-/;
let api: TestApi;
const others: { api: TestApi; store: Store }[] = [];

/** An app over a store that fails in a given way (a dead port, a database that does not exist). */
async function appOver(connection: Partial<ReturnType<typeof testConnection>>): Promise<TestApi> {
  const store = new Store({ ...testConnection(), ...connection }, INTERACTIVE_TIMEOUTS);
  const other = await startApi({ store: () => store, seed: false });
  others.push({ api: other, store });
  return other;
}

beforeAll(async () => {
  await cleanGraph();
  api = await startApi({ settings: { home } });
});

afterAll(async () => {
  await api?.close();
  for (const o of others) {
    await o.api.close();
    await o.store.close();
  }
  rmSync(home, { recursive: true, force: true });
});

describe('GET /api/health (public)', () => {
  it('says ok and the Neo4j version, without the URI, edition or any path', async () => {
    const res = await api.call('get', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', neo4j: { reachable: true, version: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(INSIDES);
  });

  it('says degraded when Neo4j is unreachable, without the URI it tried', async () => {
    const down = await appOver({ uri: `bolt://127.0.0.1:${await freePort()}` });
    const res = await down.call('get', '/health');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('degraded');
    expect(res.body.error.id).toBe('store.unavailable');
    expect(JSON.stringify(res.body)).not.toMatch(INSIDES);
    expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
  });
});

describe('5xx answers', () => {
  it('a store failure answers 500 store.failed with a generic bilingual message and no Neo4j text', async () => {
    const broken = await appOver({ database: 'nosuchdb' });
    const res = await broken.call('post', '/auth/login', {
      body: { username: 'admin', password: 'x-x-x-x-x' },
    });
    expect(res.status).toBe(500);
    expect(res.body.error.id).toBe('store.failed');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff].*\/ [A-Z]/);
    expect(res.body.error).not.toHaveProperty('details');
    expect(JSON.stringify(res.body)).not.toMatch(/nosuchdb|Neo\.ClientError|database/i);
  });

  it('an outage answers 503 without the URI in message or details', async () => {
    const down = await appOver({ uri: `bolt://127.0.0.1:${await freePort()}` });
    const res = await down.call('post', '/auth/login', {
      body: { username: 'admin', password: 'x-x-x-x-x' },
    });
    expect(res.status).toBe(503);
    expect(res.body.error.id).toBe('store.unavailable');
    expect(JSON.stringify(res.body)).not.toMatch(INSIDES);
  });
});

describe('ingest answers', () => {
  it('name a refused file by its upload name, never by its path on the server', async () => {
    const form = new FormData();
    form.append('files', new Blob(['']), 'empty.csv');
    const upload = await fetch(`${api.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.tokens.analyst}` },
      body: form,
    });
    expect(upload.status).toBe(202);
    const { jobId } = ((await upload.json()) as { job: { jobId: string } }).job;
    let job: { state: string; result: { files: { file: string; refused?: { message: string } }[] } };
    do {
      await new Promise((r) => setTimeout(r, 100));
      job = (await api.call('get', `/ingest/jobs/${jobId}`, { token: 'analyst' })).body.job;
    } while (job.state !== 'done' && job.state !== 'failed');
    const [file] = job.result.files;
    expect(file?.refused?.message).toContain('empty.csv');
    const quarantine = await api.call('get', `/ingest/jobs/${jobId}/quarantine`, { token: 'analyst' });
    expect(quarantine.body.entries[0].reason).toContain('empty.csv');
    expect(JSON.stringify([job, quarantine.body])).not.toMatch(INSIDES);
    expect(JSON.stringify([job, quarantine.body])).not.toContain(home);
  });
});

describe('redactText (the last line of defence in every error answer)', () => {
  it('turns URIs into Neo4j and server paths into their last segment, and leaves routes and Cypher alone', () => {
    expect(redactText('无法连接 bolt://10.1.2.3:7687 / neo4j+s://db.example:7687')).toBe(
      '无法连接 Neo4j / Neo4j',
    );
    expect(redactText('文件 /tmp/qf/uploads/job-1/名单.csv 没有表头')).toBe('文件 名单.csv 没有表头');
    expect(redactText("Couldn't load the external resource at: file:///var/lib/neo4j/import/a.csv")).toBe(
      "Couldn't load the external resource at: a.csv",
    );
    for (const kept of ['No such route: GET /api/foo/bar', "Invalid input '/': expected an expression"])
      expect(redactText(kept)).toBe(kept);
  });
});
