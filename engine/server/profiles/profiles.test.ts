// /api/profiles over the real app: a saved correction is listed, names itself on the next plan, and is deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { finishedJob, postFiles } from '../../../test/setup/upload.ts';

let api: TestApi;
const home = mkdtempSync(join(tmpdir(), 'qf-profiles-api-'));

/** The same layout twice (another month's export): headers no built-in layout spells this way. */
const month = (id: string, day: string) =>
  [
    '逝者,证件,殁日',
    `赵甲,${id},2024-03-${day}`,
    `赵乙,${makeIdNumber('330102', '19300101', '015')},2024-03-${day}`,
    '',
  ].join('\n');

beforeAll(async () => {
  await cleanGraph();
  api = await startApi({ settings: { home } });
});

afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('saved profiles', () => {
  let name: string;
  let fingerprint: string;

  it('saves a correction when a plan is started with save: true, and lists it', async () => {
    const plan = await postFiles(api, '/ingest/plan', 'analyst', [
      { name: 'march.csv', content: month(makeIdNumber('330102', '19350505', '023'), '04') },
    ]);
    expect(plan.status).toBe(200);
    fingerprint = plan.body.tables[0].fingerprint;
    const start = await api.call('post', `/ingest/plan/${plan.body.planId}/start`, {
      token: 'analyst',
      body: {
        corrections: [
          {
            file: 'march.csv',
            kind: 'death',
            columns: { 逝者: 'name', 证件: 'idNumber', 殁日: 'deathDate' },
          },
        ],
        save: true,
      },
    });
    expect(start.status).toBe(202);
    const job = await finishedJob(api, start.body.job.jobId);
    expect(job.result.files[0]).toMatchObject({ kind: 'death', loaded: 2 });
    const list = await api.call('get', '/profiles', { token: 'analyst' });
    expect(list.status).toBe(200);
    expect(list.body.profiles).toHaveLength(1);
    expect(list.body.profiles[0]).toMatchObject({ kind: 'death', fingerprint, savedBy: 'analyst' });
    expect(list.body.profiles[0].headers).toEqual(expect.arrayContaining(['逝者', '证件', '殁日']));
    name = list.body.profiles[0].name;
    expect(job.options.savedProfiles).toEqual([name]);
  });

  it('maps the next file with the same headers by the saved profile, without being told', async () => {
    const plan = await postFiles(api, '/ingest/plan', 'analyst', [
      { name: 'april.csv', content: month(makeIdNumber('330102', '19360606', '034'), '09') },
    ]);
    expect(plan.status).toBe(200);
    const [table] = plan.body.tables;
    expect(table.fingerprint).toBe(fingerprint);
    expect(table.profile).toBe(name);
    expect(table.kind).toBe('death');
    expect(table.refused).toBeUndefined();
  });

  it('shows one profile as YAML and spec; 404 for a name it does not hold', async () => {
    const one = await api.call('get', `/profiles/${encodeURIComponent(name)}`, { token: 'analyst' });
    expect(one.status).toBe(200);
    expect(one.body.profile.spec.kind).toBe('death');
    expect(one.body.profile.yaml).toContain('kind: death');
    const missing = await api.call('get', '/profiles/nothing-here', { token: 'analyst' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe('profile.notFound');
  });

  it('is for the roles that run ingest: 403 for a viewer', async () => {
    expect((await api.call('get', '/profiles', { token: 'viewer' })).status).toBe(403);
    const del = await api.call('delete', `/profiles/${encodeURIComponent(name)}`, { token: 'viewer' });
    expect(del.status).toBe(403);
  });

  it('deletes it (audited), after which the same headers are recognised afresh', async () => {
    const del = await api.call('delete', `/profiles/${encodeURIComponent(name)}`, { token: 'analyst' });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: name });
    const again = await api.call('delete', `/profiles/${encodeURIComponent(name)}`, { token: 'analyst' });
    expect(again.status).toBe(404);
    expect(again.body.error.id).toBe('profile.notFound');
    expect((await api.call('get', '/profiles', { token: 'analyst' })).body.profiles).toEqual([]);
    await api.app.services.audit.flush();
    const audit = await api.call('get', '/audit', { token: 'admin', query: { action: 'profiles.delete' } });
    expect(audit.body.entries.map((e: { target: string; outcome: string }) => [e.target, e.outcome])).toEqual(
      expect.arrayContaining([
        [name, 'ok'],
        [name, 'failed'],
      ]),
    );
    const plan = await postFiles(api, '/ingest/plan', 'analyst', [
      { name: 'may.csv', content: month(makeIdNumber('330102', '19370707', '045'), '11') },
    ]);
    expect(plan.body.tables[0].profile).toBeUndefined();
  });
});
