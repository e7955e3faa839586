// The transaction timeline: a detail-panel section listing an account's (or a person's accounts') dated
// money ties on the canvas by date; a click highlights the transfer; a button loads them from the server.
import type { EntityDetail } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { formatAmount, formatDate, pick, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { reportError } from './analysis-ui.ts';

const LISTED = 100;
const APPLIES = new Set(['Account', 'Person', 'Company']);

export function timelineApplies(detail: EntityDetail): boolean {
  return APPLIES.has(detail.node.type);
}

/** The entity and, for persons and companies, the accounts it owns that are on the canvas. */
function holders(ctx: AppContext, id: string): string[] {
  const out = [id];
  if (!ctx.graph.hasNode(id)) return out;
  ctx.graph.forEachOutEdge(id, (_e, a, _s, target) => {
    if (a.type === 'OWNS_ACCOUNT') out.push(target);
  });
  return out;
}

export interface TimelineItem {
  edge: string;
  time: number;
  amount: number | undefined;
  type: string;
  direction: 'out' | 'in';
  other: string;
}

/** Dated money ties of the entity (and its accounts) drawn on the canvas, oldest first. */
export function timelineItems(ctx: AppContext, id: string): TimelineItem[] {
  const items: TimelineItem[] = [];
  const seen = new Set<string>();
  for (const holder of holders(ctx, id)) {
    if (!ctx.graph.hasNode(holder)) continue;
    ctx.graph.forEachEdge(holder, (edge, a, source, target) => {
      if (seen.has(edge) || a.time === undefined || !ctx.schema.isMonetary(a.type)) return;
      seen.add(edge);
      const out = source === holder;
      items.push({
        edge,
        time: a.time,
        amount: a.amount,
        type: a.type,
        direction: out ? 'out' : 'in',
        other: out ? target : source,
      });
    });
  }
  return items.sort((x, y) => x.time - y.time || (x.edge < y.edge ? -1 : 1));
}

/** Loads the entity's money ties (and, for a person or company, its accounts' transfers) onto the canvas. */
async function loadTransactions(ctx: AppContext, id: string, type: string): Promise<void> {
  const money = [...ctx.schema.relations.values()].filter((r) => r.monetary).map((r) => r.type);
  const accounts = [id];
  if (type !== 'Account') {
    const owned = await ctx.api.neighbours(id, { types: ['OWNS_ACCOUNT'], limit: 20 });
    ctx.commands.show(owned.graph, { around: id });
    accounts.push(
      ...owned.graph.nodes
        .filter((n) => n.type === 'Account')
        .map((n) => n.id)
        .slice(0, 5),
    );
  }
  for (const account of accounts) {
    const answer = await ctx.api.neighbours(account, { types: money, limit: 100 });
    ctx.commands.show(answer.graph, { around: account });
  }
}

export function renderTimeline(root: HTMLElement, detail: EntityDetail, ctx: AppContext): void {
  const id = detail.node.id;
  clear(root);
  const items = timelineItems(ctx, id);
  const list = h('ul', { class: 'timeline', id: 'timeline-list' });
  for (const item of items.slice(0, LISTED)) {
    const other = ctx.graph.hasNode(item.other)
      ? ctx.graph.getNodeAttribute(item.other, 'label')
      : item.other;
    const relation = ctx.schema.relations.get(item.type);
    list.append(
      h(
        'li',
        {
          class: `tl-item ${item.direction}`,
          dataset: { edge: item.edge },
          tabindex: '0',
          onclick: () => {
            const g = ctx.graph;
            if (!g.hasEdge(item.edge)) return;
            ctx.filters.setHighlight([g.source(item.edge), g.target(item.edge)], [item.edge]);
            ctx.canvas.refresh();
            ctx.bus.emit('view', {});
          },
        },
        h('span', { class: 'tl-date', text: formatDate(item.time) }),
        h('span', { class: 'tl-dir', text: item.direction === 'out' ? '→' : '←' }),
        h('span', { class: 'tl-other', text: other, title: pick(relation, item.type) }),
        h('span', {
          class: 'tl-amount num',
          text: item.amount === undefined ? '' : `¥${formatAmount(item.amount, true)}`,
        }),
      ),
    );
  }
  if (!items.length) list.append(h('li', { class: 'muted', text: t('timeline.empty') }));
  if (items.length > LISTED)
    list.append(h('li', { class: 'muted', text: t('timeline.more', { n: items.length - LISTED }) }));
  root.append(
    list,
    h('button', {
      type: 'button',
      class: 'btn small',
      id: 'timeline-load',
      text: t('timeline.load'),
      onclick: () =>
        void loadTransactions(ctx, id, detail.node.type).catch((error) => reportError(ctx, error)),
    }),
  );
}
