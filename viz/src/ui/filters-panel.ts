// The left sidebar: the legend (from the schema) as type filters, time range, minimum amount; follows 'view' events.
import type { AppContext } from '../app/context.ts';
import { emptyFilters } from '../graph/filters.ts';
import { classOf, shapeSvg } from '../graph/style.ts';
import { formatDate, pick, t } from '../i18n/index.ts';
import { h, svg } from './dom.ts';

const SLIDER_STEPS = 1000;

interface LegendClass {
  id: string;
  name: () => string;
  shape: string;
  color: string;
  ring?: string;
}

export function createFiltersPanel(ctx: AppContext): HTMLElement {
  const { schema, filters, graph } = ctx;
  /** True while this sidebar announces its own change: the 'view' listener below has nothing to follow then. */
  let applying = false;
  const applied = () => {
    filters.recompute();
    ctx.canvas.refresh();
    applying = true;
    try {
      ctx.bus.emit('view', {});
    } finally {
      applying = false;
    }
  };

  // --- entity classes (legend) ---------------------------------------------------------------------------
  const classes: LegendClass[] = [];
  for (const entity of schema.answer.entities) {
    classes.push({
      id: entity.label,
      name: () => pick(entity, entity.label),
      shape: schema.shapeOf(entity.label),
      color: entity.color,
    });
    if (entity.label === 'Person')
      classes.push({
        id: 'Cadre',
        name: () => t('legend.cadre'),
        shape: 'circle',
        color: entity.color,
        ring: '#b3261e',
      });
  }
  classes.push({
    id: 'Group',
    name: () => t('legend.group'),
    shape: 'square',
    color: schema.colorOf('Group'),
  });
  const classList = h('ul', { class: 'legend', id: 'legend-entities' });
  const classCounts = new Map<string, HTMLElement>();
  for (const c of classes) {
    const box = h('input', { type: 'checkbox', checked: true, dataset: { filterClass: c.id } });
    box.addEventListener('change', () => {
      if (box.checked) filters.filters.hiddenClasses.delete(c.id);
      else filters.filters.hiddenClasses.add(c.id);
      applied();
    });
    const count = h('span', { class: 'count' });
    classCounts.set(c.id, count);
    const name = h('span', { class: 'name', text: c.name(), dataset: { legendName: c.id } });
    classList.append(
      h(
        'li',
        { dataset: { legend: c.id } },
        h('label', {}, box, svg(shapeSvg(c.shape as never, c.color, 14, c.ring)), name, count),
      ),
    );
  }

  // --- relationship types ----------------------------------------------------------------------------------
  const relationList = h('ul', { class: 'legend', id: 'legend-relations' });
  const relationCounts = new Map<string, HTMLElement>();
  for (const relation of schema.answer.relations) {
    const box = h('input', { type: 'checkbox', checked: true, dataset: { filterRelation: relation.type } });
    box.addEventListener('change', () => {
      if (box.checked) filters.filters.hiddenRelations.delete(relation.type);
      else filters.filters.hiddenRelations.add(relation.type);
      applied();
    });
    const count = h('span', { class: 'count' });
    relationCounts.set(relation.type, count);
    relationList.append(
      h(
        'li',
        { dataset: { legend: relation.type } },
        h(
          'label',
          {},
          box,
          h('span', {
            class: relation.symmetric ? 'line' : 'line arrow',
            style: { background: schema.relationColor(relation.type) },
          }),
          h('span', {
            class: 'name',
            text: pick(relation, relation.type),
            dataset: { legendName: relation.type },
          }),
          count,
        ),
      ),
    );
  }

  // --- time range --------------------------------------------------------------------------------------------
  const from = h('input', {
    type: 'range',
    min: '0',
    max: String(SLIDER_STEPS),
    value: '0',
    id: 'time-from',
    class: 'range',
  });
  const to = h('input', {
    type: 'range',
    min: '0',
    max: String(SLIDER_STEPS),
    value: String(SLIDER_STEPS),
    id: 'time-to',
    class: 'range',
  });
  const timeLabel = h('div', { class: 'range-label' });
  let domain: { timeMin: number | null; timeMax: number | null; amountMax: number } = filters.domain();
  const toTime = (v: number) => domain.timeMin! + ((domain.timeMax! - domain.timeMin!) * v) / SLIDER_STEPS;
  const onTime = () => {
    let a = Number(from.value);
    let b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    filters.filters.timeRange =
      domain.timeMin === null || (a === 0 && b === SLIDER_STEPS) ? null : [toTime(a), toTime(b) + 999];
    showTime();
    applied();
  };
  const showTime = () => {
    const off = domain.timeMin === null;
    from.disabled = off;
    to.disabled = off;
    if (off) timeLabel.textContent = t('filters.noTimes');
    else {
      const range = filters.filters.timeRange ?? [domain.timeMin!, domain.timeMax!];
      timeLabel.textContent = `${formatDate(range[0])} — ${formatDate(range[1])}`;
    }
  };
  from.addEventListener('input', onTime);
  to.addEventListener('input', onTime);
  /** Puts the thumbs where the filters' time range is (both ends when there is none), within the canvas's times. */
  const placeSlider = () => {
    const range = filters.filters.timeRange;
    const { timeMin, timeMax } = domain;
    if (!range || timeMin === null || timeMax === null || timeMax <= timeMin) {
      from.value = '0';
      to.value = String(SLIDER_STEPS);
      return;
    }
    const step = (ms: number) =>
      Math.min(SLIDER_STEPS, Math.max(0, Math.round(((ms - timeMin) / (timeMax - timeMin)) * SLIDER_STEPS)));
    from.value = String(step(range[0]));
    // The slider's upper end covers the last second of its step (onTime adds 999 ms).
    to.value = String(step(range[1] - 999));
  };

  // --- minimum amount ----------------------------------------------------------------------------------------
  const amount = h('input', {
    type: 'number',
    min: '0',
    step: '1000',
    id: 'min-amount',
    class: 'input',
    i18nPlaceholder: 'filters.amountPlaceholder',
  });
  let amountTimer = 0;
  amount.addEventListener('input', () => {
    clearTimeout(amountTimer);
    amountTimer = window.setTimeout(() => {
      const value = Number(amount.value);
      filters.filters.minAmount = Number.isFinite(value) && value > 0 ? value : 0;
      applied();
    }, 250);
  });
  const orphans = h('input', { type: 'checkbox', checked: true, id: 'hide-orphans' });
  orphans.addEventListener('change', () => {
    filters.filters.hideOrphans = orphans.checked;
    applied();
  });

  const reset = h('button', {
    type: 'button',
    class: 'btn small',
    i18n: 'filters.reset',
    id: 'filters-reset',
    onclick: () => {
      filters.filters = emptyFilters();
      for (const box of panel.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = true;
      from.value = '0';
      to.value = String(SLIDER_STEPS);
      amount.value = '';
      applied();
      showTime();
    },
  });

  const panel = h(
    'aside',
    { class: 'sidebar', id: 'sidebar' },
    h('div', { class: 'side-head' }, h('h2', { i18n: 'filters.title' }), reset),
    h('h3', { i18n: 'legend.entities' }),
    classList,
    h('h3', { i18n: 'legend.relations' }),
    relationList,
    h('h3', { i18n: 'filters.time' }),
    h('div', { class: 'dual-range' }, from, to),
    timeLabel,
    h('h3', { i18n: 'filters.minAmount' }),
    amount,
    h('label', { class: 'check' }, orphans, h('span', { i18n: 'filters.hideOrphans' })),
  );

  /** Counts per class and relationship type on the canvas; the time domain follows the canvas. */
  const update = () => {
    const perClass = new Map<string, number>();
    graph.forEachNode((_k, a) => {
      const c = classOf(a.type, a.cadre);
      perClass.set(c, (perClass.get(c) ?? 0) + 1);
    });
    for (const [id, el] of classCounts) {
      const n = perClass.get(id) ?? 0;
      el.textContent = n ? String(n) : '';
      el.parentElement!.parentElement!.classList.toggle('absent', n === 0);
    }
    const perType = new Map<string, number>();
    graph.forEachEdge((_k, a) => {
      if (!a.via) perType.set(a.type, (perType.get(a.type) ?? 0) + 1);
    });
    for (const [type, el] of relationCounts) {
      const n = perType.get(type) ?? 0;
      el.textContent = n ? String(n) : '';
      el.parentElement!.parentElement!.classList.toggle('absent', n === 0);
    }
    domain = filters.domain();
    placeSlider();
    showTime();
  };
  ctx.bus.on('graph', update);
  // Filters changed by someone else (a loaded view): boxes, slider, amount and orphans follow the state.
  ctx.bus.on('view', () => {
    if (applying) return;
    const f = filters.filters;
    for (const box of classList.querySelectorAll<HTMLInputElement>('input[data-filter-class]'))
      box.checked = !f.hiddenClasses.has(box.dataset.filterClass ?? '');
    for (const box of relationList.querySelectorAll<HTMLInputElement>('input[data-filter-relation]'))
      box.checked = !f.hiddenRelations.has(box.dataset.filterRelation ?? '');
    if (Number(amount.value || 0) !== f.minAmount) amount.value = f.minAmount > 0 ? String(f.minAmount) : '';
    orphans.checked = f.hideOrphans;
    domain = filters.domain();
    placeSlider();
    showTime();
  });
  ctx.bus.on('lang', () => {
    for (const el of panel.querySelectorAll<HTMLElement>('[data-legend-name]')) {
      const id = el.dataset.legendName!;
      const c = classes.find((x) => x.id === id);
      const r = schema.relations.get(id);
      el.textContent = c ? c.name() : pick(r, id);
    }
    showTime();
  });
  update();
  return panel;
}
