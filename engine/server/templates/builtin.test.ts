// Loading the builtin library: idempotent, a changed file is a new version with history, user templates left alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTemplate,
  ensureBuiltinTemplates,
  getTemplate,
  readBuiltinFiles,
  runTemplate,
} from '../../../queries/index.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import type { Store } from '../../store/gateway.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-builtins-'));
let store: Store;
let api: TestApi;

function probe(cypher: string): string {
  return `// ---
// title: 人员计数
// titleEn: Count people
// description: 统计人员数量，用于测试内置模板加载。
// tags: [test]
// params:
//   - name: prefix
//     type: string
//     default: ''
//     zh: 姓名前缀
//     en: Name prefix
// ---
${cypher}
`;
}

beforeAll(async () => {
  store = await cleanGraph();
  await store.write("UNWIND ['甲', '乙', '丙'] AS n CREATE (:Person {idNumber: n, name: n})");
  writeFileSync(
    join(dir, 'probe_count.cypher'),
    probe('MATCH (p:Person) WHERE p.name STARTS WITH $prefix RETURN count(p) AS n'),
  );
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ensureBuiltinTemplates', () => {
  it('creates the library once; loading again changes nothing', async () => {
    const first = await ensureBuiltinTemplates(store, { dir });
    expect(first).toEqual({ created: ['probe_count'], updated: [], unchanged: [], skipped: [] });
    const again = await ensureBuiltinTemplates(store, { dir });
    expect(again).toEqual({ created: [], updated: [], unchanged: ['probe_count'], skipped: [] });
    const stored = await getTemplate(store, 'probe_count');
    expect(stored).toMatchObject({ builtin: true, version: 1, author: 'qingfeng' });
    const run = await runTemplate(store, stored, {}, { rowLimit: 10, timeoutMs: 10_000 });
    expect(run.rows).toEqual([{ n: 3 }]);
    expect(run.params).toEqual({ prefix: '' });
  });

  it('saves a changed file as a new version and keeps the old text in the history', async () => {
    writeFileSync(
      join(dir, 'probe_count.cypher'),
      probe(
        'MATCH (p:Person) WHERE p.name STARTS WITH $prefix RETURN count(p) AS n, collect(p.name) AS names',
      ),
    );
    const report = await ensureBuiltinTemplates(store, { dir });
    expect(report.updated).toEqual(['probe_count']);
    const stored = await getTemplate(store, 'probe_count');
    expect(stored.version).toBe(2);
    expect(stored.history.map((h) => h.version)).toEqual([2, 1]);
    expect(stored.history[0]!.changed).toEqual(['cypher']);
    expect(stored.history[1]!.cypher).not.toContain('names');
    expect((await ensureBuiltinTemplates(store, { dir })).unchanged).toEqual(['probe_count']);
  });

  it('leaves a user template that holds a builtin id alone', async () => {
    await createTemplate(store, { id: 'user_owned', title: '我的', cypher: 'RETURN 1 AS one' }, 'analyst');
    writeFileSync(join(dir, 'user_owned.cypher'), probe('MATCH (p:Person) WHERE p.name = $prefix RETURN p'));
    const report = await ensureBuiltinTemplates(store, { dir });
    expect(report.skipped).toEqual([{ id: 'user_owned', reason: 'a user template has this id' }]);
    expect(await getTemplate(store, 'user_owned')).toMatchObject({
      builtin: false,
      cypher: 'RETURN 1 AS one',
    });
  });

  it('refuses an id that is not a slug when saved from code (the API checks it earlier)', async () => {
    let failure: { id?: string; details?: { field?: string } } = {};
    try {
      await createTemplate(store, { id: 'Not A Slug', title: '坏编号', cypher: 'RETURN 1 AS one' }, 'cli');
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure).toMatchObject({ id: 'template.badId', details: { field: 'id' } });
  });

  it('refuses a file whose header is broken, naming the file', () => {
    writeFileSync(join(dir, 'zz_broken.cypher'), 'MATCH (n) RETURN n\n');
    let failure: { id?: string; details?: { file?: string } } = {};
    try {
      readBuiltinFiles(dir);
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.id).toBe('template.header');
    expect(failure.details?.file).toBe('zz_broken.cypher');
    rmSync(join(dir, 'zz_broken.cypher'));
  });

  it('keeps loaded builtins read-only through the API', async () => {
    const body = {
      title: '改',
      cypher: 'RETURN $prefix AS p',
      params: [{ name: 'prefix', type: 'string', zh: 'p' }],
    };
    const put = await api.call('put', '/templates/probe_count', { token: 'admin', body });
    expect(put.status).toBe(403);
    expect(put.body.error.id).toBe('template.builtin');
    expect((await getTemplate(store, 'probe_count')).version).toBe(2);
    // A copy under a new id is how a builtin is changed.
    const copy = await api.call('post', '/templates', {
      token: 'analyst',
      body: { ...body, id: 'probe_copy' },
    });
    expect(copy.status).toBe(201);
    expect(copy.body.template.builtin).toBe(false);
  });

  it('loads the shipped library for the API on first use, once', async () => {
    const list = await api.call('get', '/templates', { token: 'viewer', query: { builtin: true } });
    const shipped = readBuiltinFiles().map((f) => f.id);
    expect(list.body.templates.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining([...shipped, 'probe_count']),
    );
    await api.call('get', '/templates', { token: 'viewer' });
    const [row] = await store.read<{ n: number }>(
      'MATCH (t:QueryTemplate {builtin: true}) RETURN count(t) AS n',
    );
    expect(row?.n).toBe(shipped.length + 1);
  });
});
