// Background jobs: who sees which, one at a time in order, 404s, audit of uploads; the queue's failures and restarts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDepartmentalFiles } from '../../../test/fixtures/departmental.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { InvalidInputError } from '../../errors.ts';
import { JobQueue, jobQueue } from './jobs.ts';
import { safeFileName } from './upload.ts';

let api: TestApi;
let otherAnalyst: string;
const home = mkdtempSync(join(tmpdir(), 'qf-jobs-api-'));
const data = mkdtempSync(join(tmpdir(), 'qf-jobs-files-'));
const file = (name: string) => readFileSync(join(data, name));

beforeAll(async () => {
  await cleanGraph();
  await writeDepartmentalFiles(data);
  api = await startApi({ settings: { home } });
  await api.call('post', '/users', {
    token: 'admin',
    body: { username: 'analyst2', password: 'analyst2-password', role: 'analyst' },
  });
  const login = await api.call('post', '/auth/login', {
    body: { username: 'analyst2', password: 'analyst2-password' },
  });
  otherAnalyst = login.body.token;
});

afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

async function upload(token: string, names: string[]) {
  const form = new FormData();
  for (const name of names) form.append('files', new Blob([file(name)]), name);
  const res = await fetch(`${api.base}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

describe('/api/ingest/jobs', () => {
  const ids: string[] = [];

  it('runs one job at a time, in the order received', async () => {
    for (const names of [['household.csv', 'death.csv'], ['company.json'], ['shareholders.jsonl']]) {
      const res = await upload(api.tokens.analyst, names);
      expect(res.status).toBe(202);
      ids.push(res.body.job.jobId);
    }
    await jobQueue(api.app.services).idle();
    const jobs = await Promise.all(
      ids.map(async (id) => (await api.call('get', `/ingest/jobs/${id}`, { token: 'analyst' })).body.job),
    );
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done', 'done']);
    for (let i = 1; i < jobs.length; i += 1)
      expect(Date.parse(jobs[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(jobs[i - 1].finishedAt));
  });

  it('lists the jobs of their owner newest first; an admin sees all; others see none of them', async () => {
    const mine = await api.call('get', '/ingest/jobs', { token: 'analyst' });
    expect(mine.status).toBe(200);
    expect(mine.body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([...ids].reverse());
    const paged = await api.call('get', '/ingest/jobs', { token: 'analyst', query: { limit: 1, offset: 1 } });
    expect(paged.body.total).toBe(3);
    expect(paged.body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([ids[1]]);
    const admin = await api.call('get', '/ingest/jobs', { token: 'admin', query: { kind: 'ingest' } });
    expect(admin.body.total).toBe(3);
    const other = await api.call('get', '/ingest/jobs', { token: otherAnalyst });
    expect(other.body.total).toBe(0);
    const peek = await api.call('get', `/ingest/jobs/${ids[0]}`, { token: otherAnalyst });
    expect(peek.status).toBe(404);
    expect(peek.body.error.id).toBe('ingest.jobNotFound');
    expect((await api.call('get', `/ingest/jobs/${ids[0]}/quarantine`, { token: otherAnalyst })).status).toBe(
      404,
    );
    expect((await api.call('get', `/ingest/jobs/${ids[0]}`, { token: 'admin' })).status).toBe(200);
  });

  it('answers 404 for an unknown job and 400 for a bad filter', async () => {
    const res = await api.call('get', '/ingest/jobs/job-nope', { token: 'analyst' });
    expect(res.status).toBe(404);
    expect(res.body.error.id).toBe('ingest.jobNotFound');
    const quarantine = await api.call('get', '/ingest/jobs/job-nope/quarantine', { token: 'analyst' });
    expect(quarantine.body.error.id).toBe('ingest.jobNotFound');
    const bad = await api.call('get', '/ingest/jobs', { token: 'analyst', query: { state: 'lost' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.state');
  });

  it('audits each upload with file names and sizes and the job id, refusals included', async () => {
    await upload(api.tokens.viewer, ['death.csv']);
    const ok = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'ingest.upload', target: ids[0]! },
    });
    expect(ok.body.entries).toHaveLength(1);
    expect(ok.body.entries[0]).toMatchObject({ user: 'analyst', outcome: 'ok', status: 202 });
    expect(ok.body.entries[0].params.files).toEqual([
      { name: 'household.csv', size: file('household.csv').length },
      { name: 'death.csv', size: file('death.csv').length },
    ]);
    const denied = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'ingest.upload', user: 'viewer' },
    });
    expect(denied.body.entries[0]).toMatchObject({ outcome: 'denied', status: 403 });
    const views = await api.call('get', '/audit', { token: 'admin', query: { action: 'ingest.quarantine' } });
    expect(views.body.entries.some((e: { status: number }) => e.status === 404)).toBe(true);
  });
});

describe('the job queue', () => {
  const user: SessionUser = { username: 'tester', displayName: 'tester', role: 'analyst', clearance: true };
  const dir = mkdtempSync(join(tmpdir(), 'qf-jobs-queue-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records a failure with its id and bilingual message, and goes on with the next job', async () => {
    const queue = new JobQueue(dir);
    const failing = queue.create('ingest', user);
    const crashing = queue.create('ingest', user);
    const fine = queue.create('detect', user);
    queue.enqueue(failing, async () => {
      throw new InvalidInputError('read.unsupported', '不支持的文件 / unsupported file');
    });
    queue.enqueue(crashing, async () => {
      throw new Error('disk full');
    });
    queue.enqueue(fine, async () => ({ clues: 1 }));
    expect(queue.view(fine)).toMatchObject({ state: 'queued', position: 2 });
    await queue.idle();
    expect(failing).toMatchObject({ state: 'failed', error: { id: 'read.unsupported' } });
    expect(crashing.state).toBe('failed');
    expect(crashing.error).toMatchObject({ id: 'job.failed' });
    // A crash's own words stay in the server log.
    expect(crashing.error!.message).not.toContain('disk full');
    expect(fine).toMatchObject({ state: 'done', result: { clues: 1 } });
  });

  it('lists finished jobs again after a restart, and marks those cut short as interrupted', async () => {
    const queue = new JobQueue(dir);
    const cut = queue.create('ingest', user);
    cut.state = 'running';
    writeFileSync(join(dir, `${cut.jobId}.json`), JSON.stringify(cut));
    const restarted = new JobQueue(dir);
    expect(restarted.list()).toHaveLength(4);
    expect(restarted.get(cut.jobId)).toMatchObject({ state: 'failed', error: { id: 'job.interrupted' } });
    expect(restarted.list().filter((j) => j.state === 'done')).toHaveLength(1);
  });

  it('makes upload names safe: no folders, no leading dots, no control characters', () => {
    expect(safeFileName('../../x.csv')).toBe('x.csv');
    expect(safeFileName('..\\..\\windows\\x.csv')).toBe('x.csv');
    expect(safeFileName('.bashrc.csv')).toBe('bashrc.csv');
    expect(safeFileName('..')).toBe('');
    expect(safeFileName('a\u0000b|c.csv')).toBe('a_b_c.csv');
    expect(safeFileName(`${'长'.repeat(300)}.xlsx`)).toMatch(/^长{145}\.xlsx$/);
  });
});
