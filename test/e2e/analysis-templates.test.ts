// The analysis panels end to end in headless Chromium over the demo county: path finder between a planted cadre
// and company, template runner (form, table, graph, ad-hoc Cypher, save), fund-flow layout, time filter, equity
// tree, transaction timeline. Screenshots 20-path, 21-template, 22-flow, 23-equity under test/e2e/output/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject, Truth } from '../../engine/demo/index.ts';
import { type Driven, openWorkspace, shot, type Workspace, waitForLayout } from './harness.ts';

let truth: Truth;
let workspace: Workspace;
let driven: Driven;
let page: Page;

interface Hop {
  id: string;
  from: { id: string };
  to: { id: string };
  amount: number | null;
  time: string | null;
}

/** The element id of an entity found by its business key (the page's own API call, with the session). */
async function dropByKey(key: string, type: string): Promise<string> {
  return page.evaluate(
    async ({ key, type }) => {
      const answer = await fetch(`/api/entities/search?q=${encodeURIComponent(key)}&limit=20`, {
        credentials: 'same-origin',
      }).then((r) => r.json());
      const hit = (answer.items as { id: string; key: string; type: string }[]).find(
        (i) => i.key === key && i.type === type,
      );
      if (!hit) throw new Error(`no ${type} ${key}`);
      window.__qingfeng.ctx!.commands.drop(hit as never);
      return hit.id;
    },
    { key, type },
  );
}

async function clearCanvas(): Promise<void> {
  await page.evaluate(() => window.__qingfeng.ctx!.commands.clear());
  await page.waitForFunction(() => window.__qingfeng.nodes().length === 0);
}

async function openPanel(id: string): Promise<void> {
  await page.click(`.dock-tab[data-panel="${id}"]`);
  await page.waitForSelector(`.dock-body[data-panel="${id}"]:not([hidden])`);
}

async function select(ids: string[]): Promise<void> {
  await page.evaluate((list) => window.__qingfeng.ctx!.selection.set(list), ids);
}

/** Planted (cadre, company) pairs: the cadre's relative is tied to the company. */
function cadreCompanyPairs(): { cadre: Subject; company: Subject }[] {
  const pairs: { cadre: Subject; company: Subject }[] = [];
  for (const scheme of [...truth.schemes].sort((a, b) =>
    a.model === 'cadre_related_contractor' ? -1 : b.model === 'cadre_related_contractor' ? 1 : 0,
  )) {
    const cadre = scheme.subjects.find((s) => s.type === 'Person' && s.role === 'cadre');
    const company = scheme.subjects.find((s) => s.type === 'Company');
    if (cadre && company) pairs.push({ cadre, company });
  }
  return pairs;
}

describe('analysis and templates', () => {
  beforeAll(async () => {
    workspace = await openWorkspace('analyst');
    truth = workspace.truth;
    driven = workspace.driven;
    page = workspace.page;
  }, 600_000);

  afterAll(async () => {
    await workspace?.close();
  });

  let cadreId = '';
  let cadre: Subject;

  it('finds and highlights the paths between a planted cadre and company', async () => {
    const pairs = cadreCompanyPairs();
    expect(pairs.length).toBeGreaterThan(0);
    let found = false;
    for (const pair of pairs.slice(0, 6)) {
      await clearCanvas();
      cadreId = await dropByKey(pair.cadre.key, 'Person');
      const companyId = await dropByKey(pair.company.key, 'Company');
      await select([cadreId, companyId]);
      await openPanel('analysis');
      expect(await page.textContent('#analysis-paths .af-ends')).toContain(pair.cadre.name!);
      await page.click('#path-find');
      await page.waitForSelector('#path-list li');
      if ((await page.locator('#path-list li.af-path').count()) === 0) continue;
      cadre = pair.cadre;
      found = true;
      const state = await page.evaluate(
        ({ a, b }) => {
          const hook = window.__qingfeng;
          const highlight = hook.ctx!.filters.view.highlight;
          return {
            highlightNodes: highlight ? [...highlight.nodes] : [],
            highlightEdges: highlight ? [...highlight.edges] : [],
            nodes: hook.nodes().map((n) => n.id),
            edges: hook.edges(),
            ends: [hook.node(a)?.visible, hook.node(b)?.visible],
          };
        },
        { a: cadreId, b: companyId },
      );
      expect(state.highlightNodes).toContain(cadreId);
      expect(state.highlightNodes).toContain(companyId);
      expect(state.highlightEdges.length).toBeGreaterThan(0);
      for (const id of state.highlightNodes) expect(state.nodes).toContain(id);
      for (const id of state.highlightEdges)
        expect(state.edges.find((e) => e.id === id)?.visible, `edge ${id} drawn`).toBe(true);
      expect(state.ends).toEqual([true, true]);
      // The list names both ends with hop labels.
      const first = await page.textContent('#path-list li.af-path');
      expect(first).toContain(pair.cadre.name!);
      expect(first).toMatch(/路径 1（\d+ 跳）/);
      await waitForLayout(page).catch(() => undefined);
      await page.click('#tool-fit');
      await page.waitForTimeout(400);
      await shot(page, '20-path');
      break;
    }
    expect(found, 'a path between a planted cadre and company').toBe(true);
  });

  it('runs a template from a typed form: table rows, then the graph grows', async () => {
    await clearCanvas();
    cadreId = await dropByKey(cadre.key, 'Person');
    await select([cadreId]);
    await openPanel('templates');
    await page.waitForSelector('#tpl-select option[value="cadre_relatives_companies"]', {
      state: 'attached',
    });
    await page.selectOption('#tpl-select', 'cadre_relatives_companies');
    // entityKey prefilled from the selected node (the analyst sees full ID numbers); enum as a select.
    expect(await page.inputValue('#tpl-param-cadre')).toBe(cadre.key);
    expect(await page.locator('select#tpl-param-onlyWithCompanies option').count()).toBeGreaterThan(1);
    await page.click('#tpl-run');
    await page.waitForSelector('#tpl-table tbody tr');
    const rows = await page.evaluate(
      (key) =>
        fetch('/api/templates/cadre_relatives_companies/run', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ params: { cadre: key } }),
        })
          .then((r) => r.json())
          .then((a: { rows: unknown[] }) => a.rows.length),
      cadre.key,
    );
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('#tpl-table tbody tr').count()).toBe(rows);
    expect(await page.textContent('#tpl-results .af-caption')).toContain(`结果 ${rows} 行`);
    const before = await page.evaluate(() => window.__qingfeng.nodes().length);
    await page.click('#tpl-show-graph');
    await page.waitForFunction((n) => window.__qingfeng.nodes().length > n, before);
    await waitForLayout(page).catch(() => undefined);
    await shot(page, '21-template');
  });

  it('runs ad-hoc Cypher and saves it as a template (analyst)', async () => {
    await page.fill('#cypher-text', 'MATCH (p:Person) WHERE p.isCadre = true RETURN p.name AS name LIMIT 3');
    await page.click('#cypher-run');
    await page.waitForFunction(() => document.querySelectorAll('#tpl-table tbody tr').length === 3);
    await page.fill('#tpl-save-title', '端到端测试：干部姓名');
    await page.click('#tpl-save');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#tpl-select option')].some((o) => o.textContent?.includes('端到端测试')),
    );
    expect(await page.inputValue('#tpl-select')).not.toBe('');
  });

  let accountId = '';

  it('traces funds and lays the chain out left to right by time', async () => {
    const scheme = truth.schemes.find(
      (s) => s.model === 'kickback_chain' && s.subjects.some((x) => x.role === 'intermediary'),
    );
    expect(scheme, 'a planted kickback chain').toBeDefined();
    const start = scheme!.subjects.find((x) => x.role === 'intermediary')!;
    await clearCanvas();
    accountId = await dropByKey(start.key, 'Account');
    await select([accountId]);
    await openPanel('analysis');
    await page.fill('#trace-window', '365');
    await page.click('#trace-run');
    await page.waitForSelector('#trace-chains tbody tr');
    const answer = await page.evaluate(
      (id) =>
        fetch(`/api/analysis/trace?account=${encodeURIComponent(id)}&maxHops=3&windowDays=365&chains=50`, {
          credentials: 'same-origin',
        }).then((r) => r.json()),
      accountId,
    );
    const chains = answer.chains as { hops: Hop[] }[];
    expect(chains.length).toBeGreaterThan(0);
    // Earliest time money reached each account.
    const reached = new Map<string, number>();
    for (const chain of chains)
      for (const hop of chain.hops) {
        const t = Date.parse(`${hop.time}Z`);
        if (hop.to.id !== accountId && !(reached.get(hop.to.id)! <= t)) reached.set(hop.to.id, t);
      }
    await page.waitForTimeout(300);
    const placed = await page.evaluate(
      (ids) => ids.map((id) => window.__qingfeng.node(id)!),
      [accountId, ...reached.keys()],
    );
    const [origin, ...rest] = placed;
    expect(origin!.pinned).toBe(true);
    for (const node of rest) {
      expect(node.pinned).toBe(true);
      expect(node.x, `${node.label} right of the start`).toBeGreaterThan(origin!.x);
    }
    const byX = [...rest].sort((a, b) => a.x - b.x);
    for (let i = 1; i < byX.length; i += 1)
      expect(reached.get(byX[i]!.id)!).toBeGreaterThanOrEqual(reached.get(byX[i - 1]!.id)!);
    // Amounts and dates on the chain's edges.
    const label = await page.evaluate(
      (id) => window.__qingfeng.ctx!.graph.getEdgeAttribute(id, 'label' as never) as string,
      chains[0]!.hops[0]!.id,
    );
    expect(label).toMatch(/¥.+ · \d{4}-\d{2}-\d{2}/);
    await shot(page, '22-flow');
  });

  it('filters transfers by time with the slider (edge reducer only)', async () => {
    const total = await page.evaluate(() => window.__qingfeng.edges().length);
    await page.evaluate(() => {
      const from = document.querySelector<HTMLInputElement>('#time-from')!;
      from.value = String(Math.round(Number(from.max) * 0.6));
      from.dispatchEvent(new Event('input'));
    });
    await page.waitForFunction(() => window.__qingfeng.edges().some((e) => !e.visible));
    const after = await page.evaluate(() => window.__qingfeng.edges());
    expect(after.length).toBe(total);
    const hidden = after.filter((e) => !e.visible);
    expect(
      hidden.every((e) => e.type === 'TRANSFER' || e.type === 'COLLECTIVE_PAYMENT' || e.type === 'SUBSIDY'),
    ).toBe(true);
    await page.evaluate(() => {
      const from = document.querySelector<HTMLInputElement>('#time-from')!;
      from.value = '0';
      from.dispatchEvent(new Event('input'));
    });
    await page.waitForFunction(() => window.__qingfeng.edges().every((e) => e.visible));
  });

  it('lists the account’s transactions by date in the detail panel; a click highlights one', async () => {
    await page.evaluate((id) => window.__qingfeng.ctx!.bus.emit('focus', { id }), accountId);
    await page.waitForSelector('#timeline-list li.tl-item');
    const dates = await page.locator('#timeline-list .tl-date').allTextContents();
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort()).toEqual(dates);
    const edge = await page.getAttribute('#timeline-list li.tl-item', 'data-edge');
    await page.click('#timeline-list li.tl-item');
    const highlighted = await page.evaluate(() => [
      ...(window.__qingfeng.ctx!.filters.view.highlight?.edges ?? []),
    ]);
    expect(highlighted).toEqual([edge]);
  });

  it('draws the ownership tree of a company with effective ratios', async () => {
    const scheme = truth.schemes.find(
      (s) => s.model === 'hidden_beneficial_owner' && s.subjects.some((x) => x.type === 'Company'),
    );
    expect(scheme, 'a planted hidden owner').toBeDefined();
    const company = scheme!.subjects.find((x) => x.type === 'Company')!;
    await clearCanvas();
    const companyId = await dropByKey(company.key, 'Company');
    await select([companyId]);
    await openPanel('analysis');
    await page.fill('#equity-threshold', '0.05');
    await page.click('#equity-run');
    await page.waitForSelector('#equity-list .af-table tbody tr');
    const nodes = await page.evaluate(() => window.__qingfeng.nodes());
    const root = nodes.find((n) => n.id === companyId)!;
    expect(nodes.length).toBeGreaterThan(1);
    // Owners above the company (smaller y on screen), ratios in their labels.
    for (const n of nodes) if (n.id !== companyId) expect(n.y).toBeLessThan(root.y);
    expect(nodes.some((n) => /\d%\)$/.test(n.label))).toBe(true);
    await shot(page, '23-equity');
  });

  it('switches the analysis texts to English', async () => {
    await page.click('#lang-toggle');
    await page.waitForFunction(() => window.__qingfeng.lang() === 'en');
    expect(await page.textContent('.dock-tab[data-panel="analysis"]')).toBe('Analysis');
    expect(await page.textContent('#path-find')).toBe('Find paths');
    expect(await page.textContent('.dock-tab[data-panel="templates"]')).toBe('Templates');
    await page.click('#lang-toggle');
    expect(driven.errors).toEqual([]);
  });
});
