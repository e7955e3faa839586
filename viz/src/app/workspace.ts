// The logged-in workspace: builds the context (graph, filters, canvas, commands) and lays out the shell.
import type { ApiClient } from '../api/client.ts';
import type { Me, SchemaAnswer } from '../api/types.ts';
import { Canvas } from '../graph/canvas.ts';
import { Commands } from '../graph/commands.ts';
import { FilterEngine } from '../graph/filters.ts';
import { History } from '../graph/history.ts';
import { LayoutRunner } from '../graph/layout.ts';
import { createCanvasGraph } from '../graph/model.ts';
import { SchemaIndex } from '../graph/style.ts';
import { lang, onLangChange, pick, setLang, t } from '../i18n/index.ts';
import { registerBuiltInPanels } from '../panels/index.ts';
import { createDock } from '../ui/dock.ts';
import { h, icon } from '../ui/dom.ts';
import { createFiltersPanel } from '../ui/filters-panel.ts';
import { createSearch } from '../ui/search.ts';
import { createContextMenu, createStatusBar } from '../ui/statusbar.ts';
import { createToolbar, reportError } from '../ui/toolbar.ts';
import { type AppContext, type AppEvents, EventBus, Selection } from './context.ts';

export interface Workspace {
  ctx: AppContext;
  dispose: () => void;
}

/** The language toggle: 中 ⇄ EN, remembered in this browser. */
export function languageButton(onChange?: () => void): HTMLButtonElement {
  const button = h('button', {
    type: 'button',
    class: 'lang-toggle',
    id: 'lang-toggle',
    i18nTitle: 'app.langTip',
    onclick: () => {
      setLang(lang() === 'zh' ? 'en' : 'zh');
      onChange?.();
    },
  });
  const paint = () =>
    button.replaceChildren(icon('globe', 15), h('span', { text: lang() === 'zh' ? 'EN' : '中文' }));
  paint();
  const stop = onLangChange(() => {
    if (button.isConnected) paint();
    else stop();
  });
  return button;
}

export function createWorkspace(
  root: HTMLElement,
  api: ApiClient,
  me: Me,
  schemaAnswer: SchemaAnswer,
  onLogout: () => void,
): Workspace {
  registerBuiltInPanels();
  const schema = new SchemaIndex(schemaAnswer);
  const graph = createCanvasGraph();
  const history = new History(graph);
  const filters = new FilterEngine(graph, schema);
  const bus = new EventBus<AppEvents>();
  const permissions = new Set(me.permissions);

  // The frame first: sigma needs its container in the page, with a size.
  const canvasEl = h('div', { class: 'canvas', id: 'canvas' });
  const emptyHint = h(
    'div',
    { class: 'canvas-empty' },
    h('p', { class: 'big', i18n: 'canvas.emptyTitle' }),
    h('p', { i18n: 'canvas.emptyHint' }),
  );
  const stage = h('main', { class: 'stage' }, canvasEl, emptyHint);
  const searchSlot = h('div', { class: 'search-slot' });
  const userName = h('span', { class: 'user-name', id: 'user-name', text: me.displayName || me.username });
  const roleName = h('span', { class: 'user-role', id: 'user-role' });
  const logout = h(
    'button',
    { type: 'button', class: 'tool', id: 'logout', i18nTitle: 'app.logout' },
    icon('logout'),
  );
  const topbar = h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'brand-mark', text: '清风' }),
      h('span', { class: 'brand-sub', i18n: 'app.subtitle' }),
    ),
    searchSlot,
    h('div', { class: 'spacer' }),
    languageButton(() => {
      api.lang = lang();
      bus.emit('lang', { lang: lang() });
    }),
    h('div', { class: 'user' }, userName, roleName),
    logout,
  );
  const body = h(
    'div',
    { class: 'workspace-body' },
    h('div', { class: 'sidebar-slot' }),
    stage,
    h('div', { class: 'dock-slot' }),
  );
  const frame = h('div', { class: 'workspace', id: 'workspace' }, topbar, body);
  root.replaceChildren(frame);

  const ctx = {
    api,
    me,
    schema,
    graph,
    history,
    filters,
    bus,
    can: (permission: string) => permissions.has(permission),
  } as AppContext;
  ctx.selection = new Selection(bus, (ids) => {
    const before = filters.view.selected;
    filters.view.selected = new Set(ids);
    const changed = [...before].filter((id) => !ids.has(id)).concat([...ids].filter((id) => !before.has(id)));
    ctx.canvas?.refreshItems(changed);
  });
  ctx.layout = new LayoutRunner(graph);
  const menu = createContextMenu(ctx);
  ctx.canvas = new Canvas(canvasEl, graph, schema, filters, {
    clickNode: (id, additive) => {
      if (additive) ctx.selection.toggle(id);
      else {
        ctx.selection.set([id]);
        bus.emit('focus', { id });
      }
    },
    doubleClickNode: (id) => void ctx.commands.expand(id).catch((error) => reportError(ctx, error)),
    rightClickNode: (id, x, y) => menu.open(id, x, y),
    clickStage: () => {
      ctx.selection.clear();
      if (filters.view.highlight) {
        filters.setHighlight(null);
        ctx.canvas.refresh();
      }
    },
    boxSelect: (ids) => ctx.selection.add(ids),
    moved: (before) => ctx.commands.moved(before),
    draggedNodes: (id) => (ctx.selection.has(id) ? ctx.selection.list.filter((n) => graph.hasNode(n)) : [id]),
  });
  history.batch = (size, work) => ctx.canvas.batch(size, work);
  ctx.layout.view = ctx.canvas;
  ctx.commands = new Commands(ctx);
  stage.append(createToolbar(ctx), menu.element);
  searchSlot.append(createSearch(ctx));
  body.querySelector('.sidebar-slot')!.replaceWith(createFiltersPanel(ctx));
  body.querySelector('.dock-slot')!.replaceWith(createDock(ctx).element);
  frame.append(createStatusBar(ctx));

  const paintRole = () => {
    roleName.textContent = pick(me.roleName, me.role);
  };
  paintRole();
  bus.on('lang', paintRole);
  logout.addEventListener('click', () => {
    api
      .logout()
      .catch(() => undefined)
      .finally(onLogout);
  });
  bus.on('graph:show', ({ payload, seeds, highlight }) => {
    ctx.commands.show(payload, { seeds, highlight, label: 'cmd.show' });
  });
  bus.on('graph', () => {
    emptyHint.hidden = graph.order > 0;
  });
  if (!ctx.can('graph.read'))
    emptyHint.replaceChildren(h('p', { class: 'big', text: t('canvas.noGraphRight') }));

  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable]')) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z' && !e.shiftKey) ctx.commands.undo();
    else if (mod && (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)))
      ctx.commands.redo();
    else if (e.key === 'Delete' && ctx.selection.size) ctx.commands.remove([...ctx.selection.list]);
    else if (e.key === 'Escape') ctx.selection.clear();
    else return;
    e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return {
    ctx,
    dispose: () => {
      window.removeEventListener('keydown', onKey);
      ctx.layout.kill();
      ctx.canvas.kill();
      root.replaceChildren();
    },
  };
}
