// /api/cases over the real app: opening (from a clue, numbering, references), validation (400/401/404), team
// access (403 for a member-less investigator), listing, masking, the HTML report download and audit entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../../../test/setup/api.ts';
import { type CaseFixture, idNumbers, MASKED, casePath as path, startCaseFixture } from './fixture.ts';

let api: TestApi;
let contractor: CaseFixture['contractor'];
let outsider: string;
let clueIds: string[];
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  ({ api, contractor, outsider, clueIds } = await startCaseFixture());
});

afterAll(async () => {
  await api?.close();
});

let first: string;
let second: string;

describe('opening cases', () => {
  it('opens a case from a clue: its subjects with roles, the clue attached and moved to 核查中', async () => {
    const res = await api.call('post', '/cases', { token: 'investigator', body: { fromClue: clueIds[0] } });
    expect(res.status).toBe(201);
    first = res.body.case.caseId;
    expect(first).toBe(`QF-${YEAR}-0001`);
    expect(res.body.case).toMatchObject({
      status: 'preliminary',
      lead: 'investigator',
      members: [],
      fromClue: clueIds[0],
    });
    expect(res.body.case.statusLabel).toEqual({ zh: '初核', en: 'Preliminary review' });
    expect(res.body.case.title).toMatch(/：/);
    expect(res.body.clues.map((c: { clueId: string }) => c.clueId)).toEqual([clueIds[0]]);
    const clue = await api.call('get', `/clues/${encodeURIComponent(clueIds[0]!)}`, { token: 'analyst' });
    expect(res.body.subjects).toHaveLength(clue.body.clue.subjects.length);
    expect(res.body.subjects.map((s: { role: string }) => s.role).sort()).toEqual(
      clue.body.clue.subjects.map((s: { role: string }) => s.role).sort(),
    );
    expect(clue.body.clue.status).toBe('checking');
    expect(clue.body.clue.history.at(-1).comment).toContain(first);
    const history = await api.call('get', path(first, '/history'), { token: 'investigator' });
    expect(history.body.history.map((h: { event: string }) => h.event)).toEqual(['created']);
  });

  it('numbers cases in sequence and resolves subjects by Label:key, bare key and element id', async () => {
    const company = contractor.expect.flagged[1]!;
    const graph = await api.call('get', `/clues/${encodeURIComponent(clueIds[1]!)}`, { token: 'analyst' });
    const person = graph.body.graph.nodes.find((n: { type: string }) => n.type === 'Person');
    const res = await api.call('post', '/cases', {
      token: 'analyst',
      body: {
        title: '  中联环境工程款  ',
        lead: 'analyst',
        subjects: [
          { ref: `Company:${company}`, role: '承包方' },
          { ref: company.toLowerCase(), note: '重复' },
          { ref: person.id, role: '亲属' },
        ],
        clues: [clueIds[1]],
      },
    });
    expect(res.status).toBe(201);
    second = res.body.case.caseId;
    expect(second).toBe(`QF-${YEAR}-0002`);
    expect(res.body.case.title).toBe('中联环境工程款');
    const keys = res.body.subjects.map((s: { key: string }) => s.key);
    expect(keys).toContain(company);
    expect(keys).toContain(person.key);
    expect(res.body.subjects.find((s: { key: string }) => s.key === company)).toMatchObject({
      role: '承包方',
      note: '重复',
      addedBy: 'analyst',
    });
  });

  it('refuses viewers (403), anonymous callers (401), bad bodies (400) and unknown references (404)', async () => {
    const viewer = await api.call('post', '/cases', { token: 'viewer', body: { title: 'x' } });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.id).toBe('auth.forbidden');
    expect((await api.call('post', '/cases', { body: { title: 'x' } })).status).toBe(401);
    expect((await api.call('get', '/cases')).status).toBe(401);
    const cases: [unknown, number, string, string?][] = [
      [{}, 400, 'request.invalid', 'body.title'],
      [{ title: '  ' }, 400, 'request.invalid', 'body.title'],
      [{ title: 'x'.repeat(201) }, 400, 'request.invalid', 'body.title'],
      [{ title: 't', subjects: 'all' }, 400, 'request.invalid', 'body.subjects'],
      [{ title: 't', members: ['ghost-user'] }, 400, 'case.unknownUser', 'body.members'],
      [{ title: 't', members: ['viewer'] }, 400, 'case.badMember', 'body.members'],
      [{ title: 't', subjects: [{ ref: 'Company:NOPE' }] }, 404, 'entity.notFound', 'body.subjects.0.ref'],
      [{ title: 't', clues: ['no-such-clue'] }, 404, 'clue.notFound', 'body.clues.0'],
      [{ fromClue: 'no-such-clue' }, 404, 'clue.notFound'],
    ];
    for (const [body, status, id, field] of cases) {
      const res = await api.call('post', '/cases', { token: 'analyst', body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.id, JSON.stringify(body)).toBe(id);
      if (field) expect(res.body.error.field ?? res.body.error.details?.field).toBe(field);
    }
    expect(
      (await api.call('get', '/cases', { token: 'analyst', query: { status: 'open' } })).body.error.field,
    ).toMatch(/^query\.status/);
    expect((await api.call('get', '/cases', { token: 'analyst' })).body.total).toBe(2);
  });
});

describe('case access', () => {
  it('gives a member-less investigator 403 case.forbidden on every route, and 404 for an unknown case', async () => {
    for (const [method, rest, body] of [
      ['get', '', undefined],
      ['get', '/history', undefined],
      ['get', '/report', undefined],
      ['get', '/views', undefined],
      ['post', '/notes', { text: 'x' }],
      ['patch', '', { title: 'mine now' }],
    ] as const) {
      const res = await api.call(method, path(second, rest), { token: outsider, body });
      expect(res.status, `${method} ${rest}`).toBe(403);
      expect(res.body.error.id, `${method} ${rest}`).toBe('case.forbidden');
    }
    const ghost = await api.call('get', path(`QF-${YEAR}-9999`), { token: 'analyst' });
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.id).toBe('case.notFound');
    expect((await api.call('get', path(`QF-${YEAR}-9999`, '/views/x'), { token: 'analyst' })).status).toBe(
      404,
    );
  });

  it('lists only the cases a user may see, with counts by status, and filters by status, member and text', async () => {
    const mine = await api.call('get', '/cases', { token: 'investigator' });
    expect(mine.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([first]);
    expect(mine.body.counts).toEqual({ preliminary: 1, investigation: 0, closed: 0 });
    expect((await api.call('get', '/cases', { token: outsider })).body.total).toBe(0);
    const all = await api.call('get', '/cases', { token: 'admin' });
    expect(all.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([second, first]);
    const byMember = await api.call('get', '/cases', { token: 'analyst', query: { member: 'investigator' } });
    expect(byMember.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([first]);
    expect((await api.call('get', '/cases', { token: 'analyst', query: { text: '中联' } })).body.total).toBe(
      1,
    );
    const byKey = await api.call('get', '/cases', {
      token: 'analyst',
      query: { text: contractor.expect.flagged[1]! },
    });
    expect(byKey.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([second]);
    expect(
      (await api.call('get', '/cases', { token: 'analyst', query: { status: '立案审查' } })).body.total,
    ).toBe(0);
  });

  it('masks ID numbers in case answers for investigators, not for analysts', async () => {
    const inv = await api.call('get', path(first), { token: 'investigator' });
    const persons = inv.body.subjects.filter((s: { type: string }) => s.type === 'Person');
    expect(persons.length).toBeGreaterThan(0);
    for (const p of persons) expect(p.key).toMatch(MASKED);
    expect(idNumbers(JSON.stringify(inv.body))).toEqual([]);
    const history = await api.call('get', path(first, '/history'), { token: 'investigator' });
    expect(idNumbers(JSON.stringify(history.body))).toEqual([]);
    const analyst = await api.call('get', path(first), { token: 'analyst' });
    expect(analyst.body.subjects.find((s: { type: string }) => s.type === 'Person').key).toMatch(
      /^\d{17}[\dX]$/,
    );
  });
});

describe('report download and audit', () => {
  it('serves the report as HTML to members (masked) and analysts (not), never to viewers or outsiders', async () => {
    const inv = await fetch(`${api.base}/api${path(first, '/report')}?format=html`, {
      headers: { authorization: `Bearer ${api.tokens.investigator}` },
    });
    expect(inv.status, await inv.clone().text()).toBe(200);
    expect(inv.headers.get('content-type')).toMatch(/^text\/html/);
    expect(inv.headers.get('content-disposition')).toBe(`attachment; filename="${first}.html"`);
    const html = await inv.text();
    expect(html).toContain(first);
    expect(html).toMatch(MASKED);
    expect(idNumbers(html)).toEqual([]);
    const analyst = await fetch(`${api.base}/api${path(first, '/report')}?format=html`, {
      headers: { authorization: `Bearer ${api.tokens.analyst}` },
    });
    expect(idNumbers(await analyst.text()).length).toBeGreaterThan(0);
    const viewer = await api.call('get', path(first, '/report'), { token: 'viewer' });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.id).toBe('auth.forbidden');
    expect(
      (await api.call('get', path(second, '/report'), { token: outsider, query: { format: 'html' } })).body
        .error.id,
    ).toBe('case.forbidden');
    expect(
      (await api.call('get', path(first, '/report'), { token: 'analyst', query: { format: 'docx' } })).body
        .error.field,
    ).toBe('query.format');
  });

  it('audits case creation with the new number as target, denials included, and every report export', async () => {
    await api.app.services.audit.flush();
    const audit = (query: Record<string, string>) =>
      api.call('get', '/audit', { token: 'admin', query: { limit: 500, ...query } });
    const created = await audit({ action: 'case.create', outcome: 'ok' });
    expect(created.body.entries.map((e: { target: string }) => e.target).sort()).toEqual([first, second]);
    const denied = await audit({ action: 'case', outcome: 'denied', user: 'inv2' });
    expect(denied.body.entries.map((e: { target: string }) => e.target)).toContain(second);
    const reports = await audit({ action: 'export.report' });
    const ok = reports.body.entries.filter((e: { outcome: string }) => e.outcome === 'ok');
    expect(
      ok.map((e: { user: string; params: { masked: boolean } }) => [e.user, e.params.masked]).sort(),
    ).toEqual([
      ['analyst', false],
      ['investigator', true],
    ]);
    expect(
      reports.body.entries.some(
        (e: { user: string; outcome: string }) => e.user === 'viewer' && e.outcome === 'denied',
      ),
    ).toBe(true);
  });
});
