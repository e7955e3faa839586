// /api/cases/:id/… over the real app: status workflow, team changes, subjects, clues, notes (author-only edits),
// saved views (size cap, audit without the state) and the history of every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../../../test/setup/api.ts';
import { type CaseFixture, casePath as path, startCaseFixture } from './fixture.ts';

let api: TestApi;
let contractor: CaseFixture['contractor'];
let outsider: string;
let clueIds: string[];
let first: string;

beforeAll(async () => {
  ({ api, contractor, outsider, clueIds } = await startCaseFixture());
  const opened = await api.call('post', '/cases', { token: 'investigator', body: { fromClue: clueIds[0] } });
  first = opened.body.case.caseId;
});

afterAll(async () => {
  await api?.close();
});

describe('working on a case', () => {
  it('moves the status along the workflow, refusing skips back and closing without a comment', async () => {
    const patch = (body: unknown, token = 'investigator') => api.call('patch', path(first), { token, body });
    expect((await patch({ status: '立案审查' })).body.case.status).toBe('investigation');
    const back = await patch({ status: 'preliminary' });
    expect(back.status).toBe(400);
    expect(back.body.error).toMatchObject({ id: 'case.badTransition', details: { from: 'investigation' } });
    expect((await patch({ status: 'closed' })).body.error.id).toBe('case.commentRequired');
    expect((await patch({ status: 'nonsense' })).body.error).toMatchObject({
      id: 'request.invalid',
      field: 'body.status',
    });
    expect((await patch({ comment: 'only a comment' })).body.error.field).toBe('body');
    expect((await patch({ status: '办结', comment: '查实，移送审理' })).body.case.status).toBe('closed');
    expect((await patch({ status: 'investigation', comment: '发现新证据' })).body.case.status).toBe(
      'investigation',
    );
    expect((await patch({ title: '万象水利工程款' })).body.case.title).toBe('万象水利工程款');
  });

  it('lets the lead, not a member, change the team; a new member then sees the case', async () => {
    const added = await api.call('patch', path(first), {
      token: 'investigator',
      body: { members: ['inv2'] },
    });
    expect(added.body.case.members).toEqual(['inv2']);
    expect((await api.call('get', path(first), { token: outsider })).status).toBe(200);
    const coup = await api.call('patch', path(first), { token: outsider, body: { lead: 'inv2' } });
    expect(coup.status).toBe(403);
    expect(coup.body.error.id).toBe('case.leadOnly');
    const events = (await api.call('get', path(first, '/history'), { token: 'analyst' })).body.history;
    expect(events.map((h: { event: string }) => h.event)).toEqual([
      'created',
      'status',
      'status',
      'status',
      'update',
      'update',
    ]);
    expect(events[3]).toMatchObject({
      by: 'investigator',
      status: { from: 'closed', to: 'investigation', comment: '发现新证据' },
    });
    expect(events[5]).toMatchObject({ members: { from: [], to: ['inv2'] } });
  });

  it('adds, relabels and removes subjects; detaches and attaches clues with their subjects', async () => {
    const company = contractor.expect.flagged[0]!;
    const add = await api.call('post', path(first, '/subjects'), {
      token: outsider,
      body: { subjects: [{ ref: company, role: '承包方' }] },
    });
    expect(add.status).toBe(200);
    const before = add.body.subjects.length;
    const again = await api.call('post', path(first, '/subjects'), {
      token: 'investigator',
      body: { subjects: [{ ref: `Company:${company}`, role: '关联企业' }] },
    });
    expect(again.body.added).toBe(0);
    expect(again.body.subjects.find((s: { key: string }) => s.key === company).role).toBe('关联企业');
    const removed = await api.call(
      'delete',
      path(first, `/subjects/${encodeURIComponent(`Company:${company}`)}`),
      {
        token: 'investigator',
      },
    );
    expect(removed.body.removed).toBe(`Company:${company}`);
    const gone = await api.call('delete', path(first, `/subjects/${encodeURIComponent(company)}`), {
      token: 'investigator',
    });
    expect(gone.status).toBe(404);
    expect(gone.body.error.id).toBe('case.subjectNotFound');
    const detach = await api.call('delete', path(first, `/clues/${encodeURIComponent(clueIds[0]!)}`), {
      token: 'investigator',
    });
    expect(detach.body.detached).toBe(clueIds[0]);
    expect(
      (
        await api.call('delete', path(first, `/clues/${encodeURIComponent(clueIds[0]!)}`), {
          token: 'investigator',
        })
      ).body.error.id,
    ).toBe('case.clueNotFound');
    const attach = await api.call('post', path(first, '/clues'), {
      token: 'investigator',
      body: { clues: [clueIds[0], clueIds[2]], withSubjects: true },
    });
    expect(attach.body.clues).toHaveLength(2);
    const third = await api.call('get', `/clues/${encodeURIComponent(clueIds[2]!)}`, { token: 'analyst' });
    const detail = await api.call('get', path(first), { token: 'analyst' });
    const keys = detail.body.subjects.map((s: { key: string }) => s.key);
    for (const s of third.body.clue.subjects) expect(keys).toContain(s.key);
    expect(keys.length).toBeGreaterThanOrEqual(before - 1);
    expect(
      (await api.call('post', path(first, '/clues'), { token: 'investigator', body: { clues: [] } })).body
        .error.field,
    ).toBe('body.clues');
  });

  it('appends notes; only the author corrects one, the old text kept in the history', async () => {
    const note = await api.call('post', path(first, '/notes'), {
      token: 'investigator',
      body: { text: '走访村委会，核实工程款' },
    });
    expect(note.status).toBe(201);
    expect(note.body.note).toMatchObject({
      author: 'investigator',
      text: '走访村委会，核实工程款',
      editedAt: null,
    });
    const id = note.body.note.noteId;
    const other = await api.call('patch', path(first, `/notes/${id}`), {
      token: outsider,
      body: { text: '改写' },
    });
    expect(other.status).toBe(403);
    expect(other.body.error.id).toBe('case.noteNotAuthor');
    const fixed = await api.call('patch', path(first, `/notes/${id}`), {
      token: 'investigator',
      body: { text: '走访村委会，核实工程款 47,000 元' },
    });
    expect(fixed.body.note.editedAt).not.toBeNull();
    expect(
      (await api.call('patch', path(first, '/notes/none'), { token: 'investigator', body: { text: 'x' } }))
        .status,
    ).toBe(404);
    expect(
      (await api.call('post', path(first, '/notes'), { token: 'investigator', body: { text: '   ' } }))
        .status,
    ).toBe(400);
    const history = (await api.call('get', path(first, '/history'), { token: 'investigator' })).body.history;
    expect(history.at(-1)).toMatchObject({
      event: 'note.edit',
      noteId: id,
      previous: '走访村委会，核实工程款',
    });
    expect((await api.call('get', path(first), { token: 'investigator' })).body.notes).toHaveLength(1);
  });

  it('saves, lists, reads and deletes graph views, refusing malformed and oversized states', async () => {
    const state = {
      nodes: [{ id: 'a', x: 1, y: 2, color: '#ff0000' }],
      filters: { types: ['TRANSFER'] },
      colours: { Person: '#123456' },
    };
    const saved = await api.call('post', path(first, '/views'), {
      token: 'investigator',
      body: { name: '资金关系图', state },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.view).toMatchObject({
      name: '资金关系图',
      author: 'investigator',
      bytes: JSON.stringify(state).length,
    });
    const id = saved.body.view.viewId;
    expect(
      (await api.call('get', path(first, '/views'), { token: outsider })).body.views.map(
        (v: { viewId: string }) => v.viewId,
      ),
    ).toEqual([id]);
    expect(
      (await api.call('get', path(first, `/views/${id}`), { token: 'investigator' })).body.view.state,
    ).toEqual(state);
    const bad = await api.call('post', path(first, '/views'), {
      token: 'investigator',
      body: { name: 'x', state: { nodes: [{ id: 'a', x: 'left' }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^body\.state\.nodes\.0/);
    const huge = await api.call('post', path(first, '/views'), {
      token: 'investigator',
      body: { name: 'big', state: { nodes: [], pad: 'x'.repeat(2_050_000) } },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.id).toBe('case.viewTooLarge');
    const spare = await api.call('post', path(first, '/views'), {
      token: 'investigator',
      body: { name: '草稿', state: { nodes: [] } },
    });
    const deleted = await api.call('delete', path(first, `/views/${spare.body.view.viewId}`), {
      token: 'investigator',
    });
    expect(deleted.body).toMatchObject({ deleted: spare.body.view.viewId, name: '草稿' });
    expect(
      (await api.call('get', path(first, `/views/${spare.body.view.viewId}`), { token: 'investigator' })).body
        .error.id,
    ).toBe('case.viewNotFound');
  });

  it('audits view saves with their name and size, never the state itself', async () => {
    await api.app.services.audit.flush();
    const views = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'case.views.save', limit: 100 },
    });
    expect(views.body.entries.length).toBeGreaterThan(2);
    for (const e of views.body.entries) expect(e.params).not.toHaveProperty('state');
    expect(views.body.entries.find((e: { outcome: string }) => e.outcome === 'ok').params).toMatchObject({
      name: expect.any(String),
      bytes: expect.any(Number),
    });
    expect(views.body.entries.every((e: { target: string }) => e.target === first)).toBe(true);
  });
});
