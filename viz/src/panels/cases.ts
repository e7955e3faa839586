// The cases panel: my cases (GET /api/cases) by status, a new case (case-forms.ts), one case opened (case-detail.ts).
import { ApiError } from '../api/client.ts';
import type { AppContext } from '../app/context.ts';
import { pick, sideOf, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { type CaseSummary, caseApi, onCaseRequested } from './case-api.ts';
import { renderCaseDetail } from './case-detail.ts';
import { renderNewCaseForm } from './case-forms.ts';
import type { PanelInstance } from './registry.ts';

export function mountCasesPanel(root: HTMLElement, ctx: AppContext): PanelInstance {
  const list = h('div', { class: 'case-list', id: 'case-list' });
  const status = h(
    'select',
    { class: 'input', id: 'case-filter-status' },
    h('option', { value: '', i18n: 'clues.all' }),
    h('option', { value: 'preliminary', i18n: 'cases.status.preliminary' }),
    h('option', { value: 'investigation', i18n: 'cases.status.investigation' }),
    h('option', { value: 'closed', i18n: 'cases.status.closed' }),
  );
  const listView = h(
    'div',
    { class: 'case-list-view' },
    h(
      'div',
      { class: 'case-toolbar' },
      h('h3', { i18n: 'cases.mine' }),
      status,
      h('button', {
        type: 'button',
        class: 'btn small',
        id: 'case-refresh',
        i18n: 'cases.refresh',
        onclick: () => void load(),
      }),
    ),
  );
  // A case without a clue: the form opens the new case's screen (the panel exists only with cases.own).
  const newCase = ctx.can('cases.own') ? renderNewCaseForm(ctx, (id) => void openCase(id)) : null;
  if (newCase) listView.append(newCase.element);
  listView.append(list);
  const detailView = h('div', { class: 'case-detail-view', id: 'case-detail' });
  detailView.hidden = true;
  root.append(h('div', { class: 'cases-panel' }, listView, detailView));
  let cases: CaseSummary[] = [];
  let openId: string | null = null;
  let loadedOnce = false;

  const report = (error: unknown) =>
    ctx.bus.emit('notice', {
      text: error instanceof ApiError ? sideOf(error.message) : String(error),
      kind: 'error',
    });

  const renderList = () => {
    clear(list);
    if (!cases.length) list.append(h('p', { class: 'muted', text: t('cases.none') }));
    for (const c of cases)
      list.append(
        h(
          'div',
          {
            class: 'case-item',
            tabindex: '0',
            dataset: { case: c.caseId },
            onclick: () => void openCase(c.caseId),
          },
          h(
            'div',
            { class: 'clue-line' },
            h('span', { class: 'case-number', text: c.caseId }),
            h('span', { class: `status case-${c.status}`, text: pick(c.statusLabel, c.status) }),
            h('span', { class: 'muted', text: `${t('cases.lead')}: ${c.lead}` }),
          ),
          h('div', { class: 'case-title', text: c.title }),
          h('div', { class: 'muted', text: t('cases.counts', { ...c.counts }) }),
        ),
      );
  };

  const load = async () => {
    loadedOnce = true;
    try {
      cases = (await caseApi.list(ctx.api, status.value || undefined)).cases;
      renderList();
    } catch (error) {
      report(error);
    }
  };

  const showList = () => {
    openId = null;
    detailView.hidden = true;
    listView.hidden = false;
    void load();
  };

  /** Shows case `id`; `keep` leaves the screen in place while it reloads after a change (no flicker). */
  const openCase = async (id: string, keep = false) => {
    openId = id;
    listView.hidden = true;
    detailView.hidden = false;
    // A case opened afresh never shows the previous one's forms meanwhile: typing there would be lost.
    if (!keep) detailView.replaceChildren(h('p', { class: 'muted', text: t('common.loading') }));
    try {
      const detail = await caseApi.get(ctx.api, id);
      if (openId !== id) return;
      renderCaseDetail(detailView, detail, ctx, { back: showList, reload: () => void openCase(id, true) });
    } catch (error) {
      if (openId !== id) return;
      clear(detailView);
      detailView.append(
        h('button', { type: 'button', class: 'btn small', text: t('cases.back'), onclick: showList }),
        h('p', { class: 'error', text: error instanceof ApiError ? sideOf(error.message) : String(error) }),
      );
    }
  };

  status.addEventListener('change', () => void load());
  const unsubscribe = onCaseRequested((id) => {
    ctx.bus.emit('panel:open', { id: 'cases' });
    void openCase(id);
  });
  ctx.bus.on('lang', () => {
    if (openId) void openCase(openId, true);
    else renderList();
  });
  return {
    shown: () => {
      if (!loadedOnce && !openId) void load();
    },
    dispose: () => {
      unsubscribe();
      newCase?.dispose();
    },
  };
}
