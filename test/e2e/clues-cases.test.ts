// The clue list and the case screens end to end in headless Chromium over the demo county: filter clues by
// model, open one, draw its evidence, change its status, open a case from it, add a note, save a view, download
// the PDF report. Screenshots 10-clues, 11-clue-evidence, 12-case go to test/e2e/output/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Driven, openWorkspace, pageApi, shot, type Workspace, waitForLayout } from './harness.ts';

let workspace: Workspace;
let driven: Driven;
let page: Page;
let clueId = '';
let caseId = '';

const api = <T>(path: string) => pageApi<T>(page, path);

describe('clue list and case screens', () => {
  beforeAll(async () => {
    workspace = await openWorkspace('investigator');
    driven = workspace.driven;
    page = workspace.page;
  }, 600_000);

  afterAll(async () => {
    await workspace?.close();
  });

  it('lists clues with counts and filters them by model', async () => {
    await page.click('.dock-tab[data-panel="clues"]');
    await page.waitForSelector('#clue-list .clue-item');
    expect(await page.textContent('.dock-tab[data-panel="clues"]')).toBe('问题线索');
    // The model with the most clues, from the counts in the options ("title (n)").
    const options = await page.$$eval('#clue-filter-model option', (els) =>
      els.map((o) => ({
        value: (o as HTMLOptionElement).value,
        n: Number(/\((\d+)\)$/.exec(o.textContent ?? '')?.[1] ?? 0),
      })),
    );
    const best = options.filter((o) => o.value).sort((a, b) => b.n - a.n)[0]!;
    expect(best.n).toBeGreaterThan(0);
    await page.selectOption('#clue-filter-model', best.value);
    await page.waitForFunction((model) => {
      const items = [...document.querySelectorAll<HTMLElement>('#clue-list .clue-item')];
      return items.length > 0 && items.every((i) => i.dataset.model === model);
    }, best.value);
    const total = await page.textContent('#clue-list .clue-total');
    expect(total).toContain(String(best.n));
    const answer = await api<{ total: number }>(`/clues?model=${best.value}`);
    expect(answer.body.total).toBe(best.n);
    await shot(page, '10-clues');
  });

  it('opens a clue with provenance and draws its evidence graph', async () => {
    const first = page.locator('#clue-list .clue-item').first();
    clueId = (await first.getAttribute('data-clue'))!;
    await first.click();
    await page.waitForSelector('#clue-show-graph');
    expect(await page.locator('#clue-evidence .source').count()).toBeGreaterThan(0);
    expect(await page.locator('#clue-evidence .source').first().textContent()).toMatch(/#\d+/);
    expect(await page.locator('#clue-history li').count()).toBeGreaterThan(0);
    const before = await page.evaluate(() => window.__qingfeng.nodes().length);
    const detail = await api<{ graph: { nodes: unknown[] } }>(`/clues/${encodeURIComponent(clueId)}`);
    await page.click('#clue-show-graph');
    await page.waitForFunction((n) => window.__qingfeng.nodes().length > n, before);
    expect(await page.evaluate(() => window.__qingfeng.nodes().length)).toBe(
      before + detail.body.graph.nodes.length,
    );
    await waitForLayout(page);
    await page.waitForTimeout(400);
    await shot(page, '11-clue-evidence');
  });

  it('changes the clue status with a comment', async () => {
    const status = await page.getAttribute('#clue-status', 'data-status');
    expect(status).toBe('new');
    await page.selectOption('#clue-status-select', 'checking');
    await page.fill('#clue-status-comment', 'e2e 核查开始');
    await page.click('#clue-status-save');
    await page.waitForFunction(
      () => document.querySelector('#clue-status')?.getAttribute('data-status') === 'checking',
    );
    const clue = await api<{ clue: { status: string; history: { comment?: string; by: string }[] } }>(
      `/clues/${encodeURIComponent(clueId)}`,
    );
    expect(clue.body.clue.status).toBe('checking');
    expect(clue.body.clue.history.at(-1)).toMatchObject({ comment: 'e2e 核查开始', by: 'investigator' });
  });

  it('opens a case from the clue, adds a note and saves the view', async () => {
    await page.click('#clue-open-case');
    await page.waitForSelector('#case-number');
    caseId = (await page.textContent('#case-number'))!;
    expect(caseId).toMatch(/^QF-\d{4}-\d{4}$/);
    const created = await api<{ case: { fromClue: string; lead: string }; subjects: unknown[] }>(
      `/cases/${caseId}`,
    );
    expect(created.body.case).toMatchObject({ fromClue: clueId, lead: 'investigator' });
    expect(await page.locator('#case-subjects li').count()).toBe(created.body.subjects.length);

    await page.fill('#case-note-text', '已调取银行流水');
    await page.click('#case-note-add');
    await page.waitForSelector('#case-notes li:has-text("已调取银行流水")');

    await page.fill('#case-view-name', '证据图');
    await page.click('#case-view-save');
    await page.waitForSelector('#case-views li:has-text("证据图")');
    const views = await api<{ views: { viewId: string; name: string }[] }>(`/cases/${caseId}/views`);
    const saved = views.body.views.find((v) => v.name === '证据图')!;
    const view = await api<{ view: { state: { nodes: { id: string; x: number; y: number }[] } } }>(
      `/cases/${caseId}/views/${saved.viewId}`,
    );
    const canvas = await page.evaluate(() => {
      const g = window.__qingfeng.ctx!.graph;
      return g.nodes().map((id) => ({ id, x: g.getNodeAttribute(id, 'x'), y: g.getNodeAttribute(id, 'y') }));
    });
    expect(view.body.view.state.nodes.map((n) => n.id).sort()).toEqual(canvas.map((n) => n.id).sort());
    const one = view.body.view.state.nodes[0]!;
    expect(typeof one.x).toBe('number');
    expect(Number.isFinite(one.y)).toBe(true);
    await page.evaluate(() => document.querySelector('.dock-bodies')?.scrollTo(0, 0));
    await shot(page, '12-case');
  });

  it('loads the saved view onto an empty canvas at its positions', async () => {
    const saved = await api<{ views: { viewId: string }[] }>(`/cases/${caseId}/views`);
    const view = await api<{ view: { state: { nodes: { id: string; x: number; y: number }[] } } }>(
      `/cases/${caseId}/views/${saved.body.views[0]!.viewId}`,
    );
    await page.evaluate(() => window.__qingfeng.ctx!.commands.clear());
    await page.waitForFunction(() => window.__qingfeng.nodes().length === 0);
    await page.click('#case-views .case-view-load');
    await page.waitForFunction(
      (n) => window.__qingfeng.nodes().length === n,
      view.body.view.state.nodes.length,
    );
    const placed = await page.evaluate(() => {
      const g = window.__qingfeng.ctx!.graph;
      return g.nodes().map((id) => ({ id, x: g.getNodeAttribute(id, 'x'), y: g.getNodeAttribute(id, 'y') }));
    });
    for (const n of view.body.view.state.nodes) {
      const p = placed.find((q) => q.id === n.id)!;
      expect(p.x).toBeCloseTo(n.x, 3);
      expect(p.y).toBeCloseTo(n.y, 3);
    }
  });

  it('lists my cases and moves the case into investigation', async () => {
    await page.click('#case-back');
    await page.waitForSelector(`#case-list .case-item[data-case="${caseId}"]`);
    await page.click(`#case-list .case-item[data-case="${caseId}"]`);
    await page.waitForSelector(`#case-number:has-text("${caseId}")`);
    await page.selectOption('#case-status-select', 'investigation');
    await page.click('#case-status-save');
    await page.waitForFunction(
      () => document.querySelector('#case-status')?.getAttribute('data-status') === 'investigation',
    );
    const read = await api<{ case: { status: string } }>(`/cases/${caseId}`);
    expect(read.body.case.status).toBe('investigation');
  });

  it('downloads the PDF report and switches the case texts to English', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#case-report-pdf')]);
    expect(download.suggestedFilename()).toMatch(/^QF-.*\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file!).subarray(0, 4).toString()).toBe('%PDF');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => window.__qingfeng.lang() === 'en');
    expect(await page.textContent('.dock-tab[data-panel="cases"]')).toBe('Cases');
    await page.waitForSelector('#case-note-add:has-text("Add note")');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => window.__qingfeng.lang() === 'zh');
    expect(driven.errors).toEqual([]);
  });
});
