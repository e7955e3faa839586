// The clue list panel: filters (model, status, village, minimum amount) with counts, a paged list, the detail.
import { ApiError } from '../api/client.ts';
import type { AppContext } from '../app/context.ts';
import { formatAmount, pick, sideOf, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { type ClueListAnswer, type ClueQuery, clueApi } from './case-api.ts';
import { renderClueDetail } from './clue-detail.ts';
import type { PanelInstance } from './registry.ts';

const PAGE = 20;

export function mountCluesPanel(root: HTMLElement, ctx: AppContext): PanelInstance {
  const query: ClueQuery = { limit: PAGE, offset: 0 };
  let last: ClueListAnswer | null = null;
  let openId: string | null = null;
  let request = 0;
  let loadedOnce = false;

  const model = h('select', { id: 'clue-filter-model', class: 'input' });
  const status = h('select', { id: 'clue-filter-status', class: 'input' });
  const village = h('input', {
    id: 'clue-filter-village',
    class: 'input',
    type: 'text',
    i18nPlaceholder: 'clues.villagePlaceholder',
  });
  const minAmount = h('input', { id: 'clue-filter-amount', class: 'input', type: 'number', min: '0' });
  const labelled = (key: Parameters<typeof t>[0], el: HTMLElement) =>
    h('label', { class: 'clue-filter' }, h('span', { i18n: key }), el);
  const form = h(
    'form',
    { class: 'clue-filters', id: 'clue-filters' },
    labelled('clues.model', model),
    labelled('clues.status', status),
    labelled('clues.village', village),
    labelled('clues.minAmount', minAmount),
    h('button', { type: 'submit', class: 'btn small primary', id: 'clue-apply', i18n: 'clues.apply' }),
  );
  const list = h('div', { class: 'clue-list', id: 'clue-list' });
  const listView = h('div', { class: 'clue-list-view' }, form, list);
  const detailView = h('div', { class: 'clue-detail-view', id: 'clue-detail' });
  detailView.hidden = true;
  root.append(h('div', { class: 'clues-panel' }, listView, detailView));

  const report = (error: unknown) =>
    ctx.bus.emit('notice', {
      text: error instanceof ApiError ? sideOf(error.message) : String(error),
      kind: 'error',
    });

  /** Filter options with the counts of the last answer (kept selected across reloads). */
  const fillOptions = () => {
    const keepModel = model.value;
    const keepStatus = status.value;
    clear(model);
    clear(status);
    model.append(h('option', { value: '', text: t('clues.all') }));
    status.append(h('option', { value: '', text: t('clues.all') }));
    for (const m of last?.counts.byModel ?? [])
      model.append(h('option', { value: m.model, text: `${pick(m.title, m.model)} (${m.count})` }));
    for (const s of last?.counts.byStatus ?? [])
      status.append(h('option', { value: s.status, text: `${pick(s.label, s.status)} (${s.count})` }));
    model.value = keepModel;
    status.value = keepStatus;
  };

  const renderList = () => {
    clear(list);
    if (!last) return;
    fillOptions();
    list.append(h('div', { class: 'muted clue-total', text: t('clues.total', { n: last.total }) }));
    if (!last.clues.length) list.append(h('p', { class: 'muted', text: t('clues.none') }));
    for (const clue of last.clues)
      list.append(
        h(
          'div',
          {
            class: 'clue-item',
            tabindex: '0',
            dataset: { clue: clue.clueId, model: clue.model },
            onclick: () => void openClue(clue.clueId),
            onkeydown: (e: KeyboardEvent) => e.key === 'Enter' && void openClue(clue.clueId),
          },
          h(
            'div',
            { class: 'clue-line' },
            h('span', { class: 'clue-score', text: clue.score.toFixed(2) }),
            h('span', { class: 'model', text: pick(clue.modelTitle, clue.model) }),
            h('span', { class: `status ${clue.status}`, text: pick(clue.statusLabel, clue.status) }),
            h('span', { class: 'amount', text: `¥${formatAmount(clue.amount, true)}` }),
          ),
          h('div', { class: 'clue-summary', text: pick({ zh: clue.summary, en: clue.summaryEn }) }),
        ),
      );
    const pages = Math.max(1, Math.ceil(last.total / PAGE));
    const page = Math.floor(query.offset / PAGE) + 1;
    const go = (offset: number) => {
      query.offset = offset;
      void load();
    };
    list.append(
      h(
        'div',
        { class: 'clue-pager' },
        h('button', {
          type: 'button',
          class: 'btn small',
          id: 'clue-prev',
          text: t('clues.prev'),
          disabled: page <= 1,
          onclick: () => go(Math.max(0, query.offset - PAGE)),
        }),
        h('span', { class: 'muted', text: t('clues.page', { page, pages }) }),
        h('button', {
          type: 'button',
          class: 'btn small',
          id: 'clue-next',
          text: t('clues.next'),
          disabled: page >= pages,
          onclick: () => go(query.offset + PAGE),
        }),
      ),
    );
  };

  const load = async () => {
    const mine = ++request;
    loadedOnce = true;
    list.dataset.loading = 'true';
    try {
      const answer = await clueApi.list(ctx.api, query);
      if (mine !== request) return;
      last = answer;
      renderList();
    } catch (error) {
      if (mine === request) report(error);
    } finally {
      if (mine === request) delete list.dataset.loading;
    }
  };

  const showList = () => {
    openId = null;
    detailView.hidden = true;
    listView.hidden = false;
    void load();
  };

  const openClue = async (id: string) => {
    openId = id;
    listView.hidden = true;
    detailView.hidden = false;
    clear(detailView);
    detailView.append(h('p', { class: 'muted', text: t('common.loading') }));
    try {
      const answer = await clueApi.get(ctx.api, id);
      if (openId !== id) return;
      renderClueDetail(detailView, answer, ctx, { back: showList, reload: () => void openClue(id) });
    } catch (error) {
      if (openId !== id) return;
      clear(detailView);
      detailView.append(
        h('button', { type: 'button', class: 'btn small', text: t('clues.back'), onclick: showList }),
        h('p', { class: 'error', text: error instanceof ApiError ? sideOf(error.message) : String(error) }),
      );
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const amount = Number(minAmount.value);
    query.model = model.value || undefined;
    query.status = status.value || undefined;
    query.village = village.value.trim() || undefined;
    query.minAmount = minAmount.value && Number.isFinite(amount) && amount > 0 ? amount : undefined;
    query.offset = 0;
    void load();
  });
  model.addEventListener('change', () => form.requestSubmit());
  status.addEventListener('change', () => form.requestSubmit());

  ctx.bus.on('clue:open', ({ id }) => {
    ctx.bus.emit('panel:open', { id: 'clues' });
    void openClue(id);
  });
  ctx.bus.on('lang', () => {
    if (openId) void openClue(openId);
    else renderList();
  });
  return {
    shown: () => {
      if (!loadedOnce) void load();
    },
  };
}
