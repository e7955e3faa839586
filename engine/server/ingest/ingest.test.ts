// /api/ingest over the real app: multipart upload → background job → rows in Neo4j, quarantine, limits, access, audit.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED, ID, writeDepartmentalFiles } from '../../../test/fixtures/departmental.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import type { Store } from '../../store/gateway.ts';

let api: TestApi;
let store: Store;
const home = mkdtempSync(join(tmpdir(), 'qf-ingest-api-'));
const data = mkdtempSync(join(tmpdir(), 'qf-ingest-files-'));
const file = (name: string) => readFileSync(join(data, name));

beforeAll(async () => {
  store = await cleanGraph();
  await writeDepartmentalFiles(data);
  api = await startApi({ settings: { home, uploadLimitMb: 1 } });
});

afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
type Answer = { status: number; body: any };

async function upload(
  token: string,
  files: { name: string; content: Uint8Array<ArrayBuffer> | string }[],
  fields = {},
): Promise<Answer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  for (const f of files) form.append('files', new Blob([f.content]), f.name);
  const res = await fetch(`${api.base}/api/ingest`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${api.tokens[token as 'analyst'] ?? token}` } : {},
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

/** Polls a job until it is done or failed. */
async function finished(jobId: string, token = 'analyst') {
  for (let i = 0; i < 600; i += 1) {
    const res = await api.call('get', `/ingest/jobs/${jobId}`, { token });
    if (['done', 'failed'].includes(res.body.job?.state)) return res.body.job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe('POST /api/ingest', () => {
  let jobId: string;

  it('accepts files at once (202) and ingests them in the background with progress and a summary', async () => {
    const res = await upload('analyst', [
      { name: 'household.csv', content: file('household.csv') },
      { name: 'bank_village.csv', content: file('bank_village.csv') },
    ]);
    expect(res.status).toBe(202);
    expect(['queued', 'running']).toContain(res.body.job.state);
    expect(res.body.job).toMatchObject({ kind: 'ingest', user: 'analyst' });
    expect(res.body.job.files.map((f: { name: string; size: number }) => [f.name, f.size])).toEqual([
      ['household.csv', file('household.csv').length],
      ['bank_village.csv', file('bank_village.csv').length],
    ]);
    expect(res.body.job).not.toHaveProperty('internal');
    jobId = res.body.job.jobId;
    expect(existsSync(join(home, 'uploads', jobId, 'household.csv'))).toBe(true);
    const job = await finished(jobId);
    expect(job.state).toBe('done');
    expect(job.error).toBeNull();
    expect(job.progress).toEqual({ files: 2, filesDone: 2, rows: 10 });
    expect(job.files.map((f: { rows: number; done: boolean }) => [f.rows, f.done])).toEqual([
      [6, true],
      [4, true],
    ]);
    for (const name of ['household.csv', 'bank_village.csv']) {
      const summary = job.result.files.find((f: { file: string }) => f.file === name);
      expect(summary, name).toMatchObject({
        kind: EXPECTED[name]!.kind,
        rows: EXPECTED[name]!.rows,
        quarantined: EXPECTED[name]!.quarantined,
      });
      expect(summary.loaded + summary.merged + summary.quarantined).toBe(summary.rows);
    }
    expect(job.result.totals).toMatchObject({ rows: 10, quarantined: 2, refusedFiles: 0 });
  });

  it('puts the rows in Neo4j with provenance, and the malformed rows in the quarantine with file, row and reason', async () => {
    const [person] = await store.read<{ sources: string[] }>(
      'MATCH (p:Person {idNumber: $id}) RETURN p.sources AS sources',
      { id: ID.cadre },
    );
    expect(person?.sources).toContain('household.csv#2');
    const [transfers] = await store.read<{ n: number }>(
      'MATCH (:Account {accountNo: $a})-[t:TRANSFER]-() RETURN count(t) AS n',
      { a: '6217000010001000' },
    );
    expect(transfers?.n).toBe(3);
    const res = await api.call('get', `/ingest/jobs/${jobId}/quarantine`, {
      token: 'analyst',
      query: { disposition: 'quarantined' },
    });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    const byFile = Object.fromEntries(
      res.body.entries.map((e: { file: string; row: number; reason: string }) => [e.file, e]),
    );
    expect(byFile['household.csv']).toMatchObject({ row: 7, disposition: 'quarantined' });
    expect(byFile['household.csv'].reason).toMatch(/^id\./);
    expect(byFile['bank_village.csv']).toMatchObject({ row: 4 });
    expect(byFile['bank_village.csv'].reason.length).toBeGreaterThan(3);
    const page = await api.call('get', `/ingest/jobs/${jobId}/quarantine`, {
      token: 'analyst',
      query: { disposition: 'quarantined', limit: 1, offset: 1 },
    });
    expect(page.body.total).toBe(2);
    expect(page.body.entries).toEqual([res.body.entries[1]]);
  });

  it('keeps a file named with a path inside the job folder', async () => {
    const res = await upload('analyst', [{ name: '../../evil.csv', content: file('death.csv') }]);
    expect(res.status).toBe(202);
    const id = res.body.job.jobId;
    expect(res.body.job.files[0].name).toBe('evil.csv');
    expect(readdirSync(join(home, 'uploads', id))).toEqual(['evil.csv']);
    expect(existsSync(join(home, 'evil.csv'))).toBe(false);
    expect(existsSync(join(home, '..', 'evil.csv'))).toBe(false);
    expect((await finished(id)).state).toBe('done');
  });

  it('refuses an upload over the limit with 413, keeping nothing', async () => {
    const before = readdirSync(join(home, 'uploads')).length;
    const big = `姓名,身份证号,死亡日期\n${'张三,110101194001010011,2022-01-01\n'.repeat(60_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1024 * 1024);
    const res = await upload('analyst', [{ name: 'big.csv', content: big }]);
    expect(res.status).toBe(413);
    expect(res.body.error.id).toBe('ingest.tooLarge');
    expect(readdirSync(join(home, 'uploads')).length).toBe(before);
  });

  it('answers 400 without files, for an unsupported file type and for an unknown kind', async () => {
    const none = await upload('analyst', [], { kind: 'bank' });
    expect(none.status).toBe(400);
    expect(none.body.error.id).toBe('ingest.noFiles');
    const json = await api.call('post', '/ingest', { token: 'analyst', body: { files: [] } });
    expect(json.status).toBe(400);
    expect(json.body.error.id).toBe('ingest.noFiles');
    const docx = await upload('analyst', [
      { name: 'death.csv', content: file('death.csv') },
      { name: '说明.docx', content: 'PK..' },
    ]);
    expect(docx.status).toBe(400);
    expect(docx.body.error).toMatchObject({ id: 'ingest.badFile', field: 'files' });
    expect(docx.body.error.details.file).toBe('说明.docx');
    const kind = await upload('analyst', [{ name: 'death.csv', content: file('death.csv') }], {
      kind: 'nonsense',
    });
    expect(kind.status).toBe(400);
    expect(kind.body.error).toMatchObject({ id: 'request.invalid', field: 'body.kind' });
  });

  it('forces the kind given, and reports a file it cannot map as refused', async () => {
    const res = await upload('analyst', [{ name: 'odd.csv', content: 'foo,bar\n1,2\n' }]);
    const job = await finished(res.body.job.jobId);
    expect(job.state).toBe('done');
    expect(job.result.totals.refusedFiles).toBe(1);
    expect(job.result.files[0].refused.id).toMatch(/\w+\.\w+/);
    const refused = await api.call('get', `/ingest/jobs/${job.jobId}/quarantine`, { token: 'analyst' });
    expect(refused.body.entries[0]).toMatchObject({ file: 'odd.csv', disposition: 'refused' });
    const forced = await upload('admin', [{ name: 'people.csv', content: file('death.csv') }], {
      kind: 'death',
    });
    const done = await finished(forced.body.job.jobId, 'admin');
    expect(done.options).toEqual({ kind: 'death' });
    expect(done.result.files[0].kind).toBe('death');
  });

  it('is for analysts and admins: 401 without a login, 403 for investigators and viewers', async () => {
    expect((await upload('', [{ name: 'death.csv', content: file('death.csv') }])).status).toBe(401);
    for (const role of ['investigator', 'viewer']) {
      const res = await upload(role, [{ name: 'death.csv', content: file('death.csv') }]);
      expect(res.status, role).toBe(403);
      expect(res.body.error.id).toBe('auth.forbidden');
      expect((await api.call('get', '/ingest/jobs', { token: role })).status).toBe(403);
    }
  });
});
