// The viewer end to end in real headless Chromium over the demo county: login, search, expand, filter, undo,
// language, export. Screenshots of the main states go to test/e2e/output/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject, Truth } from '../../engine/demo/index.ts';
import { TEST_PASSWORD } from '../setup/api.ts';
import {
  buildViewer,
  type Driven,
  loadDemoCounty,
  OUTPUT_DIR,
  openBrowser,
  type RunningApp,
  shot,
  startApp,
  waitForLayout,
} from './harness.ts';

let truth: Truth;
let server: RunningApp;
let driven: Driven;
let page: Page;

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;

/** A cadre planted in a scheme, with a name, for the search. */
function plantedCadre(): Subject {
  for (const scheme of truth.schemes)
    for (const s of scheme.subjects) if (s.type === 'Person' && s.role === 'cadre' && s.name) return s;
  throw new Error('the demo county has no planted cadre');
}

describe('viewer', () => {
  beforeAll(async () => {
    await buildViewer();
    truth = await loadDemoCounty(1);
    server = await startApp();
    driven = await openBrowser();
    page = driven.page;
  }, 600_000);

  afterAll(async () => {
    await driven?.browser.close();
    await server?.close();
  });

  it('serves the app at / with a no-cache page, immutable assets and a SPA fallback', async () => {
    const index = await fetch(`${server.base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${server.base}${asset}`);
    expect(script.headers.get('cache-control')).toContain('immutable');
    const deep = await fetch(`${server.base}/case/42`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
    expect((await fetch(`${server.base}/assets/missing-00000000.js`)).status).toBe(404);
    const api = await fetch(`${server.base}/api/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { id: string } }).error.id).toBe('route.notFound');
  });

  it('logs in with the session cookie and shows the user and role', async () => {
    await page.goto(`${server.base}/`);
    await page.waitForSelector('#login-form');
    await shot(page, '01-login');
    await page.fill('#login-username', 'investigator');
    await page.fill('#login-password', 'wrong-password');
    await page.click('#login-submit');
    await expect.poll(() => page.textContent('#login-error')).toContain('用户名或口令错误');
    await page.fill('#login-password', TEST_PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#workspace');
    await page.waitForFunction(() => window.__qingfeng?.ready);
    expect(await page.textContent('#user-name')).toBe('investigator');
    expect(await page.textContent('#user-role')).toBe('办案人员');
    // The token lives in an HttpOnly cookie: the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('qingfeng_session');
    // A reload keeps the session (GET /api/auth/me).
    await page.reload();
    await page.waitForFunction(() => window.__qingfeng?.ready);
    expect(await page.isVisible('#workspace')).toBe(true);
    // Legend generated from the schema.
    expect(await page.locator('#legend-entities li').count()).toBeGreaterThan(6);
    expect(await page.locator('#legend-relations li').count()).toBeGreaterThan(8);
  });

  it('searches a cadre and drops the hit onto the canvas, masked for an investigator', async () => {
    const cadre = plantedCadre();
    await page.fill('#search-input', cadre.name!);
    await page.waitForSelector('#search-results li.hit');
    await shot(page, '02-search');
    const hit = page.locator('#search-results li.hit', { hasText: masked(cadre.key) }).first();
    await hit.click();
    await page.waitForFunction(() => window.__qingfeng.nodes().length === 1);
    const [node] = await page.evaluate(() => window.__qingfeng.nodes());
    expect(node!.label).toBe(cadre.name);
    expect(node!.type).toBe('Person');
    // The detail panel shows the entity, with the ID number masked by the server.
    await page.waitForSelector('.detail-title');
    const detail = await page.textContent('#dock');
    expect(detail).toContain(masked(cadre.key));
    expect(detail).not.toContain(cadre.key);
  });

  it('expands the node by double-click; the layout runs in its worker', async () => {
    const [node] = await page.evaluate(() => window.__qingfeng.nodes());
    const box = (await page.locator('#canvas').boundingBox())!;
    await page.mouse.dblclick(box.x + node!.x, box.y + node!.y);
    await page.waitForFunction(() => window.__qingfeng.nodes().length > 1, undefined, { timeout: 30_000 });
    await waitForLayout(page);
    const state = await page.evaluate(() => ({
      nodes: window.__qingfeng.nodes().length,
      edges: window.__qingfeng.edges().length,
      layout: window.__qingfeng.layout(),
    }));
    expect(state.nodes).toBeGreaterThan(2);
    expect(state.edges).toBeGreaterThanOrEqual(state.nodes - 1);
    expect(state.layout.iterations).toBeGreaterThan(0);
  });

  it('pages a large neighbourhood: "N more" on the node, the next page on demand', async () => {
    const village = (await page.evaluate(() => window.__qingfeng.nodes())).find((n) => n.type === 'Village');
    expect(village, 'the cadre lives in a village').toBeDefined();
    const total = await page.evaluate(
      (id) =>
        fetch(`/api/entities/${encodeURIComponent(id)}/neighbours?limit=1`, { credentials: 'same-origin' })
          .then((r) => r.json())
          .then((a: { total: number }) => a.total),
      village!.id,
    );
    expect(total).toBeGreaterThan(40);
    await page.evaluate((id) => window.__qingfeng.ctx!.commands.expand(id), village!.id);
    const first = (await page.evaluate((id) => window.__qingfeng.node(id), village!.id))!;
    expect(first.expansionMore).toBe(total - 40);
    expect(first.displayLabel).toBe(`${village!.label} (+${total - 40})`);
    await page.evaluate((id) => window.__qingfeng.ctx!.commands.expand(id, { more: true }), village!.id);
    const second = (await page.evaluate((id) => window.__qingfeng.node(id), village!.id))!;
    expect(second.expansionMore).toBe(Math.max(0, total - 80));
    await waitForLayout(page);
    await page.click('#tool-fit');
    await page.waitForTimeout(500);
    await shot(page, '03-expanded');
  });

  it('filters a relationship type by the edge reducer, without touching the graph', async () => {
    const before = await page.evaluate(() => window.__qingfeng.edges());
    const counts = new Map<string, number>();
    for (const e of before) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    const [type] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(before.filter((e) => e.type === type).every((e) => e.visible)).toBe(true);
    await page.locator(`input[data-filter-relation="${type}"]`).uncheck();
    await page.waitForFunction(
      (t) =>
        window.__qingfeng
          .edges()
          .filter((e) => e.type === t)
          .every((e) => !e.visible),
      type,
    );
    const after = await page.evaluate(() => window.__qingfeng.edges());
    expect(after.length).toBe(before.length);
    expect(after.filter((e) => e.type !== type && e.visible).length).toBe(
      before.filter((e) => e.type !== type && e.visible).length,
    );
    await shot(page, '04-filtered');
    await page.locator(`input[data-filter-relation="${type}"]`).check();
    await page.waitForFunction(() => window.__qingfeng.edges().every((e) => e.visible));
  });

  it('collapses the expansion and undoes it', async () => {
    const seed = (await page.evaluate(() => window.__qingfeng.selection()))[0]!;
    const total = await page.evaluate(() => window.__qingfeng.nodes().length);
    await page.evaluate((id) => window.__qingfeng.ctx!.selection.set([id]), seed);
    await page.click('#tool-collapse');
    await page.waitForFunction(() => window.__qingfeng.nodes().length === 1);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => window.__qingfeng.nodes().length === n, total);
    expect(await page.evaluate(() => window.__qingfeng.history().canRedo)).toBe(true);
  });

  it('switches the interface to English', async () => {
    expect(await page.textContent('#sidebar h2')).toBe('图例与筛选');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => window.__qingfeng.lang() === 'en');
    expect(await page.textContent('#sidebar h2')).toBe('Legend and filters');
    expect(await page.textContent('.dock-tab.active')).toBe('Detail');
    expect(await page.textContent('#user-role')).toBe('Investigator');
    expect(await page.getAttribute('#search-input', 'placeholder')).toContain('Search');
    await shot(page, '05-english');
  });

  it('exports the view as PNG and SVG files', async () => {
    const [pngDownload, audited] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().endsWith('/api/exports') && r.request().method() === 'POST'),
      page.click('#tool-png'),
    ]);
    // Exports made in the browser are recorded in the audit log.
    expect(audited.status()).toBe(201);
    expect(pngDownload.suggestedFilename()).toMatch(/^qingfeng-\d{8}-\d{4}\.png$/);
    const png = readFileSync((await pngDownload.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(20_000);
    await pngDownload.saveAs(join(OUTPUT_DIR, '06-export.png'));
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('#tool-svg')]);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg).toContain('<svg');
    expect((svg.match(/<line /g) ?? []).length).toBeGreaterThan(1);
    expect(driven.errors).toEqual([]);
  });

  it('draws a big graph with the lean renderer, shows every layout slice, and swaps back on undo', async () => {
    const before = await page.evaluate(() => window.__qingfeng.nodes().length);
    expect(await page.evaluate(() => window.__qingfeng.ctx!.canvas.renderMode)).toBe('full');
    // 1,800 synthetic accounts in rings of 60 with 3 transfers each: over the 1,500-node line.
    await page.evaluate(() => {
      const nodes = Array.from({ length: 1800 }, (_, i) => ({
        id: `big-${i}`,
        type: 'Account',
        key: `62220000${String(i).padStart(8, '0')}`,
        label: `账户 ${i}`,
        props: {},
      }));
      const edges = nodes.flatMap((_, i) =>
        [1, 7, 23].map((step, j) => ({
          id: `big-e${i}-${j}`,
          type: 'TRANSFER',
          source: `big-${i}`,
          target: `big-${Math.floor(i / 60) * 60 + ((i + step) % 60)}`,
          props: { amount: 1000 + i, time: '2023-05-01T00:00:00' },
        })),
      );
      window.__qingfeng.ctx!.commands.show({ nodes, edges }, { seeds: 'all' });
    });
    const drawn = await page.evaluate(() => {
      const { canvas, graph } = window.__qingfeng.ctx!;
      return { mode: canvas.renderMode, sigmaOrder: canvas.sigma.getGraph().order, order: graph.order };
    });
    expect(drawn.mode).toBe('lean');
    expect(drawn.order).toBe(before + 1800);
    expect(drawn.sigmaOrder).toBe(drawn.order);
    // The merge restarts the layout (Commands.afterChange): wait for that run to start, then to finish.
    await page.waitForFunction(() => window.__qingfeng.layout().running, undefined, { timeout: 30_000 });
    await page.waitForFunction(() => !window.__qingfeng.layout().running, undefined, { timeout: 180_000 });
    // Every node sigma draws sits where the graph says: the slices covered them all, the last one included.
    const misplaced = await page.evaluate(() => {
      const { canvas, graph } = window.__qingfeng.ctx!;
      const s = canvas.sigma;
      let off = 0;
      graph.forEachNode((id, a) => {
        const data = s.getNodeDisplayData(id);
        if (!data) return;
        const shown = s.framedGraphToViewport(data);
        const truth = s.graphToViewport({ x: a.x, y: a.y });
        if (Math.hypot(shown.x - truth.x, shown.y - truth.y) > 1) off++;
      });
      return off;
    });
    expect(await page.evaluate(() => window.__qingfeng.layout().iterations)).toBeGreaterThan(0);
    expect(misplaced).toBe(0);
    await page.evaluate(() => window.__qingfeng.ctx!.history.undo());
    await page.waitForFunction((n) => window.__qingfeng.nodes().length === n, before);
    expect(await page.evaluate(() => window.__qingfeng.ctx!.canvas.renderMode)).toBe('full');
    // The new renderer answers clicks: a node clicked where it is drawn gets selected.
    await page.evaluate(() => window.__qingfeng.ctx!.canvas.fit());
    await page.waitForTimeout(500);
    const box = (await page.locator('#canvas').boundingBox())!;
    const target = await page.evaluate(
      ({ width, height }) =>
        window.__qingfeng
          .nodes()
          .find((n) => n.visible && n.x > 20 && n.y > 20 && n.x < width - 20 && n.y < height - 20)!,
      { width: box.width, height: box.height },
    );
    await page.evaluate(() => window.__qingfeng.ctx!.selection.set([]));
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForFunction(() => window.__qingfeng.selection().length > 0);
  });

  it('logs out back to the login screen', async () => {
    await page.click('#logout');
    await page.waitForSelector('#login-form');
    const me = await page.evaluate(() =>
      fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) => r.status),
    );
    expect(me).toBe(401);
  });

  it('shows a viewer no export buttons (the role has no export permission)', async () => {
    await page.fill('#login-username', 'viewer');
    await page.fill('#login-password', TEST_PASSWORD);
    await page.click('#login-submit');
    await page.waitForFunction(() => window.__qingfeng?.ready);
    expect(await page.textContent('#user-role')).toBe('Viewer');
    expect(await page.locator('#tool-png').count()).toBe(0);
    expect(await page.locator('#tool-undo').count()).toBe(1);
  });
});
