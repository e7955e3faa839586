// No ID number or birth date reaches a role without clearance, over the real app and Neo4j: entities, clues, cases,
// the report; a leak scan walks every string of every answer. Cleared users still see them whole.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, ghostFixture, uncoveredFixture } from '../../../test/fixtures/detect/welfare.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { runModels } from '../../detect/run.ts';
import type { Store } from '../../store/gateway.ts';

let api: TestApi;
let store: Store;
/** Birth dates (YYYY-MM-DD) of everyone in the graph, from the register and from every ID number as written. */
let births: string[] = [];
/** Every full ID number in the graph, valid or not. */
let ids: string[] = [];

beforeAll(async () => {
  store = await cleanGraph();
  await ghostFixture().graph.write(store);
  await uncoveredFixture().graph.write(store);
  await runModels(store, {
    models: ['ghost_recipient', 'eligible_not_covered'],
    asOf: AS_OF,
    user: 'tester',
  });
  const rows = await store.read<{ id: string; birth: string | null }>(
    `MATCH (p) WHERE p:Person OR p.idNumberRaw IS NOT NULL
     RETURN coalesce(p.idNumber, p.idNumberRaw) AS id, toString(p.birthDate) AS birth`,
  );
  ids = rows.map((r) => r.id);
  births = [
    ...new Set(
      rows.flatMap((r) => [r.birth, `${r.id.slice(6, 10)}-${r.id.slice(10, 12)}-${r.id.slice(12, 14)}`]),
    ),
  ].filter((b): b is string => !!b);
  api = await startApi();
}, 300_000);

afterAll(async () => {
  await api?.close();
});

/** Every string of an answer, object keys included, with where it was found. */
function* strings(value: unknown, at = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      yield [`${at}.<key>`, k];
      yield* strings(v, `${at}.${k}`);
    }
}

/** What an uncleared user must not see: a whole ID-shaped digit run, a person's birth date, or its month-day after 80 years. */
function leaks(answer: unknown): string[] {
  const found: string[] = [];
  for (const [at, text] of strings(answer)) {
    for (const run of text.match(/(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g) ?? [])
      found.push(`${at}: ID-shaped ${run}`);
    for (const id of ids) if (text.includes(id)) found.push(`${at}: ID ${id}`);
    for (const birth of births) {
      const [y, m, d] = birth.split('-');
      const forms = [
        birth,
        `${y}${m}${d}`,
        `${y}年${Number(m)}月${Number(d)}日`,
        `${Number(y) + 80}-${m}-${d}`,
      ];
      for (const form of forms)
        if (text.includes(form) && form !== AS_OF) found.push(`${at}: birth date ${form}`);
    }
  }
  return found;
}

async function elementIds(): Promise<string[]> {
  const rows = await store.read<{ id: string }>(
    'MATCH (n) WHERE n:Person OR n:PersonMention RETURN elementId(n) AS id ORDER BY id',
  );
  return rows.map((r) => r.id);
}

/** Every answer the entity and clue screens show, as one role sees them. */
async function answers(token: string): Promise<{ path: string; body: unknown }[]> {
  const out: { path: string; body: unknown }[] = [];
  const get = async (path: string, query: Record<string, string | number> = {}) => {
    const res = await api.call('get', path, { token, query });
    expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
    out.push({ path, body: res.body });
    return res.body;
  };
  for (const q of ['周长生', '郑永根', '谭健旭', '何霞萱', ids[0]!.slice(0, 6)])
    await get('/entities/search', { q });
  for (const id of await elementIds()) {
    await get(`/entities/${encodeURIComponent(id)}`);
    await get(`/entities/${encodeURIComponent(id)}/neighbours`);
  }
  const list = await get('/clues', { limit: 100 });
  for (const clue of (list as { clues: { clueId: string }[] }).clues)
    await get(`/clues/${encodeURIComponent(clue.clueId)}`);
  return out;
}

describe('masking for roles without clearance', () => {
  it('raises the clues the scan needs: an invalid ID quoted in full, a birth date in the evidence', async () => {
    const res = await api.call('get', '/clues', { token: 'analyst', query: { limit: 100 } });
    const text = JSON.stringify(res.body);
    expect(text).toContain('331199194002283361无效');
    expect(res.body.clues.some((c: { model: string }) => c.model === 'eligible_not_covered')).toBe(true);
  });

  it.each(['investigator', 'viewer'])('shows a %s no ID number and no birth date anywhere', async (role) => {
    const all = await answers(role);
    expect(all.length).toBeGreaterThan(20);
    for (const { path, body } of all) expect(leaks(body), path).toEqual([]);
    const person = all.find(
      (a) => (a.body as { node?: { props: { birthDate?: string } } }).node?.props.birthDate,
    )?.body as {
      node: { key: string; props: Record<string, unknown> };
    };
    expect(person.node.key).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(person.node.props.birthDate).toMatch(/^\d{4}$/);
  });

  it('masks the case report (HTML and PDF) of an investigator member like the API', async () => {
    const clues = await api.call('get', '/clues', { token: 'investigator', query: { limit: 100 } });
    for (const model of ['ghost_recipient', 'eligible_not_covered']) {
      const clue = clues.body.clues.find((c: { model: string }) => c.model === model);
      const created = await api.call('post', '/cases', {
        token: 'investigator',
        body: { fromClue: clue.clueId },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(leaks(created.body)).toEqual([]);
      const path = `/cases/${encodeURIComponent(created.body.case.caseId)}`;
      const detail = await api.call('get', path, { token: 'investigator' });
      expect(leaks(detail.body)).toEqual([]);
      const html = await fetch(`${api.base}/api${path}/report?format=html`, {
        headers: { authorization: `Bearer ${api.tokens.investigator}` },
      });
      expect(html.status).toBe(200);
      const text = await html.text();
      expect(text).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
      expect(leaks(text)).toEqual([]);
      // The PDF is printed from the same masked HTML: its text layer shows no more.
      const pdf = await fetch(`${api.base}/api${path}/report?format=pdf`, {
        headers: { authorization: `Bearer ${api.tokens.investigator}` },
      });
      expect(pdf.status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'qf-masking-pdf-'));
      writeFileSync(join(dir, 'r.pdf'), Buffer.from(await pdf.arrayBuffer()));
      const pdfText = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']).toString();
      rmSync(dir, { recursive: true, force: true });
      expect(pdfText).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
      expect(leaks(pdfText)).toEqual([]);
      const analyst = await fetch(`${api.base}/api${path}/report?format=html`, {
        headers: { authorization: `Bearer ${api.tokens.analyst}` },
      });
      expect(leaks(await analyst.text()).length).toBeGreaterThan(0);
    }
  });
});

describe('query answers', () => {
  it('mask the birth dates a template returns as bare columns next to the person', async () => {
    const saved = await api.call('post', '/templates', {
      token: 'analyst',
      body: {
        title: '出生日期',
        titleEn: 'Birth dates',
        cypher: 'MATCH (p:Person) RETURN p, p.name AS name, p.birthDate AS born, p.idNumber AS id',
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const path = `/templates/${saved.body.template.id}/run`;
    const run = await api.call('post', path, { token: 'investigator', body: {} });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.rows.length).toBeGreaterThan(5);
    expect(leaks(run.body)).toEqual([]);
    const born = (rows: { born: string | null }[]) => rows.map((r) => r.born).filter((b) => b !== null);
    expect(born(run.body.rows).length).toBeGreaterThan(5);
    for (const b of born(run.body.rows)) expect(b).toMatch(/^\d{4}$/);
    const cleared = await api.call('post', path, { token: 'analyst', body: {} });
    for (const b of born(cleared.body.rows)) expect(b).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('cleared users', () => {
  it('still see every ID number and birth date in full', async () => {
    const all = await answers('analyst');
    const text = JSON.stringify(all);
    for (const id of ids) expect(text).toContain(id);
    const person = all.find(
      (a) => (a.body as { node?: { props: { birthDate?: string } } }).node?.props.birthDate,
    )?.body as {
      node: { key: string; props: Record<string, unknown> };
    };
    expect(person.node.props.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(leaks(all).length).toBeGreaterThan(0);
  });
});
