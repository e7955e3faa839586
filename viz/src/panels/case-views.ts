// A case's saved views: capture the canvas (positions, payload, filters, camera), redraw one, list and delete them.
import type { GraphPayload } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { caseApi, type ViewState } from './case-api.ts';
import { type CaseScreen, confirmThen, rowButton, section, when } from './status-form.ts';

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
  const { x, y, ratio, angle } = ctx.canvas.sigma.getCamera().getState();
  return {
    nodes,
    camera: { x, y, ratio, angle },
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
 * Draws a saved view: its payload merged, every node put at its saved place and pinned; filters restored (the
 * sidebar follows them on the 'view' event); the saved camera restored, else the graph fitted.
 */
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
  }
  ctx.filters.setHighlight(places.keys(), []);
  ctx.canvas.refresh();
  const camera = state.camera;
  const valid = camera && [camera.x, camera.y, camera.ratio].every(Number.isFinite) && camera.ratio > 0;
  requestAnimationFrame(() => {
    if (valid) {
      const view = ctx.canvas.sigma.getCamera();
      view.cancelAnimation(); // a fit still running would move the camera on
      view.setState({ x: camera.x, y: camera.y, ratio: camera.ratio, angle: camera.angle ?? 0 });
    } else ctx.canvas.fit();
  });
  return places.size;
}

/** The saved views: load one onto the canvas, delete one, save the canvas under a name. */
export function renderCaseViews(screen: CaseScreen): HTMLElement {
  const { ctx, detail, caseId } = screen;
  const views = h('ul', { class: 'case-views', id: 'case-views' });
  for (const v of detail.views)
    views.append(
      h(
        'li',
        { dataset: { view: v.viewId } },
        h('span', { class: 'case-view-name', text: v.name }),
        h('span', { class: 'muted', text: ` ${when(v.at)} ${v.author} ` }),
        rowButton('case-view-load', 'cases.loadView', () =>
          caseApi
            .view(ctx.api, caseId, v.viewId)
            .then((res) => {
              loadView(ctx, res.view.state);
              ctx.bus.emit('notice', { text: t('cases.viewLoaded', { name: v.name }) });
            })
            .catch(screen.report),
        ),
        ' ',
        rowButton('case-view-delete', 'cases.deleteView', () =>
          confirmThen(screen, t('cases.deleteViewConfirm', { name: v.name }), () =>
            caseApi.deleteView(ctx.api, caseId, v.viewId),
          ),
        ),
      ),
    );
  const viewName = h('input', {
    class: 'input',
    id: 'case-view-name',
    type: 'text',
    placeholder: t('cases.viewName'),
  });
  const viewForm = h(
    'form',
    { class: 'case-view-form' },
    viewName,
    h('button', { type: 'submit', class: 'btn small', id: 'case-view-save', text: t('cases.saveView') }),
  );
  viewForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const state = captureView(ctx);
    if (!state.nodes.length) {
      ctx.bus.emit('notice', { text: t('cases.emptyCanvas'), kind: 'error' });
      return;
    }
    const name = viewName.value.trim() || `${caseId} ${when(new Date().toISOString())}`;
    caseApi
      .saveView(ctx.api, caseId, name, state)
      .then(() => {
        ctx.bus.emit('notice', { text: t('cases.viewSaved', { name, n: state.nodes.length }) });
        screen.reload();
      })
      .catch(screen.report);
  });
  return section(t('cases.views', { n: detail.views.length }), views, viewForm);
}
