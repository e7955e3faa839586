// The last case screens end to end in headless Chromium over the demo county: a new case from two selected canvas
// nodes, its title edited (history, and what a non-lead member may do), a demo clue added to it from the clue
// screen, and no case forms for a viewer. Screenshot 14-case-new goes to test/e2e/output/ (and docs/images/).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../engine/auth/users.ts';
import { TEST_PASSWORD } from '../setup/api.ts';
import { testStore } from '../setup/store.ts';
import { type Driven, openWorkspace, pageApi, shot, type Workspace } from './harness.ts';

let workspace: Workspace;
let driven: Driven;
let page: Page;
let caseId = '';
let joinClue = '';
let otherClue = '';
let picked: { id: string; type: string; key: string; label: string }[] = [];

/** A JSON call from inside `on` (default: the investigator's page), with that browser's session cookie. */
const api = <T>(path: string, method = 'GET', body?: unknown, on: Page = page) =>
  pageApi<T>(on, path, method, body);

interface CaseAnswer {
  case: { caseId: string; title: string; lead: string; members: string[] };
  subjects: { id: string }[];
  clues: { clueId: string }[];
}
interface ClueAnswer {
  subjects: { id: string }[];
  graph: { nodes: { id: string; type: string; key: string; label: string }[] };
}
const readCase = async () => (await api<CaseAnswer>(`/cases/${caseId}`)).body;

/** A second user in the same browser, in a context of their own (own session cookie). */
async function loginAs(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 880 }, locale: 'zh-CN' });
  const other = await context.newPage();
  await other.goto(`${workspace.server.base}/`);
  await other.waitForSelector('#login-form');
  await other.fill('#login-username', username);
  await other.fill('#login-password', TEST_PASSWORD);
  await other.click('#login-submit');
  await other.waitForFunction(() => window.__qingfeng?.ready);
  return other;
}

async function openClue(on: Page, id: string): Promise<void> {
  await on.click('.dock-tab[data-panel="clues"]');
  await on.evaluate((clue) => window.__qingfeng.ctx!.bus.emit('clue:open', { id: clue }), id);
  await on.waitForSelector(`.clue-id:has-text("${id}")`);
}

describe('new case, title edit, clue added to a case', () => {
  beforeAll(async () => {
    workspace = await openWorkspace('investigator');
    driven = workspace.driven;
    page = workspace.page;
    await createUser(testStore(), {
      username: 'inv2',
      password: TEST_PASSWORD,
      role: 'investigator',
      displayName: '李四',
    });
    // The clue to add later, and two entities of another clue's evidence that are not among its subjects.
    const list = await api<{ clues: { clueId: string }[] }>('/clues?limit=40&sort=score');
    joinClue = list.body.clues[0]!.clueId;
    otherClue = list.body.clues[1]!.clueId;
    const joinSubjects = new Set(
      (await api<ClueAnswer>(`/clues/${joinClue}`)).body.subjects.map((s) => s.id),
    );
    for (const { clueId } of list.body.clues.slice(1)) {
      const nodes = (await api<ClueAnswer>(`/clues/${encodeURIComponent(clueId)}`)).body.graph.nodes;
      picked = nodes
        .filter((n) => ['Person', 'Company', 'Account'].includes(n.type) && !joinSubjects.has(n.id))
        .slice(0, 2);
      if (picked.length === 2) break;
    }
    expect(picked).toHaveLength(2);
  }, 900_000);

  afterAll(async () => {
    await workspace?.close();
  });

  it('opens a case without a clue from two selected canvas nodes', async () => {
    await page.evaluate((nodes) => {
      const ctx = window.__qingfeng.ctx!;
      ctx.commands.show({ nodes: nodes.map((n) => ({ ...n, props: {} })), edges: [] }, { seeds: 'all' });
      ctx.selection.set(nodes.map((n) => n.id));
    }, picked);
    await page.click('.dock-tab[data-panel="cases"]');
    await page.click('#case-new');
    await page.waitForSelector('#case-new-form:not([hidden])');
    expect(await page.isChecked('#case-new-with-selection')).toBe(true);
    expect(await page.textContent('#case-new-form label.check')).toContain('2 个');
    await page.waitForSelector('#case-new-lead option[value="inv2"]', { state: 'attached' });
    expect(await page.inputValue('#case-new-lead')).toBe('investigator');
    expect(await page.textContent('#case-new-lead option[value="inv2"]')).toBe('李四（inv2） · 办案人员');

    // No title: refused in the viewer, nothing created.
    await page.click('#case-new-save');
    await page.waitForSelector('#status-notice.error:has-text("请填写案件名称")');
    expect((await api<{ total: number }>('/cases')).body.total).toBe(0);

    await page.fill('#case-new-title', '村道硬化工程款核查');
    await page.evaluate(() => document.querySelector('.dock-bodies')?.scrollTo(0, 0));
    await shot(page, '14-case-new');
    await page.click('#case-new-save');
    await page.waitForSelector('#case-number');
    caseId = (await page.textContent('#case-number'))!;
    expect(caseId).toMatch(/^QF-\d{4}-\d{4}$/);
    expect(await page.textContent('#case-title')).toBe('村道硬化工程款核查');
    for (const n of picked) await page.waitForSelector(`#case-subjects li[data-id="${n.id}"]`);
    const created = await readCase();
    expect(created.case.lead).toBe('investigator');
    expect(created.subjects.map((s) => s.id).sort()).toEqual(picked.map((n) => n.id).sort());
    expect(created.clues).toEqual([]);

    await page.click('#case-back');
    await page.waitForSelector(`#case-list .case-item[data-case="${caseId}"]`);
    expect(await page.textContent(`#case-list .case-item[data-case="${caseId}"] .case-title`)).toBe(
      '村道硬化工程款核查',
    );
  });

  it('edits the title: the head and the history change', async () => {
    await page.click(`#case-list .case-item[data-case="${caseId}"]`);
    await page.waitForSelector('#case-title-edit');
    await page.click('#case-title-edit');
    expect(await page.isVisible('#case-title')).toBe(false);
    expect(await page.inputValue('#case-title-input')).toBe('村道硬化工程款核查');
    await page.fill('#case-title-input', '村道硬化工程款虚报核查');
    await page.click('#case-title-save');
    await page.waitForSelector('#case-title:has-text("村道硬化工程款虚报核查")');
    expect((await readCase()).case.title).toBe('村道硬化工程款虚报核查');
    await page.click('#case-history summary');
    await page.waitForSelector('#case-history-list li[data-event="update"]');
    expect(await page.textContent('#case-history-list li[data-event="update"]')).toContain(
      '标题: 村道硬化工程款核查 → 村道硬化工程款虚报核查',
    );
  });

  it('a non-lead member gets the title edit (the server allows it) but not the team editor', async () => {
    const team = await api(`/cases/${caseId}`, 'PATCH', { members: ['inv2'] });
    expect(team.status).toBe(200);
    const other = await loginAs(driven.browser, 'inv2');
    try {
      await other.click('.dock-tab[data-panel="cases"]');
      await other.click(`#case-list .case-item[data-case="${caseId}"]`);
      await other.waitForSelector('#case-title-edit');
      expect(await other.locator('#case-team-edit').count()).toBe(0);
      // What the button mirrors: PATCH title is open to members, PATCH team is not.
      expect((await api(`/cases/${caseId}`, 'PATCH', { members: [] }, other)).status).toBe(403);
      await other.click('#case-title-edit');
      await other.fill('#case-title-input', '村道硬化工程款虚报核查（协查）');
      await other.click('#case-title-save');
      await other.waitForSelector('#case-title:has-text("（协查）")');
      expect((await readCase()).case.title).toBe('村道硬化工程款虚报核查（协查）');
    } finally {
      await other.context().close();
    }
  });

  it('adds a demo clue to the case from the clue screen, with its subjects', async () => {
    const clueSubjects = (await api<ClueAnswer>(`/clues/${joinClue}`)).body.subjects.map((s) => s.id);
    expect(clueSubjects.length).toBeGreaterThan(0);
    await openClue(page, joinClue);
    await page.waitForSelector(`#clue-join-case option[value="${caseId}"]`, { state: 'attached' });
    expect(await page.isVisible('#clue-open-case')).toBe(true);
    expect(await page.isDisabled('#clue-join-case-save')).toBe(true);
    await page.selectOption('#clue-join-case', caseId);
    await page.click('#clue-join-case-save');
    await page.waitForSelector(`#clue-join-case-open[data-case="${caseId}"]`);
    expect(await page.textContent('#status-notice')).toBe(`已加入案件 ${caseId}`);

    await page.click('#clue-join-case-open');
    await page.waitForSelector(`#case-clues li[data-clue="${joinClue}"]`);
    expect(await page.textContent('#case-number')).toBe(caseId);
    for (const id of clueSubjects)
      expect(await page.locator(`#case-subjects li[data-id="${id}"]`).count()).toBe(1);
    const after = await readCase();
    expect(after.clues.map((c) => c.clueId)).toEqual([joinClue]);
    const ids = new Set(after.subjects.map((s) => s.id));
    for (const id of [...clueSubjects, ...picked.map((n) => n.id)]) expect(ids.has(id)).toBe(true);

    // A closed case is no longer offered.
    const closed = await api(`/cases/${caseId}`, 'PATCH', { status: 'closed', comment: '核查完毕' });
    expect(closed.status).toBe(200);
    await openClue(page, otherClue);
    await page.waitForSelector('#clue-join-case option:has-text("加入已有案件")', { state: 'attached' });
    expect(await page.locator(`#clue-join-case option[value="${caseId}"]`).count()).toBe(0);
    expect(driven.errors).toEqual([]);
  });

  it('a viewer gets neither the cases panel nor the case forms on a clue', async () => {
    const viewer = await loginAs(driven.browser, 'viewer');
    try {
      expect(await viewer.locator('.dock-tab[data-panel="cases"]').count()).toBe(0);
      expect(await viewer.locator('#case-new').count()).toBe(0);
      await openClue(viewer, joinClue);
      expect(await viewer.locator('#clue-join-case').count()).toBe(0);
      expect(await viewer.locator('#clue-open-case').count()).toBe(0);
    } finally {
      await viewer.context().close();
    }
  });
});
