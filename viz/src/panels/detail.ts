// The detail panel: one entity's properties (masked by the server per role), provenance, degree and clues.
import { ApiError } from '../api/client.ts';
import type { EntityDetail } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { shapeSvg } from '../graph/style.ts';
import { formatAmount, lang, pick, sideOf, t } from '../i18n/index.ts';
import { clear, h, icon, svg } from '../ui/dom.ts';
import { detailSections, type PanelInstance } from './registry.ts';

/** Properties kept for provenance and bookkeeping, shown in their own section (or not at all). */
const INTERNAL = new Set(['sources', 'firstRun', 'lastRun', 'runs', 'mergedFrom']);

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return formatAmount(value);
  if (Array.isArray(value)) return value.map(valueText).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', { text: title }), ...children);
}

export function mountDetailPanel(root: HTMLElement, ctx: AppContext): PanelInstance {
  const body = h('div', { class: 'detail' });
  root.append(body);
  let current: string | null = null;
  let loaded: EntityDetail | null = null;
  let request = 0;

  const empty = () => {
    clear(body);
    body.append(h('p', { class: 'muted empty-hint', i18n: 'detail.empty' }));
  };

  const actions = (id: string): HTMLElement => {
    const graph = ctx.graph;
    const attrs = graph.hasNode(id) ? graph.getNodeAttributes(id) : null;
    const bar = h('div', { class: 'detail-actions' });
    const button = (text: string, fn: () => void, name: string) =>
      h('button', { type: 'button', class: 'btn small', onclick: fn }, icon(name, 14), h('span', { text }));
    if (attrs) {
      const more = attrs.expansion?.more ?? 0;
      bar.append(
        more > 0
          ? button(
              t('detail.moreN', { n: more }),
              () => void ctx.commands.expand(id, { more: true }).catch(report),
              'expand',
            )
          : button(t('toolbar.expand'), () => void ctx.commands.expand(id).catch(report), 'expand'),
        button(t('toolbar.collapse'), () => ctx.commands.collapse(id), 'collapse'),
        button(
          t(attrs.fixed ? 'toolbar.unpin' : 'toolbar.pin'),
          () => ctx.commands.pin([id], !attrs.fixed),
          'pin',
        ),
        button(t('detail.locate'), () => ctx.canvas.focusNode(id), 'fit'),
      );
    }
    return bar;
  };

  const report = (error: unknown) => {
    ctx.bus.emit('notice', {
      text: error instanceof ApiError ? sideOf(error.message) : String(error),
      kind: 'error',
    });
  };

  const render = (detail: EntityDetail) => {
    clear(body);
    const node = detail.node;
    const entity = ctx.schema.entities.get(node.type);
    const attrs = ctx.graph.hasNode(node.id) ? ctx.graph.getNodeAttributes(node.id) : null;
    const badges = h('div', { class: 'badges' });
    if (node.props.isCadre === true)
      badges.append(h('span', { class: 'badge cadre', text: t('legend.cadre') }));
    if (attrs?.fixed) badges.append(h('span', { class: 'badge', text: t('detail.pinned') }));
    if (attrs?.score !== undefined)
      badges.append(
        h('span', { class: 'badge', text: t('detail.score', { score: attrs.score.toFixed(2) }) }),
      );
    body.append(
      h(
        'header',
        { class: 'detail-head' },
        svg(shapeSvg(ctx.schema.shapeOf(node.type), ctx.schema.colorOf(node.type), 18)),
        h(
          'div',
          {},
          h('div', { class: 'detail-title', text: node.label }),
          h('div', { class: 'muted', text: `${pick(entity, node.type)} · ${node.key}` }),
        ),
      ),
      badges,
      actions(node.id),
    );
    // Properties, in schema order with schema captions; others after them.
    const table = h('table', { class: 'props' });
    const known = new Set<string>();
    for (const p of entity?.properties ?? []) {
      known.add(p.name);
      if (node.props[p.name] === undefined) continue;
      table.append(h('tr', {}, h('th', { text: pick(p) }), h('td', { text: valueText(node.props[p.name]) })));
    }
    for (const [name, value] of Object.entries(node.props))
      if (!known.has(name) && !INTERNAL.has(name))
        table.append(h('tr', {}, h('th', { text: name }), h('td', { text: valueText(value) })));
    body.append(section(t('detail.properties'), table));
    // Degree by relationship type.
    const degree = h('ul', { class: 'degree' });
    for (const d of detail.degree.byType) {
      const relation = ctx.schema.relations.get(d.type);
      // Clues and cases are not graph neighbours (the clue panel shows them): no expand link for those ties.
      const otherEnds = (d.direction === 'out' ? relation?.to : relation?.from) ?? [];
      const explorable = otherEnds.some((label) => label !== 'Clue' && ctx.schema.entities.has(label));
      degree.append(
        h(
          'li',
          {},
          h('span', { class: 'swatch', style: { background: ctx.schema.relationColor(d.type) } }),
          h('span', { text: `${pick(relation, d.type)} ${d.direction === 'out' ? '→' : '←'}` }),
          h('span', { class: 'count', text: String(d.count) }),
          explorable
            ? h('button', {
                type: 'button',
                class: 'link',
                text: t('detail.expandType'),
                onclick: () => void ctx.commands.expand(node.id, { types: [d.type] }).catch(report),
              })
            : h('span'),
        ),
      );
    }
    body.append(section(t('detail.degree', { n: detail.degree.total }), degree));
    // Provenance: which file and row said so.
    const sources = h('ul', { class: 'sources' });
    for (const s of detail.provenance.sources)
      sources.append(
        h(
          'li',
          {},
          h('span', { class: 'file', text: s.sheet ? `${s.file} · ${s.sheet}` : s.file }),
          h('span', { class: 'row', text: s.row === null ? '' : t('detail.row', { row: s.row }) }),
        ),
      );
    if (!detail.provenance.sources.length)
      sources.append(h('li', { class: 'muted', text: t('detail.noSources') }));
    if (detail.provenance.capped)
      sources.append(h('li', { class: 'muted', text: t('detail.sourcesCapped') }));
    if (detail.provenance.run)
      sources.append(
        h('li', {
          class: 'muted',
          text: t('detail.run', {
            run: detail.provenance.run.runId,
            at: detail.provenance.run.startedAt ?? '',
          }),
        }),
      );
    body.append(section(t('detail.provenance'), sources));
    // Clues touching the entity; opening one is the clue panel's job (event `clue:open`).
    const clues = h('ul', { class: 'clues' });
    for (const clue of detail.clues.items)
      clues.append(
        h(
          'li',
          {
            class: 'clue',
            tabindex: '0',
            onclick: () => ctx.bus.emit('clue:open', { id: clue.id }),
            dataset: { clue: clue.id },
          },
          h(
            'div',
            { class: 'clue-line' },
            h('span', { class: `status ${clue.status ?? ''}`, text: clue.status ?? '' }),
            h('span', { class: 'model', text: clue.model ?? '' }),
            clue.amount !== null
              ? h('span', { class: 'amount', text: `¥${formatAmount(clue.amount, true)}` })
              : null,
          ),
          h('div', {
            class: 'clue-summary',
            text: (lang() === 'en' ? clue.summaryEn : clue.summary) ?? clue.summary ?? '',
          }),
        ),
      );
    if (!detail.clues.items.length) clues.append(h('li', { class: 'muted', text: t('detail.noClues') }));
    body.append(section(t('detail.clues', { n: detail.clues.total }), clues));
    // Sections added by later panels (timeline…).
    for (const extra of detailSections()) {
      if (extra.permission && !ctx.can(extra.permission)) continue;
      if (extra.applies && !extra.applies(detail)) continue;
      const holder = h('div');
      body.append(section(t(extra.title), holder));
      void Promise.resolve(extra.render(holder, detail, ctx)).catch(report);
    }
  };

  const renderGroup = (id: string) => {
    clear(body);
    const attrs = ctx.graph.getNodeAttributes(id);
    const list = h('ul', { class: 'members' });
    for (const member of attrs.members ?? []) {
      if (!ctx.graph.hasNode(member)) continue;
      const m = ctx.graph.getNodeAttributes(member);
      list.append(
        h('li', {}, svg(shapeSvg(ctx.schema.shapeOf(m.type), m.color, 12)), h('span', { text: m.label })),
      );
    }
    body.append(
      h(
        'header',
        { class: 'detail-head' },
        svg(shapeSvg('square', attrs.color, 18)),
        h('div', { class: 'detail-title', text: t('detail.group', { n: attrs.members?.length ?? 0 }) }),
      ),
      h(
        'div',
        { class: 'detail-actions' },
        h('button', {
          type: 'button',
          class: 'btn small',
          text: t('toolbar.ungroup'),
          onclick: () => ctx.commands.ungroup(id),
        }),
      ),
      section(t('detail.members'), list),
    );
  };

  const show = async (id: string) => {
    current = id;
    const mine = ++request;
    if (ctx.graph.hasNode(id) && ctx.graph.getNodeAttribute(id, 'type') === 'Group') {
      loaded = null;
      renderGroup(id);
      return;
    }
    clear(body);
    body.append(h('p', { class: 'muted', text: t('common.loading') }));
    try {
      const detail = await ctx.api.entity(id);
      if (mine !== request) return;
      loaded = detail;
      render(detail);
    } catch (error) {
      if (mine !== request) return;
      clear(body);
      body.append(
        h('p', { class: 'error', text: error instanceof ApiError ? sideOf(error.message) : String(error) }),
      );
    }
  };

  ctx.bus.on('focus', ({ id }) => void show(id));
  ctx.bus.on('graph', () => {
    if (!current) return;
    if (!ctx.graph.hasNode(current)) {
      current = null;
      loaded = null;
      empty();
    } else if (loaded && loaded.node.id === current) render(loaded);
  });
  ctx.bus.on('lang', () => {
    if (loaded) render(loaded);
    else if (current && ctx.graph.hasNode(current)) void show(current);
    else empty();
  });
  empty();
  return {};
}
