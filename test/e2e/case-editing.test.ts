// The case editing screens end to end in headless Chromium over the demo county: change the team (kept after a
// reload), add a canvas node as subject and remove it, detach a clue, edit a note, save a view with camera and
// time range, delete another view, reload the first (camera and slider restored), read the history.
// Screenshot 13-case-editing goes to test/e2e/output/ (and docs/images/ for the user guide).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Driven, openWorkspace, pageApi, shot, type Workspace, waitForLayout } from './harness.ts';

let workspace: Workspace;
let driven: Driven;
let page: Page;
let caseId = '';
let mainClue = '';
let otherClue = '';
let extraNode = '';
const dialogs: string[] = [];

const api = <T>(path: string, method = 'GET', body?: unknown) => pageApi<T>(page, path, method, body);

interface CaseAnswer {
  case: { lead: string; members: string[] };
  subjects: { id: string; role: string | null }[];
  clues: { clueId: string }[];
  notes: { noteId: string; text: string; editedAt: string | null }[];
  views: { viewId: string; name: string }[];
}
const readCase = async () => (await api<CaseAnswer>(`/cases/${caseId}`)).body;

async function openCase(): Promise<void> {
  await page.click('.dock-tab[data-panel="cases"]');
  // The panel may still show the case (another panel was in front meanwhile): back to the list first.
  if (await page.isVisible('#case-back')) await page.click('#case-back');
  await page.waitForSelector(`#case-list .case-item[data-case="${caseId}"]`);
  await page.click(`#case-list .case-item[data-case="${caseId}"]`);
  await page.waitForSelector(`#case-number:has-text("${caseId}")`);
}

const camera = () =>
  page.evaluate(() => {
    const { x, y, ratio } = window.__qingfeng.ctx!.canvas.sigma.getCamera().getState();
    return { x, y, ratio };
  });
const slider = () =>
  page.evaluate(() => [
    document.querySelector<HTMLInputElement>('#time-from')!.value,
    document.querySelector<HTMLInputElement>('#time-to')!.value,
  ]);

describe('case editing screens', () => {
  beforeAll(async () => {
    workspace = await openWorkspace('investigator');
    driven = workspace.driven;
    page = workspace.page;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    // A clue whose evidence has dated relationships (the time slider needs them), and a second clue.
    const list = await api<{ clues: { clueId: string }[] }>('/clues?limit=40&sort=score');
    for (const { clueId } of list.body.clues) {
      const one = await api<{ graph: { edges: { props: Record<string, unknown> }[] } }>(
        `/clues/${encodeURIComponent(clueId)}`,
      );
      const times = new Set(one.body.graph.edges.map((e) => e.props.time ?? e.props.date).filter(Boolean));
      if (!mainClue && times.size >= 2) mainClue = clueId;
      else if (!otherClue) otherClue = clueId;
      if (mainClue && otherClue) break;
    }
    expect(mainClue).not.toBe('');
    const opened = await api<{ case: { caseId: string } }>('/cases', 'POST', { fromClue: mainClue });
    expect(opened.status).toBe(201);
    caseId = opened.body.case.caseId;
    const attached = await api(`/cases/${caseId}/clues`, 'POST', { clues: [otherClue] });
    expect(attached.status).toBe(200);
  }, 900_000);

  afterAll(async () => {
    await workspace?.close();
  });

  it('adds a member to the team, kept after a reload', async () => {
    await openCase();
    expect(await page.textContent('#case-lead')).toBe('investigator');
    expect(await page.textContent('#case-members')).toBe('—');
    await page.click('#case-team-edit');
    await page.waitForSelector('#case-team-form:not([hidden]) input.case-team-member');
    const offered = await page.$$eval('input.case-team-member', (els) =>
      els.map((e) => (e as HTMLInputElement).value),
    );
    expect(offered).toContain('analyst');
    expect(offered).not.toContain('viewer');
    expect(await page.inputValue('#case-team-lead')).toBe('investigator');
    await page.check('input.case-team-member[value="analyst"]');
    await page.click('#case-team-save');
    await page.waitForSelector('#case-members:has-text("analyst")');
    expect((await readCase()).case).toMatchObject({ lead: 'investigator', members: ['analyst'] });

    await page.reload();
    await page.waitForFunction(() => window.__qingfeng?.ready);
    await openCase();
    expect(await page.textContent('#case-members')).toBe('analyst');
  });

  it('shows model roles in Chinese, adds a canvas node as subject and removes it', async () => {
    const before = await readCase();
    const modelRoles = ['cadre', 'relative', 'payee', 'payer', 'recipient', 'resident', 'holder'];
    const named = before.subjects.find((s) => s.role && modelRoles.includes(s.role));
    expect(named).toBeDefined();
    const badge = await page.textContent(`#case-subjects li[data-id="${named!.id}"] .badge`);
    expect(badge).not.toBe(named!.role);
    expect(badge).toMatch(/[\u4e00-\u9fa5]/);

    // The clue's evidence graph on the canvas, opened from the case.
    await page.click(`#case-clues li[data-clue="${mainClue}"]`);
    await page.waitForSelector('#clue-show-graph');
    await page.click('#clue-show-graph');
    await page.waitForFunction(() => window.__qingfeng.nodes().length > 0);
    await waitForLayout(page);
    // The evidence may hold nothing but subjects: expand one (as a double click does) for a neighbour.
    const subjectIds = new Set(before.subjects.map((s) => s.id));
    await page.evaluate((id) => window.__qingfeng.ctx!.commands.expand(id), named!.id);
    const onCanvas = await page.evaluate(() => {
      const g = window.__qingfeng.ctx!.graph;
      return g
        .nodes()
        .filter((id) => ['Person', 'Company', 'Account'].includes(g.getNodeAttribute(id, 'type')));
    });
    extraNode = onCanvas.find((id) => !subjectIds.has(id))!;
    expect(extraNode).toBeDefined();
    await page.evaluate((id) => window.__qingfeng.ctx!.selection.set([id]), extraNode);

    await openCase();
    await page.fill('#case-subject-role', '证人');
    await page.click('#case-subject-add');
    const row = `#case-subjects li[data-id="${extraNode}"]`;
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} .badge`)).toBe('证人');
    const added = await readCase();
    expect(added.subjects.find((s) => s.id === extraNode)?.role).toBe('证人');
    expect(added.subjects).toHaveLength(before.subjects.length + 1);

    await page.click(`${row} .case-subject-remove`);
    await page.waitForSelector(row, { state: 'detached' });
    expect(dialogs.at(-1)).toContain('移除');
    const removed = await readCase();
    expect(removed.subjects.map((s) => s.id)).not.toContain(extraNode);
    expect(removed.subjects).toHaveLength(before.subjects.length);
  });

  it('detaches a clue from the case', async () => {
    await page.click('.dock-tab[data-panel="cases"]');
    const row = `#case-clues li[data-clue="${otherClue}"]`;
    await page.waitForSelector(row);
    await page.click(`${row} .case-clue-detach`);
    await page.waitForSelector(row, { state: 'detached' });
    expect(dialogs.at(-1)).toContain(otherClue);
    const clues = (await readCase()).clues.map((c) => c.clueId);
    expect(clues).toEqual([mainClue]);
    // The clue itself is still there.
    expect((await api(`/clues/${encodeURIComponent(otherClue)}`)).status).toBe(200);
  });

  it('edits a note of mine: the text changes and it is marked edited', async () => {
    await page.fill('#case-note-text', '初稿：待核实');
    await page.click('#case-note-add');
    const first = '#case-notes li:has-text("初稿：待核实")';
    await page.waitForSelector(first);
    expect(await page.locator(`${first} .note-edited`).count()).toBe(0);
    const mine = `#case-notes li[data-note="${await page.getAttribute(first, 'data-note')}"]`;
    await page.click(`${mine} .case-note-edit`);
    expect(await page.inputValue(`${mine} .case-note-edit-text`)).toBe('初稿：待核实');
    await page.fill(`${mine} .case-note-edit-text`, '修订：已核实银行流水');
    await page.click(`${mine} .case-note-save`);
    const edited = '#case-notes li:has-text("修订：已核实银行流水")';
    await page.waitForSelector(`${edited} .note-edited`);
    expect(await page.textContent(`${edited} .note-edited`)).toContain('已编辑');
    expect(await page.locator(first).count()).toBe(0);
    const note = (await readCase()).notes.find((n) => n.text === '修订：已核实银行流水');
    expect(note?.editedAt).toBeTruthy();
  });

  it('saves a view with camera and time range, deletes another view', async () => {
    expect(await page.isDisabled('#time-from')).toBe(false);
    await page.evaluate(() => {
      for (const [id, v] of [
        ['#time-from', '300'],
        ['#time-to', '800'],
      ] as const) {
        const input = document.querySelector<HTMLInputElement>(id)!;
        input.value = v;
        input.dispatchEvent(new Event('input'));
      }
      window.__qingfeng.ctx!.canvas.sigma.getCamera().setState({ x: 0.42, y: 0.58, ratio: 0.5 });
    });
    expect(await page.evaluate(() => window.__qingfeng.ctx!.filters.filters.timeRange)).not.toBeNull();
    await page.fill('#case-view-name', '带镜头');
    await page.click('#case-view-save');
    await page.waitForSelector('#case-views li:has-text("带镜头")');
    await page.fill('#case-view-name', '待删除');
    await page.click('#case-view-save');
    await page.waitForSelector('#case-views li:has-text("待删除")');

    const views = (await readCase()).views;
    const kept = views.find((v) => v.name === '带镜头')!;
    const state = await api<{
      view: { state: { camera: { ratio: number; x: number }; filters: { timeRange: number[] | null } } };
    }>(`/cases/${caseId}/views/${kept.viewId}`);
    expect(state.body.view.state.camera.ratio).toBeCloseTo(0.5, 5);
    expect(state.body.view.state.camera.x).toBeCloseTo(0.42, 5);
    expect(state.body.view.state.filters.timeRange).toHaveLength(2);

    await page.click('#case-views li:has-text("待删除") .case-view-delete');
    await page.waitForSelector('#case-views li:has-text("待删除")', { state: 'detached' });
    expect(dialogs.at(-1)).toContain('待删除');
    expect((await readCase()).views.map((v) => v.name)).toEqual(['带镜头']);
  });

  it('loads the view back: nodes, camera and the time slider restored', async () => {
    await page.click('#filters-reset');
    expect(await slider()).toEqual(['0', '1000']);
    await page.evaluate(() => window.__qingfeng.ctx!.commands.clear());
    await page.waitForFunction(() => window.__qingfeng.nodes().length === 0);
    await page.evaluate(() =>
      window.__qingfeng.ctx!.canvas.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 }),
    );

    await page.click('#case-views li:has-text("带镜头") .case-view-load');
    await page.waitForFunction(() => window.__qingfeng.nodes().length > 0);
    await page.waitForFunction(
      () => Math.abs(window.__qingfeng.ctx!.canvas.sigma.getCamera().ratio - 0.5) < 1e-6,
    );
    await page.waitForTimeout(500); // nothing (a late fit) moves it afterwards
    const restored = await camera();
    expect(restored.ratio).toBeCloseTo(0.5, 5);
    expect(restored.x).toBeCloseTo(0.42, 5);
    expect(restored.y).toBeCloseTo(0.58, 5);
    expect(await slider()).toEqual(['300', '800']);
    expect(await page.evaluate(() => window.__qingfeng.ctx!.filters.filters.timeRange)).not.toBeNull();
    expect(await page.textContent('.range-label')).toMatch(/\d{4}-\d{2}-\d{2} — \d{4}-\d{2}-\d{2}/);
  });

  it('lists the history, newest first, in Chinese', async () => {
    expect(await page.getAttribute('#case-history', 'open')).toBeNull();
    await page.click('#case-history summary');
    await page.waitForSelector('#case-history-list li.case-history-entry');
    const events = await page.$$eval('#case-history-list li.case-history-entry', (els) =>
      els.map((e) => (e as HTMLElement).dataset.event),
    );
    expect(events[0]).toBe('view.delete');
    expect(events.at(-1)).toBe('created');
    for (const event of [
      'update',
      'subject.add',
      'subject.remove',
      'clue.attach',
      'clue.detach',
      'note.edit',
    ])
      expect(events).toContain(event);
    expect(await page.textContent('li[data-event="clue.detach"] .case-history-event')).toBe('移出线索');
    expect(await page.textContent('li[data-event="update"]')).toContain('成员: — → analyst');
    expect(await page.textContent('li[data-event="note.edit"]')).toContain('初稿：待核实');
    expect(await page.textContent('li[data-event="view.delete"]')).toContain('待删除');

    await page.click('#case-team-edit');
    await page.waitForSelector('#case-team-form:not([hidden])');
    expect(await page.isDisabled('input.case-team-member[value="investigator"]')).toBe(true);
    await page.evaluate(() => {
      document.querySelector('.dock-bodies')?.scrollTo(0, 0);
      window.__qingfeng.ctx!.canvas.fit();
    });
    await page.waitForTimeout(500);
    await shot(page, '13-case-editing');
    expect(driven.errors).toEqual([]);
  });
});
