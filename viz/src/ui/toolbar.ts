// The canvas toolbar: undo/redo, selection commands, layout, analysis overlays and export.
import { ApiError } from '../api/client.ts';
import type { AppContext } from '../app/context.ts';
import { download, exportName, exportPng, exportSvg } from '../graph/export.ts';
import { sideOf, t } from '../i18n/index.ts';
import { openImport } from '../panels/import.ts';
import { h, icon, iconButton } from './dom.ts';

export function reportError(ctx: AppContext, error: unknown): void {
  const text =
    error instanceof ApiError
      ? sideOf(error.message)
      : error instanceof Error
        ? error.message
        : String(error);
  ctx.bus.emit('notice', { text, kind: 'error' });
}

/** Caption under exported images: who exported what, when (exports are evidence too). */
function caption(ctx: AppContext): { text: string } {
  const who = ctx.me.displayName || ctx.me.username;
  const stamp = new Date().toISOString().replace('T', ' ').slice(0, 16);
  return { text: `清风 Qingfeng · ${who} · ${stamp} · ${ctx.graph.order} / ${ctx.graph.size}` };
}

export async function exportView(ctx: AppContext, format: 'png' | 'svg'): Promise<void> {
  const cap = caption(ctx);
  const blob =
    format === 'png'
      ? await exportPng(ctx.canvas, cap)
      : new Blob([exportSvg(ctx.canvas, cap)], { type: 'image/svg+xml' });
  download(blob, exportName(format));
  void ctx.api.recordExport(format, ctx.graph.order, ctx.graph.size);
  ctx.bus.emit('notice', { text: t('notice.exported', { format: format.toUpperCase() }) });
}

export function createToolbar(ctx: AppContext): HTMLElement {
  const { commands, selection, history, layout, filters } = ctx;
  const selected = () => [...selection.list];
  const run = (fn: () => unknown) => () => {
    try {
      const result = fn();
      if (result instanceof Promise) result.catch((error) => reportError(ctx, error));
    } catch (error) {
      reportError(ctx, error);
    }
  };
  const undo = iconButton(
    'undo',
    'toolbar.undo',
    run(() => commands.undo()),
    { id: 'tool-undo' },
  );
  const redo = iconButton(
    'redo',
    'toolbar.redo',
    run(() => commands.redo()),
    { id: 'tool-redo' },
  );
  const expand = iconButton(
    'expand',
    'toolbar.expandTip',
    run(async () => {
      for (const id of selected()) await commands.expand(id);
    }),
    { id: 'tool-expand' },
  );
  const collapse = iconButton(
    'collapse',
    'toolbar.collapseTip',
    run(() => {
      for (const id of selected()) commands.collapse(id);
    }),
    { id: 'tool-collapse' },
  );
  const pin = iconButton(
    'pin',
    'toolbar.pinTip',
    run(() => {
      const ids = selected();
      const allPinned = ids.every((id) => ctx.graph.getNodeAttribute(id, 'fixed'));
      commands.pin(ids, !allPinned);
    }),
    { id: 'tool-pin' },
  );
  const hide = iconButton(
    'hide',
    'toolbar.hideTip',
    run(() => commands.hide(selected())),
    { id: 'tool-hide' },
  );
  const showHidden = iconButton(
    'show',
    'toolbar.showHidden',
    run(() => commands.showHidden()),
    { id: 'tool-show' },
  );
  const group = iconButton(
    'group',
    'toolbar.groupTip',
    run(() => commands.group(selected())),
    { id: 'tool-group' },
  );
  const ungroup = iconButton(
    'ungroup',
    'toolbar.ungroup',
    run(() => {
      for (const id of selected())
        if (ctx.graph.getNodeAttribute(id, 'type') === 'Group') commands.ungroup(id);
    }),
    { id: 'tool-ungroup' },
  );
  const remove = iconButton(
    'remove',
    'toolbar.removeTip',
    run(() => commands.remove(selected())),
    { id: 'tool-remove' },
  );
  const layoutButton = iconButton(
    'layout',
    'toolbar.layout',
    run(() => layout.toggle()),
    { id: 'tool-layout' },
  );
  const fit = iconButton(
    'fit',
    'toolbar.fit',
    run(() => ctx.canvas.fit()),
    { id: 'tool-fit' },
  );
  const keyPersons = iconButton(
    'keyperson',
    'toolbar.keyPersons',
    run(() => commands.scoreKeyPersons()),
    { id: 'tool-keypersons' },
  );
  const community = iconButton(
    'community',
    'toolbar.community',
    run(async () => {
      const view = filters.view;
      if (!view.colorByCommunity && !ctx.graph.someNode((_k, a) => a.community !== undefined))
        await commands.detectCommunities();
      view.colorByCommunity = !view.colorByCommunity;
      ctx.canvas.refresh();
      ctx.bus.emit('view', {});
    }),
    { id: 'tool-community' },
  );
  const png = iconButton(
    'image',
    'toolbar.png',
    run(() => exportView(ctx, 'png')),
    { id: 'tool-png', label: 'toolbar.pngShort' },
  );
  const svgButton = iconButton(
    'vector',
    'toolbar.svg',
    run(() => exportView(ctx, 'svg')),
    { id: 'tool-svg', label: 'toolbar.svgShort' },
  );
  const clearAll = iconButton(
    'trash',
    'toolbar.clear',
    run(() => commands.clear()),
    { id: 'tool-clear' },
  );

  const importButton = iconButton('upload', 'toolbar.import', () => openImport(ctx), {
    id: 'tool-import',
    label: 'toolbar.import',
  });

  const sep = () => h('span', { class: 'sep' });
  const bar = h(
    'div',
    { class: 'toolbar', id: 'toolbar', role: 'toolbar' },
    undo,
    redo,
    sep(),
    expand,
    collapse,
    pin,
    hide,
    showHidden,
    group,
    ungroup,
    remove,
    sep(),
    layoutButton,
    fit,
    sep(),
    keyPersons,
    community,
  );
  // Viewers may look but not take the picture out: export needs the `export` permission.
  if (ctx.can('export')) bar.append(sep(), png, svgButton);
  bar.append(sep(), clearAll);
  // Loading data is for those who may run ingest; the screen shows the plan before anything is loaded.
  if (ctx.can('ingest.run')) bar.append(sep(), importButton);

  const update = () => {
    const ids = selected();
    const graph = ctx.graph;
    const any = ids.length > 0;
    undo.disabled = !history.canUndo;
    redo.disabled = !history.canRedo;
    undo.title = history.nextUndo
      ? `${t('toolbar.undo')}: ${t(history.nextUndo as never)}`
      : t('toolbar.undo');
    redo.title = history.nextRedo
      ? `${t('toolbar.redo')}: ${t(history.nextRedo as never)}`
      : t('toolbar.redo');
    for (const b of [expand, collapse, pin, hide, remove]) b.disabled = !any;
    group.disabled = ids.filter((id) => graph.getNodeAttribute(id, 'type') !== 'Group').length < 2;
    ungroup.disabled = !ids.some((id) => graph.getNodeAttribute(id, 'type') === 'Group');
    showHidden.disabled = !graph.someNode((_k, a) => !!a.hiddenByUser);
    const empty = graph.order === 0;
    for (const b of [fit, keyPersons, community, png, svgButton, clearAll]) b.disabled = empty;
    layoutButton.disabled = graph.order < 2;
    layoutButton.classList.toggle('on', layout.status.running);
    layoutButton.replaceChildren(icon(layout.status.running ? 'stop' : 'layout'));
    community.classList.toggle('on', filters.view.colorByCommunity);
    pin.classList.toggle('on', any && ids.every((id) => graph.getNodeAttribute(id, 'fixed')));
  };
  ctx.bus.on('selection', update);
  ctx.bus.on('graph', update);
  ctx.bus.on('view', update);
  ctx.bus.on('lang', update);
  let wasRunning = false;
  layout.onStatus((status) => {
    if (status.running === wasRunning) return;
    wasRunning = status.running;
    layoutButton.classList.toggle('on', status.running);
    layoutButton.replaceChildren(icon(status.running ? 'stop' : 'layout'));
  });
  update();
  return bar;
}
