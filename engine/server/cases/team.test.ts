// GET /api/cases/assignable (who may be put on a team: enabled users with cases.own, sorted) and the `moves`
// (next statuses, from the engine's own tables) on the case and clue answers, over the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../../../test/setup/api.ts';
import { TEST_PASSWORD } from '../../../test/setup/api.ts';
import { isRole, ROLE_SPECS, type Role } from '../../auth/roles.ts';
import { createUser, updateUser } from '../../auth/users.ts';
import { CASE_TRANSITIONS } from '../../cases/model.ts';
import { TRANSITIONS } from '../../detect/store/status.ts';
import type { Store } from '../../store/gateway.ts';
import { casePath as path, startCaseFixture } from './fixture.ts';

let api: TestApi;
let store: Store;
let outsider: string;
let clueIds: string[];

beforeAll(async () => {
  ({ api, store, outsider, clueIds } = await startCaseFixture());
  await createUser(store, {
    username: 'inv3',
    password: TEST_PASSWORD,
    role: 'investigator',
    displayName: '王五',
  });
  await createUser(store, { username: 'gone', password: TEST_PASSWORD, role: 'investigator' });
  await updateUser(store, 'gone', { disabled: true });
  await createUser(store, { username: 'reader2', password: TEST_PASSWORD, role: 'viewer' });
});

afterAll(async () => {
  await api?.close();
});

type Assignable = {
  users: { username: string; displayName?: string; role: string; roleName: { zh: string; en: string } }[];
};

describe('GET /cases/assignable', () => {
  it('lists enabled users whose role has cases.own, sorted, with display names that say more', async () => {
    const res = await api.call('get', '/cases/assignable', { token: outsider });
    expect(res.status).toBe(200);
    const users = (res.body as Assignable).users;
    const names = users.map((u) => u.username);
    expect(names).toEqual(['admin', 'analyst', 'inv2', 'inv3', 'investigator']);
    expect(names).not.toContain('viewer');
    expect(names).not.toContain('reader2');
    expect(names).not.toContain('gone');
    expect(users.find((u) => u.username === 'inv3')).toEqual({
      username: 'inv3',
      displayName: '王五',
      role: 'investigator',
      roleName: { zh: '办案人员', en: 'Investigator' },
    });
    expect(users.find((u) => u.username === 'analyst')?.role).toBe('analyst');
  });

  it('names each role in both languages from ROLE_SPECS (the viewer keeps no copy)', async () => {
    const res = await api.call('get', '/cases/assignable', { token: 'investigator' });
    const users = (res.body as Assignable).users;
    for (const u of users) {
      expect(isRole(u.role)).toBe(true);
      const spec = ROLE_SPECS[u.role as Role];
      expect(u.roleName).toEqual({ zh: spec.zh, en: spec.en });
    }
    expect(users.find((u) => u.username === 'admin')?.roleName).toEqual({
      zh: '管理员',
      en: 'Administrator',
    });
    expect(users.find((u) => u.username === 'analyst')?.roleName).toEqual({
      zh: '数据分析员',
      en: 'Analyst',
    });
  });

  it('is not taken for a case number, refuses viewers, and is audited', async () => {
    const viewer = await api.call('get', '/cases/assignable', { token: 'viewer' });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.id).toBe('auth.forbidden');
    await api.app.services.audit.flush();
    const audit = await api.call('get', '/audit', { token: 'admin', query: { action: 'case.assignable' } });
    expect(audit.status).toBe(200);
    const entries = audit.body.entries as { user: string; outcome: string }[];
    expect(entries.some((e) => e.user === 'inv2' && e.outcome === 'ok')).toBe(true);
    expect(entries.some((e) => e.user === 'viewer' && e.outcome === 'denied')).toBe(true);
  });

  it('follows a re-enabled user', async () => {
    await updateUser(store, 'gone', { disabled: false });
    const res = await api.call('get', '/cases/assignable', { token: 'investigator' });
    expect((res.body as Assignable).users.map((u) => u.username)).toContain('gone');
    await updateUser(store, 'gone', { disabled: true });
  });
});

describe('who may change what (the viewer mirrors it)', () => {
  it('a non-lead member may change the title, not the team; an outsider neither', async () => {
    const opened = await api.call('post', '/cases', {
      token: 'investigator',
      body: { title: '标题权限', members: ['inv3'] },
    });
    expect(opened.status).toBe(201);
    const id = opened.body.case.caseId as string;
    const login = await api.call('post', '/auth/login', {
      body: { username: 'inv3', password: TEST_PASSWORD },
    });
    const member = login.body.token as string;
    const title = await api.call('patch', path(id), { token: member, body: { title: '标题权限（改）' } });
    expect(title.status).toBe(200);
    expect(title.body.case.title).toBe('标题权限（改）');
    const team = await api.call('patch', path(id), { token: member, body: { members: [] } });
    expect(team.status).toBe(403);
    expect(team.body.error.id).toBe('case.leadOnly');
    const outsiderTitle = await api.call('patch', path(id), { token: outsider, body: { title: '外人' } });
    expect(outsiderTitle.status).toBe(403);
    const history = await api.call('get', path(id, '/history'), { token: 'investigator' });
    const update = (history.body.history as { event: string; by: string; title?: unknown }[]).at(-1);
    expect(update).toMatchObject({
      event: 'update',
      by: 'inv3',
      title: { from: '标题权限', to: '标题权限（改）' },
    });
  });
});

describe('moves on the case and clue answers', () => {
  let caseId: string;

  it('the case carries the statuses it may move to, at opening, reading and after a change', async () => {
    const opened = await api.call('post', '/cases', {
      token: 'investigator',
      body: { fromClue: clueIds[0] },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.case.caseId;
    expect(opened.body.case.moves).toEqual(['investigation', 'closed']);
    const read = await api.call('get', path(caseId), { token: 'investigator' });
    expect(read.body.case.moves).toEqual([...CASE_TRANSITIONS.preliminary]);
    const moved = await api.call('patch', path(caseId), {
      token: 'investigator',
      body: { status: 'investigation' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.case.moves).toEqual(['closed']);
    const closed = await api.call('patch', path(caseId), {
      token: 'investigator',
      body: { status: 'closed', comment: '办结' },
    });
    expect(closed.body.case.moves).toEqual(['investigation']);
    const again = await api.call('get', path(caseId), { token: 'investigator' });
    expect(again.body.case.moves).toEqual([...CASE_TRANSITIONS.closed]);
  });

  it('the clue carries its next statuses, and they change with the status', async () => {
    // Opening the case moved the clue from 新线索 to 核查中.
    const clue = await api.call('get', `/clues/${encodeURIComponent(clueIds[0]!)}`, { token: 'analyst' });
    expect(clue.body.clue.status).toBe('checking');
    expect(clue.body.clue.moves).toEqual(['confirmed', 'unfounded', 'transferred']);
    const fresh = await api.call('get', `/clues/${encodeURIComponent(clueIds[1]!)}`, { token: 'analyst' });
    expect(fresh.body.clue.status).toBe('new');
    expect(fresh.body.clue.moves).toEqual([...TRANSITIONS.new]);
    const moved = await api.call('post', `/clues/${encodeURIComponent(clueIds[0]!)}/status`, {
      token: 'analyst',
      body: { status: 'transferred', comment: '移交' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.clue.moves).toEqual([]);
  });
});
