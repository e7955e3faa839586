// The analysis panel: path finder between two selected nodes, fund-flow trace, equity penetration.
import type { AppContext } from '../app/context.ts';
import { pick, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { analysisApi, type PathsAnswer } from './analysis-api.ts';
import { mountEquitySection } from './analysis-equity.ts';
import { mountFlowSection } from './analysis-flow.ts';
import { field, nodeName, numberInput, reportError } from './analysis-ui.ts';
import type { PanelInstance } from './registry.ts';

function mountPathSection(root: HTMLElement, ctx: AppContext): void {
  const api = analysisApi(ctx);
  const ends = h('div', { class: 'af-ends' });
  const maxHops = numberInput('path-max-hops', 4, 1, 8);
  const k = numberInput('path-k', 3, 1, 20);
  const list = h('ol', { class: 'af-paths', id: 'path-list' });
  let answer: PathsAnswer | null = null;

  const showEnds = () => {
    const [a, b] = ctx.selection.list;
    clear(ends);
    ends.append(
      h(
        'div',
        {},
        h('span', { class: 'muted', i18n: 'analysis.from' }),
        h('b', { text: ` ${nodeName(ctx, a)}` }),
      ),
      h(
        'div',
        {},
        h('span', { class: 'muted', i18n: 'analysis.to' }),
        h('b', { text: ` ${nodeName(ctx, b)}` }),
      ),
    );
  };

  const highlightPath = (index: number) => {
    if (!answer) return;
    const path = answer.paths[index];
    if (!path) return;
    ctx.filters.setHighlight(
      path.nodes.map((n) => n.id),
      path.edges.map((e) => e.id),
    );
    ctx.canvas.refresh();
    ctx.bus.emit('view', {});
  };

  const renderList = () => {
    clear(list);
    if (!answer) return;
    if (!answer.paths.length) list.append(h('li', { class: 'muted', text: t('analysis.noPaths') }));
    answer.paths.forEach((path, i) => {
      const steps = h('div', { class: 'af-steps' });
      path.nodes.forEach((node, j) => {
        steps.append(h('span', { class: 'af-node', text: node.label || node.key }));
        const edge = path.edges[j];
        if (edge) {
          const text = pick(ctx.schema.relations.get(edge.type ?? ''), edge.type ?? '');
          steps.append(h('span', { class: 'af-hop', text: ` —${text}→ ` }));
        }
      });
      list.append(
        h(
          'li',
          { class: 'af-path', dataset: { path: String(i) }, onclick: () => highlightPath(i) },
          h('div', { class: 'af-path-title', text: t('analysis.pathN', { n: i + 1, hops: path.hops }) }),
          steps,
        ),
      );
    });
  };

  const find = async () => {
    const [a, b] = ctx.selection.list;
    if (!a || !b) {
      ctx.bus.emit('notice', { text: t('analysis.needTwo'), kind: 'error' });
      return;
    }
    ctx.bus.emit('notice', { text: t('notice.working') });
    try {
      answer = await api.paths(a, b, Number(maxHops.value) || 4, Number(k.value) || 3);
      ctx.commands.show(answer.graph, { highlight: true, seeds: [a, b] });
      renderList();
      ctx.bus.emit('notice', { text: t('analysis.done', { n: answer.graph.nodes.length }) });
    } catch (error) {
      reportError(ctx, error);
    }
  };

  root.append(
    h('h3', { i18n: 'analysis.paths' }),
    h('p', { class: 'muted small', i18n: 'analysis.pathsHint' }),
    ends,
    h('div', { class: 'af-row' }, field('analysis.maxHops', maxHops), field('analysis.k', k)),
    h('button', {
      type: 'button',
      class: 'btn primary',
      id: 'path-find',
      i18n: 'analysis.findPaths',
      onclick: () => void find(),
    }),
    list,
  );
  showEnds();
  ctx.bus.on('selection', showEnds);
  ctx.bus.on('graph', showEnds);
  ctx.bus.on('lang', () => {
    showEnds();
    renderList();
  });
}

export function mountAnalysisPanel(root: HTMLElement, ctx: AppContext): PanelInstance {
  const paths = h('section', { class: 'af-section', id: 'analysis-paths' });
  const flow = h('section', { class: 'af-section', id: 'analysis-flow' });
  const equity = h('section', { class: 'af-section', id: 'analysis-equity' });
  root.append(h('div', { class: 'analysis' }, paths, flow, equity));
  mountPathSection(paths, ctx);
  mountFlowSection(flow, ctx);
  mountEquitySection(equity, ctx);
  return {};
}
