// Cookie sessions and other sites: an unsafe request carried by the cookie must come from our own origin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, deceasedFixture } from '../../../test/fixtures/detect/welfare.ts';
import { startApi, TEST_PASSWORD, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph, testStore } from '../../../test/setup/store.ts';
import { runModels } from '../../detect/run.ts';
import { SESSION_COOKIE } from '../session.ts';

let api: TestApi;
let clueId: string;
const EVIL = 'http://evil.example';
// Uploads and job records go here, not into the working tree's own home.
const home = mkdtempSync(join(tmpdir(), 'qf-origin-'));

beforeAll(async () => {
  const store = await cleanGraph();
  const fixture = deceasedFixture();
  await fixture.graph.write(store);
  await runModels(store, { models: ['deceased_receiving'], asOf: AS_OF, user: 'tester' });
  api = await startApi({ settings: { home } });
  const clues = await api.call('get', '/clues', { token: 'analyst' });
  clueId = clues.body.clues[0].clueId;
});

afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
});

const cookie = (role: 'investigator' | 'analyst') => `${SESSION_COOKIE}=${api.tokens[role]}`;

/** A clue status move with the session in the cookie and the given extra headers. */
const moveByCookie = (status: string, headers: Record<string, string>) =>
  api.call('post', `/clues/${encodeURIComponent(clueId)}/status`, {
    body: { status, comment: '核实' },
    headers: { cookie: cookie('investigator'), ...headers },
  });

/** A multipart upload with the session in the cookie. */
async function uploadByCookie(
  headers: Record<string, string>,
): Promise<{ status: number; body: { error: { id: string } } }> {
  const form = new FormData();
  form.append('files', new Blob(['姓名,身份证号\n']), 'people.csv');
  const res = await fetch(`${api.base}/api/ingest`, {
    method: 'POST',
    headers: { cookie: cookie('analyst'), ...headers },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

describe('a cookie-authenticated unsafe request from another origin', () => {
  it('is refused with 403 auth.crossOrigin on a clue status move, which does not happen', async () => {
    const forged: Record<string, string>[] = [
      { origin: EVIL },
      { origin: 'null' },
      {},
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of forged) {
      const res = await moveByCookie('核查中', headers);
      expect(res.status).toBe(403);
      expect(res.body.error.id).toBe('auth.crossOrigin');
    }
    const clue = await api.call('get', `/clues/${encodeURIComponent(clueId)}`, { token: 'analyst' });
    expect(clue.body.clue.status).toBe('new');
  });

  it('is refused on a multipart ingest upload, and no job is queued', async () => {
    const res = await uploadByCookie({ origin: EVIL, 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.body.error.id).toBe('auth.crossOrigin');
    expect((await api.call('get', '/ingest/jobs', { token: 'admin' })).body.total).toBe(0);
  });

  it('is audited as denied with the refusal id, also on a route that is not audited otherwise', async () => {
    const logout = await api.call('post', '/auth/logout', {
      headers: { cookie: cookie('analyst'), origin: EVIL },
    });
    expect(logout.status).toBe(403);
    await api.app.services.audit.flush();
    const rows = await testStore().read<{ action: string; user: string; outcome: string }>(
      `MATCH (a:AuditEntry {errorId: 'auth.crossOrigin'}) RETURN a.action AS action, a.user AS user,
       a.outcome AS outcome`,
    );
    expect(rows.every((r) => r.outcome === 'denied')).toBe(true);
    expect(rows.map((r) => `${r.action}:${r.user}`).sort()).toEqual(
      [
        ...Array(4).fill('clue.status:investigator'),
        'ingest.upload:analyst',
        'auth.crossOrigin:analyst',
      ].sort(),
    );
    // The refused logout did not end the session.
    expect((await api.call('get', '/auth/me', { headers: { cookie: cookie('analyst') } })).status).toBe(200);
  });
});

describe('requests that are not refused', () => {
  it('a cookie request with our own Origin, or with Sec-Fetch-Site: same-origin', async () => {
    const checking = await moveByCookie('核查中', { origin: api.base });
    expect(checking.status).toBe(200);
    expect(checking.body.clue.status).toBe('checking');
    const confirmed = await moveByCookie('属实', { 'sec-fetch-site': 'same-origin' });
    expect(confirmed.status).toBe(200);
    const upload = await uploadByCookie({ origin: api.base });
    expect(upload.status).toBe(202);
  });

  it('a bearer-token request (a script), whatever Origin it sends, and a cookie GET', async () => {
    const res = await api.call('post', `/clues/${encodeURIComponent(clueId)}/status`, {
      token: 'investigator',
      body: { status: '已移交', comment: '移交纪检' },
      headers: { origin: EVIL, cookie: cookie('investigator') },
    });
    expect(res.status).toBe(200);
    const read = await api.call('get', '/clues', { headers: { cookie: cookie('analyst'), origin: EVIL } });
    expect(read.status).toBe(200);
  });

  it('the configured public origin, when a proxy rewrites the Host', async () => {
    const behind = await startApi({
      seed: false,
      settings: { home, publicOrigin: 'https://qingfeng.example' },
    });
    try {
      const login = await behind.call('post', '/auth/login', {
        body: { username: 'viewer', password: TEST_PASSWORD },
      });
      const headers = { cookie: `${SESSION_COOKIE}=${login.body.token}` };
      const other = await behind.call('post', '/auth/logout', {
        headers: { ...headers, origin: 'https://elsewhere.example' },
      });
      expect(other.status).toBe(403);
      const own = await behind.call('post', '/auth/logout', {
        headers: { ...headers, origin: 'https://qingfeng.example' },
      });
      expect(own.status).toBe(200);
    } finally {
      await behind.close();
    }
  });
});
