// /api/ingest/plan over the real app: a plan loads nothing, its start applies corrections; other users, bad fields.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { finishedJob, postFiles } from '../../../test/setup/upload.ts';
import type { Store } from '../../store/gateway.ts';
import { expirePlans, PLAN_TTL_MS, planDir } from './plans.ts';

let api: TestApi;
let store: Store;
const home = mkdtempSync(join(tmpdir(), 'qf-plan-api-'));
const IDS = [makeIdNumber('330102', '19400202', '061'), makeIdNumber('330102', '19410303', '072')];

/**
 * A village roster with a title and a note above the table and a total below. Its only date is when each entry
 * was recorded, which the plan takes for something more (a death date, a post): the guess an analyst corrects.
 */
const ROSTER = [
  '村民联系名单',
  '制表单位：某村村委会',
  '姓名,身份证号,联系电话,职务,登记日期',
  `王一,${IDS[0]},13800000001,村民代表,2023-01-05`,
  `王二,${IDS[1]},13800000002,村民代表,2023-02-07`,
  '合计：2 人',
  '',
].join('\n');

const people = async () =>
  (
    await store.read<{ n: number; deaths: string[] }>(
      'MATCH (p:Person) WHERE p.idNumber IN $ids RETURN count(p) AS n, [d IN collect(p.deathDate) | toString(d)] AS deaths',
      { ids: IDS },
    )
  )[0]!;

beforeAll(async () => {
  store = await cleanGraph();
  api = await startApi({ settings: { home } });
});

afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('POST /api/ingest/plan → /start', () => {
  let planId: string;

  it('answers the plan of each table by upload name, keeps the upload, and loads nothing', async () => {
    const res = await postFiles(api, '/ingest/plan', 'analyst', [
      { name: 'roster.csv', content: ROSTER },
      { name: 'broken.xlsx', content: 'not a workbook at all' },
    ]);
    expect(res.status).toBe(200);
    planId = res.body.planId;
    expect(planId).toMatch(/^plan-/);
    expect(res.body.tables).toHaveLength(2);
    const [table, broken] = res.body.tables;
    expect(broken).toMatchObject({ file: 'broken.xlsx', kind: null });
    expect(broken.refused.id).toMatch(/^\w+\.\w+/);
    expect(table.file).toBe('roster.csv');
    expect(table.headerRows).toEqual([3]);
    expect(table.columns.map((c: { header: string }) => c.header)).toEqual([
      '姓名',
      '身份证号',
      '联系电话',
      '职务',
      '登记日期',
    ]);
    // The guess is a cadre roster (a post per person, the issuing unit above the table), never a death register
    // (登记日期 is no date of death); the start corrects it to `person` and must prove it used the correction.
    expect(table.kind).toBe('cadre');
    expect(table.skipped.count).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain(home);
    expect(existsSync(join(planDir(home, planId), 'roster.csv'))).toBe(true);
    expect((await people()).n).toBe(0);
  });

  it('starts the ingest with a correction of kind and column, and the job reads the table that way', async () => {
    const res = await api.call('post', `/ingest/plan/${planId}/start`, {
      token: 'analyst',
      body: {
        corrections: [{ file: 'roster.csv', kind: 'person', columns: { 联系电话: 'phone', 登记日期: null } }],
      },
    });
    expect(res.status).toBe(202);
    expect(res.body.job).toMatchObject({ kind: 'ingest', user: 'analyst' });
    expect(res.body.job.options.planId).toBe(planId);
    const job = await finishedJob(api, res.body.job.jobId);
    expect(job.state).toBe('done');
    const [summary, broken] = job.result.files;
    expect(broken.refused.id).toMatch(/^\w+\.\w+/);
    expect(JSON.stringify(job)).not.toContain(home);
    expect(summary).toMatchObject({
      file: 'roster.csv',
      kind: 'person',
      loaded: 2,
      quarantined: 0,
      skipped: 1,
    });
    const loaded = await people();
    expect(loaded.n).toBe(2);
    expect(loaded.deaths).toEqual([]);
  });

  it('refuses corrections the plan or the kind cannot take, each with a stable id', async () => {
    const start = (body: unknown) =>
      api.call('post', `/ingest/plan/${planId}/start`, { token: 'analyst', body });
    const field = await start({
      corrections: [{ file: 'roster.csv', kind: 'person', columns: { 姓名: 'amount' } }],
    });
    expect(field.status).toBe(400);
    expect(field.body.error).toMatchObject({ id: 'ingest.planUnknownField', field: 'body.corrections.0' });
    const header = await start({ corrections: [{ file: 'roster.csv', columns: { 工资: 'name' } }] });
    expect(header.body.error.id).toBe('ingest.planUnknownHeader');
    const file = await start({ corrections: [{ file: 'other.csv', kind: 'person' }] });
    expect(file.body.error.id).toBe('ingest.planUnknownFile');
    const kind = await start({ corrections: [{ file: 'roster.csv', kind: 'lottery' }] });
    expect(kind.body.error.id).toBe('request.invalid');
  });

  it('keeps a plan to its owner: unknown, foreign and malformed plan ids are all 404', async () => {
    for (const [token, id] of [
      ['analyst', 'plan-20250101-000000-abcdef'],
      ['admin', planId],
      ['analyst', '..%2F..%2Fjobs'],
    ] as const) {
      const res = await api.call('post', `/ingest/plan/${id}/start`, { token, body: {} });
      expect(res.status, `${token} ${id}`).toBe(404);
      expect(res.body.error.id).toBe('ingest.planNotFound');
    }
  });

  it('is for the roles that run ingest: 403 for a viewer, 400 without files', async () => {
    const viewer = await postFiles(api, '/ingest/plan', 'viewer', [{ name: 'roster.csv', content: ROSTER }]);
    expect(viewer.status).toBe(403);
    const none = await postFiles(api, '/ingest/plan', 'analyst', [], { kind: 'death' });
    expect(none.status).toBe(400);
    expect(none.body.error.id).toBe('ingest.noFiles');
  });
});

describe('plan expiry', () => {
  it('removes plan uploads older than a day, unless a job still reads them', () => {
    const old = 'plan-20200101-000000-aaaaaa';
    const busy = 'plan-20200101-000000-bbbbbb';
    for (const id of [old, busy]) {
      mkdirSync(planDir(home, id), { recursive: true });
      writeFileSync(
        join(planDir(home, id), '.plan.json'),
        JSON.stringify({ planId: id, createdAt: new Date(Date.now() - PLAN_TTL_MS - 60_000).toISOString() }),
      );
    }
    const fresh = planDir(home, 'plan-20200101-000000-cccccc');
    mkdirSync(fresh, { recursive: true });
    writeFileSync(join(fresh, '.plan.json'), JSON.stringify({ createdAt: new Date().toISOString() }));
    expect(expirePlans(home, new Set([planDir(home, busy)]))).toBe(1);
    expect(existsSync(planDir(home, old))).toBe(false);
    expect(existsSync(planDir(home, busy))).toBe(true);
    expect(existsSync(fresh)).toBe(true);
  });
});
