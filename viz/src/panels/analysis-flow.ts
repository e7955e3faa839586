// The fund-flow section: trace from the selected account, lay the chains out left to right by time, list them.
import type { AppContext } from '../app/context.ts';
import { canvasCentre, flowPositions, hopLabel, labelEdges, placePinned } from '../graph/flow-layout.ts';
import { formatAmount, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { analysisApi, type TraceAnswer } from './analysis-api.ts';
import { field, nodeName, numberInput, reportError } from './analysis-ui.ts';

/** The selected account (the first selected node of type Account). */
function selectedAccount(ctx: AppContext): string | undefined {
  return ctx.selection.list.find(
    (id) => ctx.graph.hasNode(id) && ctx.graph.getNodeAttribute(id, 'type') === 'Account',
  );
}

export function mountFlowSection(root: HTMLElement, ctx: AppContext): void {
  const api = analysisApi(ctx);
  const account = h('div', { class: 'af-ends' });
  const direction = h(
    'select',
    { id: 'trace-direction' },
    h('option', { value: 'out', i18n: 'analysis.out' }),
    h('option', { value: 'in', i18n: 'analysis.in' }),
  );
  const maxHops = numberInput('trace-max-hops', 3, 1, 6);
  const windowDays = numberInput('trace-window', 30, 1, 3650);
  const minAmount = numberInput('trace-min-amount', 0, 0, 1e12, 1000);
  const table = h('div', { class: 'af-table-wrap', id: 'trace-chains' });
  let answer: TraceAnswer | null = null;

  const showAccount = () => {
    clear(account);
    account.append(
      h(
        'div',
        {},
        h('span', { class: 'muted', i18n: 'analysis.account' }),
        h('b', { text: ` ${nodeName(ctx, selectedAccount(ctx))}` }),
      ),
    );
  };

  const renderTable = () => {
    clear(table);
    if (!answer) return;
    if (!answer.chains.length) {
      table.append(h('p', { class: 'muted', text: t('analysis.noChains') }));
      return;
    }
    const body = h('tbody');
    answer.chains.forEach((chain, i) => {
      const names = [chain.hops[0]?.from.label ?? '', ...chain.hops.map((hop) => hop.to.label)];
      if (answer?.direction === 'in') names.reverse();
      const total = chain.hops.reduce((sum, hop) => sum + (hop.amount ?? 0), 0);
      const through = Math.min(...chain.hops.map((hop) => hop.amount ?? 0));
      body.append(
        h(
          'tr',
          {
            dataset: { chain: String(i) },
            onclick: () => {
              ctx.filters.setHighlight(
                chain.hops.flatMap((hop) => [hop.from.id, hop.to.id]),
                chain.hops.map((hop) => hop.id),
              );
              ctx.canvas.refresh();
              ctx.bus.emit('view', {});
            },
          },
          h('td', { text: String(chain.hops.length) }),
          h('td', { class: 'af-chain', text: names.join(' → ') }),
          h('td', { class: 'num', text: formatAmount(total, true) }),
          h('td', { class: 'num', text: formatAmount(through, true) }),
        ),
      );
    });
    table.append(
      h('div', {
        class: 'af-caption',
        text: t('analysis.chains', { n: answer.chains.length, total: answer.chainCount }),
      }),
      h(
        'table',
        { class: 'af-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { text: t('analysis.chainHops') }),
            h('th', { text: t('analysis.chainPath') }),
            h('th', { text: t('analysis.chainTotal') }),
            h('th', { text: t('analysis.chainMin') }),
          ),
        ),
        body,
      ),
    );
  };

  const run = async () => {
    const id = selectedAccount(ctx);
    if (!id) {
      ctx.bus.emit('notice', { text: t('analysis.needAccount'), kind: 'error' });
      return;
    }
    ctx.bus.emit('notice', { text: t('notice.working') });
    try {
      const dir = direction.value === 'in' ? 'in' : 'out';
      const min = Number(minAmount.value);
      answer = await api.trace({
        account: id,
        direction: dir,
        maxHops: Number(maxHops.value) || 3,
        windowDays: Number(windowDays.value) || undefined,
        minAmount: min > 0 ? min : undefined,
      });
      const centre = ctx.graph.hasNode(id)
        ? { x: ctx.graph.getNodeAttribute(id, 'x'), y: ctx.graph.getNodeAttribute(id, 'y') }
        : canvasCentre(ctx);
      ctx.commands.show(answer.graph, { highlight: true, seeds: [id], label: 'cmd.show' });
      const positions = flowPositions(id, answer.chains, dir, centre);
      placePinned(ctx, 'cmd.flowLayout', positions);
      labelEdges(
        ctx,
        new Map(answer.chains.flatMap((c) => c.hops.map((hop) => [hop.id, hopLabel(hop)] as const))),
      );
      renderTable();
      requestAnimationFrame(() => ctx.canvas.fit());
      ctx.bus.emit('notice', { text: t('analysis.done', { n: answer.graph.nodes.length }) });
    } catch (error) {
      reportError(ctx, error);
    }
  };

  root.append(
    h('h3', { i18n: 'analysis.trace' }),
    h('p', { class: 'muted small', i18n: 'analysis.traceHint' }),
    account,
    h('div', { class: 'af-row' }, field('analysis.direction', direction), field('analysis.maxHops', maxHops)),
    h(
      'div',
      { class: 'af-row' },
      field('analysis.windowDays', windowDays),
      field('analysis.minAmount', minAmount),
    ),
    h('button', {
      type: 'button',
      class: 'btn primary',
      id: 'trace-run',
      i18n: 'analysis.runTrace',
      onclick: () => void run(),
    }),
    table,
  );
  showAccount();
  ctx.bus.on('selection', showAccount);
  ctx.bus.on('lang', () => {
    showAccount();
    renderTable();
  });
}
