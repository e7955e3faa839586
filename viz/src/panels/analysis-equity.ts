// The equity section: ultimate owners of the selected company, or what the selected person controls, as a tree.
import type { AppContext } from '../app/context.ts';
import { equityPositions, percent } from '../graph/equity-layout.ts';
import { canvasCentre, labelEdges, placePinned } from '../graph/flow-layout.ts';
import { t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { analysisApi, type UboAnswer } from './analysis-api.ts';
import { field, nodeName, numberInput, reportError } from './analysis-ui.ts';

const HOLDERS = new Set(['Company', 'Person', 'PersonMention']);

function selectedHolder(ctx: AppContext): string | undefined {
  return ctx.selection.list.find(
    (id) => ctx.graph.hasNode(id) && HOLDERS.has(ctx.graph.getNodeAttribute(id, 'type')),
  );
}

export function mountEquitySection(root: HTMLElement, ctx: AppContext): void {
  const api = analysisApi(ctx);
  const target = h('div', { class: 'af-ends' });
  const threshold = numberInput('equity-threshold', 0.25, 0, 1, 0.05);
  const list = h('div', { class: 'af-table-wrap', id: 'equity-list' });
  let answer: UboAnswer | null = null;

  const showTarget = () => {
    clear(target);
    target.append(h('div', {}, h('b', { text: nodeName(ctx, selectedHolder(ctx)) })));
  };

  const renderList = () => {
    clear(list);
    if (!answer) return;
    const rows = answer.owners ?? answer.controls ?? [];
    const title = answer.owners ? 'analysis.owners' : 'analysis.controls';
    list.append(h('div', { class: 'af-caption', text: t(title, { n: rows.length }) }));
    if (!rows.length) list.append(h('p', { class: 'muted', text: t('analysis.noOwners') }));
    const body = h('tbody');
    for (const row of rows)
      body.append(
        h(
          'tr',
          { onclick: () => row.id && ctx.canvas.focusNode(row.id) },
          h('td', { text: row.name || row.key }),
          h('td', { class: 'num', text: percent(row.ratio) }),
        ),
      );
    if (rows.length)
      list.append(
        h(
          'table',
          { class: 'af-table' },
          h('thead', {}, h('tr', {}, h('th', { text: '' }), h('th', { text: t('analysis.ratio') }))),
          body,
        ),
      );
  };

  const run = async () => {
    const id = selectedHolder(ctx);
    if (!id) {
      ctx.bus.emit('notice', { text: t('analysis.needHolder'), kind: 'error' });
      return;
    }
    ctx.bus.emit('notice', { text: t('notice.working') });
    try {
      const isCompany = ctx.graph.getNodeAttribute(id, 'type') === 'Company';
      const value = Number(threshold.value);
      answer = await api.ubo({
        ...(isCompany ? { company: id } : { holder: id }),
        threshold: Number.isFinite(value) ? value : 0.25,
      });
      const centre = { x: ctx.graph.getNodeAttribute(id, 'x'), y: ctx.graph.getNodeAttribute(id, 'y') };
      ctx.commands.show(answer.graph, { highlight: true, seeds: [id] });
      const positions = equityPositions(
        id,
        answer.graph,
        isCompany ? 'owners' : 'controls',
        centre ?? canvasCentre(ctx),
      );
      const rows = answer.owners ?? answer.controls ?? [];
      const labels = new Map<string, string>();
      for (const row of rows)
        if (row.id && ctx.graph.hasNode(row.id))
          labels.set(row.id, `${row.name || row.key} (${percent(row.ratio)})`);
      placePinned(ctx, 'cmd.equityLayout', positions, labels);
      const edgeLabels = new Map<string, string>();
      for (const e of answer.graph.edges)
        if (typeof e.props.ratio === 'number') edgeLabels.set(e.id, percent(e.props.ratio));
      labelEdges(ctx, edgeLabels);
      renderList();
      requestAnimationFrame(() => ctx.canvas.fit());
      ctx.bus.emit('notice', { text: t('analysis.done', { n: answer.graph.nodes.length }) });
    } catch (error) {
      reportError(ctx, error);
    }
  };

  root.append(
    h('h3', { i18n: 'analysis.equity' }),
    h('p', { class: 'muted small', i18n: 'analysis.equityHint' }),
    target,
    h('div', { class: 'af-row' }, field('analysis.threshold', threshold)),
    h('button', {
      type: 'button',
      class: 'btn primary',
      id: 'equity-run',
      i18n: 'analysis.runEquity',
      onclick: () => void run(),
    }),
    list,
  );
  showTarget();
  ctx.bus.on('selection', showTarget);
  ctx.bus.on('lang', () => {
    showTarget();
    renderList();
  });
}
