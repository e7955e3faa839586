// The status bar (counts, selection, layout pace, messages) and the node context menu.
import type { AppContext } from '../app/context.ts';
import { t } from '../i18n/index.ts';
import { h, icon } from './dom.ts';
import { reportError } from './toolbar.ts';

export function createStatusBar(ctx: AppContext): HTMLElement {
  const counts = h('span', { class: 'status-counts', id: 'status-counts' });
  const selection = h('span', { class: 'status-selection', id: 'status-selection' });
  const layout = h('span', { class: 'status-layout', id: 'status-layout' });
  const notice = h('span', {
    class: 'status-notice',
    id: 'status-notice',
    role: 'status',
    'aria-live': 'polite',
  });
  const bar = h('footer', { class: 'statusbar' }, counts, selection, layout, notice);
  let noticeTimer = 0;

  const updateCounts = () => {
    const { graph, filters } = ctx;
    const nodes = graph.order - filters.hiddenNodes.size;
    const edges = graph.size - filters.hiddenEdges.size;
    counts.textContent =
      nodes === graph.order && edges === graph.size
        ? t('status.counts', { nodes: graph.order, edges: graph.size })
        : t('status.countsFiltered', { nodes, edges, allNodes: graph.order, allEdges: graph.size });
  };
  const updateSelection = () => {
    const n = ctx.selection.size;
    selection.textContent = n ? t('status.selected', { n }) : '';
  };
  const updateLayout = () => {
    const s = ctx.layout.status;
    layout.textContent = s.running
      ? t('status.layoutRunning', { rate: Math.round(s.rate), it: s.iterations })
      : s.iterations
        ? t('status.layoutDone', { it: s.iterations })
        : '';
    layout.classList.toggle('running', s.running);
  };
  ctx.bus.on('graph', updateCounts);
  ctx.bus.on('view', updateCounts);
  ctx.bus.on('selection', updateSelection);
  ctx.bus.on('lang', () => {
    notice.textContent = '';
    updateCounts();
    updateSelection();
    updateLayout();
  });
  let last = 0;
  ctx.layout.onStatus(() => {
    // The text changes at most four times a second while the layout runs.
    const now = performance.now();
    if (ctx.layout.status.running && now - last < 250) return;
    last = now;
    updateLayout();
  });
  ctx.bus.on('notice', ({ text, kind }) => {
    notice.textContent = text;
    notice.classList.toggle('error', kind === 'error');
    clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(
      () => {
        notice.textContent = '';
      },
      kind === 'error' ? 12_000 : 6_000,
    );
  });
  updateCounts();
  return bar;
}

/** Right-click on a node: the same commands as the toolbar, for that node (or the selection holding it). */
export function createContextMenu(ctx: AppContext): {
  element: HTMLElement;
  open: (id: string, x: number, y: number) => void;
} {
  const menu = h('div', { class: 'context-menu', id: 'context-menu', role: 'menu' });
  menu.hidden = true;
  const close = () => {
    menu.hidden = true;
  };
  window.addEventListener('mousedown', (e) => {
    if (!menu.contains(e.target as Node)) close();
  });
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  const open = (id: string, x: number, y: number) => {
    const { graph, commands, selection } = ctx;
    if (!graph.hasNode(id)) return;
    if (!selection.has(id)) selection.set([id]);
    const ids = [...selection.list];
    const attrs = graph.getNodeAttributes(id);
    const item = (name: string, key: Parameters<typeof t>[0], fn: () => unknown, disabled = false) =>
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          disabled,
          onclick: () => {
            close();
            Promise.resolve()
              .then(fn)
              .catch((error) => reportError(ctx, error));
          },
        },
        icon(name, 14),
        h('span', { text: t(key) }),
      );
    const more = attrs.expansion?.more ?? 0;
    menu.replaceChildren(
      attrs.type === 'Group'
        ? item('ungroup', 'toolbar.ungroup', () => commands.ungroup(id))
        : item('expand', more > 0 ? 'menu.expandMore' : 'toolbar.expand', () =>
            commands.expand(id, { more: more > 0 }),
          ),
      item('collapse', 'toolbar.collapse', () => commands.collapse(id)),
      item('pin', attrs.fixed ? 'toolbar.unpin' : 'toolbar.pin', () => commands.pin(ids, !attrs.fixed)),
      item('hide', 'toolbar.hide', () => commands.hide(ids)),
      item('group', 'toolbar.group', () => commands.group(ids), ids.length < 2),
      item('remove', 'toolbar.remove', () => commands.remove(ids)),
    );
    if (more > 0)
      menu.firstElementChild!.querySelector('span')!.textContent = t('menu.expandMoreN', { n: more });
    menu.hidden = false;
    const parent = menu.parentElement!.getBoundingClientRect();
    menu.style.left = `${Math.min(x, parent.width - 180)}px`;
    menu.style.top = `${Math.min(y, parent.height - 220)}px`;
  };
  return { element: menu, open };
}
