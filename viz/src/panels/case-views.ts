// A case's saved views: capture the canvas (node ids, positions, payload, active filters) and redraw one.
import type { GraphPayload } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import type { ViewState } from './case-api.ts';

/** The current canvas as a view state (engine/cases/README.md): positions in sigma's graph coordinates. */
export function captureView(ctx: AppContext): ViewState {
  const graph = ctx.graph;
  const nodes: ViewState['nodes'] = [];
  const payload: GraphPayload = { nodes: [], edges: [] };
  graph.forEachNode((id, a) => {
    if (a.type === 'Group' || a.hiddenByUser) return;
    nodes.push({ id, x: a.x, y: a.y, color: a.color, size: a.size });
    payload.nodes.push({ id, type: a.type, key: a.key, label: a.label, props: a.props });
  });
  const kept = new Set(nodes.map((n) => n.id));
  graph.forEachEdge((id, a, source, target) => {
    if (a.via || !kept.has(source) || !kept.has(target)) return;
    payload.edges.push({ id, type: a.type, source, target, props: a.props });
  });
  const f = ctx.filters.filters;
  return {
    nodes,
    yAxis: 'up',
    graph: payload,
    filters: {
      hiddenRelations: [...f.hiddenRelations],
      hiddenClasses: [...f.hiddenClasses],
      timeRange: f.timeRange,
      minAmount: f.minAmount,
    },
  };
}

/**
 * The legend sidebar keeps no listener for filters set elsewhere: its check boxes and amount box are set to
 * match a loaded view (the time slider keeps its place; the restored range applies all the same).
 */
function syncSidebar(classes: Set<string>, relations: Set<string>, minAmount: number): void {
  for (const box of document.querySelectorAll<HTMLInputElement>('input[data-filter-class]'))
    box.checked = !classes.has(box.dataset.filterClass ?? '');
  for (const box of document.querySelectorAll<HTMLInputElement>('input[data-filter-relation]'))
    box.checked = !relations.has(box.dataset.filterRelation ?? '');
  const amount = document.querySelector<HTMLInputElement>('#min-amount');
  if (amount) amount.value = minAmount > 0 ? String(minAmount) : '';
}

/** Draws a saved view: its payload merged, every node put at its saved place and pinned; filters restored. */
export function loadView(ctx: AppContext, state: ViewState): number {
  const payload: GraphPayload = state.graph ?? {
    nodes: [],
    edges: [],
  };
  ctx.commands.show(payload, { seeds: 'all', label: 'cmd.show' });
  const places = new Map(state.nodes.map((n) => [n.id, n]));
  ctx.history.run('cmd.move', (edit) => {
    for (const [id, p] of places) {
      if (!ctx.graph.hasNode(id)) continue;
      edit.setNode(id, 'x', p.x);
      edit.setNode(id, 'y', p.y);
      edit.setNode(id, 'fixed', true);
    }
  });
  for (const id of places.keys()) if (ctx.graph.hasNode(id)) ctx.layout.moveNode(id);
  if (state.filters) {
    const f = ctx.filters.filters;
    f.hiddenRelations = new Set(state.filters.hiddenRelations);
    f.hiddenClasses = new Set(state.filters.hiddenClasses);
    f.timeRange = state.filters.timeRange;
    f.minAmount = state.filters.minAmount;
    ctx.filters.recompute();
    ctx.canvas.refresh();
    ctx.bus.emit('view', {});
    syncSidebar(f.hiddenClasses, f.hiddenRelations, f.minAmount);
  }
  ctx.filters.setHighlight(places.keys(), []);
  ctx.canvas.refresh();
  requestAnimationFrame(() => ctx.canvas.fit());
  return places.size;
}
