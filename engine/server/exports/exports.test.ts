// POST /api/exports: recorded in the audit log for roles that may export, refused for viewers, validated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

let api: TestApi;

beforeAll(async () => {
  await cleanGraph();
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

describe('/api/exports', () => {
  it('records an investigator’s PNG export with its subject and size', async () => {
    const res = await api.call('post', '/exports', {
      token: 'investigator',
      body: { format: 'png', subject: 'case-2026-001', nodes: 42, edges: 60 },
    });
    expect(res.status).toBe(201);
    const audit = await api.call('get', '/audit', { token: 'admin', query: { action: 'export' } });
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      user: 'investigator',
      action: 'export',
      target: 'case-2026-001',
      rows: 42,
      outcome: 'ok',
    });
    expect(audit.body.entries[0].params).toMatchObject({ format: 'png', edges: 60 });
  });

  it('refuses viewers (403, itself audited as denied) and an unknown format (400 with the field)', async () => {
    expect((await api.call('post', '/exports', { token: 'viewer', body: { format: 'png' } })).status).toBe(
      403,
    );
    const bad = await api.call('post', '/exports', { token: 'analyst', body: { format: 'docx' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body.format');
    const denied = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'export', outcome: 'denied' },
    });
    expect(denied.body.entries.map((e: { user: string }) => e.user)).toEqual(['viewer']);
  });
});
