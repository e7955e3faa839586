// One case: number, title (edited inline), status, team, subjects, clues, notes, saved views, history, report downloads.
import type { AppContext } from '../app/context.ts';
import { formatAmount, lang, pick, type StringKey, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type CaseDetail, CLUE_STATUS_LABELS, caseApi } from './case-api.ts';
import { renderTitleEdit } from './case-forms.ts';
import { renderCaseHistory } from './case-history.ts';
import { renderCaseNotes } from './case-notes.ts';
import { renderCaseSubjects } from './case-subjects.ts';
import { renderCaseTeam } from './case-team.ts';
import { renderCaseViews } from './case-views.ts';
import {
  type CaseScreen,
  confirmThen,
  noticeError,
  rowButton,
  section,
  smallButton,
  statusForm,
} from './status-form.ts';

export function renderCaseDetail(
  root: HTMLElement,
  detail: CaseDetail,
  ctx: AppContext,
  nav: { back: () => void; reload: () => void },
): void {
  const c = detail.case;
  const screen: CaseScreen = { ctx, detail, caseId: c.caseId, reload: nav.reload, report: noticeError(ctx) };
  root.replaceChildren();

  const reportLink = (format: 'pdf' | 'html', key: StringKey) =>
    h('a', {
      class: 'btn small',
      id: `case-report-${format}`,
      href: caseApi.reportUrl(c.caseId, format, lang()),
      download: `${c.caseId}.${format}`,
      text: t(key),
    });

  const title = h('div', { class: 'detail-title', id: 'case-title', text: c.title });
  root.append(
    h(
      'div',
      { class: 'detail-actions' },
      smallButton('cases.back', 'case-back', nav.back),
      ctx.can('export') ? reportLink('pdf', 'cases.reportPdf') : null,
      ctx.can('export') ? reportLink('html', 'cases.reportHtml') : null,
    ),
    h(
      'header',
      { class: 'case-head' },
      h(
        'div',
        { class: 'clue-line' },
        h('span', { class: 'case-number', id: 'case-number', text: c.caseId }),
        h('span', {
          class: `status case-${c.status}`,
          id: 'case-status',
          dataset: { status: c.status },
          text: pick(c.statusLabel, c.status),
        }),
      ),
      title,
      renderTitleEdit(screen, title),
    ),
  );

  // Status change: the moves come with the case (the engine's CASE_TRANSITIONS).
  const moves = c.moves ?? [];
  if (moves.length)
    root.append(
      section(
        t('cases.status'),
        statusForm({
          prefix: 'case',
          moves,
          label: (to) => t(`cases.status.${to}` as StringKey),
          commentPlaceholder: 'cases.statusComment',
          onError: screen.report,
          submit: (status, comment) =>
            caseApi.setStatus(ctx.api, c.caseId, status, comment).then((res) => {
              ctx.bus.emit('notice', {
                text: t('cases.statusSaved', { status: pick(res.case.statusLabel, res.case.status) }),
              });
              nav.reload();
            }),
        }),
      ),
    );

  root.append(renderCaseTeam(screen), renderCaseSubjects(screen), renderClues(screen));
  root.append(renderCaseNotes(screen), renderCaseViews(screen), renderCaseHistory(screen));
}

/** Attached clues: open one in the clue panel, or detach it from the case. */
function renderClues(screen: CaseScreen): HTMLElement {
  const { ctx, detail, caseId } = screen;
  const clues = h('ul', { class: 'case-clues', id: 'case-clues' });
  for (const clue of detail.clues)
    clues.append(
      h(
        'li',
        {
          class: 'clickable',
          dataset: { clue: clue.clueId },
          onclick: () => ctx.bus.emit('clue:open', { id: clue.clueId }),
        },
        h('span', {
          class: `status ${clue.status}`,
          text: pick(CLUE_STATUS_LABELS[clue.status], clue.status),
        }),
        h('span', { class: 'amount', text: ` ¥${formatAmount(clue.amount, true)} ` }),
        h('span', { text: clue.summary }),
        ' ',
        rowButton('case-clue-detach', 'cases.detachClue', () =>
          confirmThen(screen, t('cases.detachClueConfirm', { id: clue.clueId }), () =>
            caseApi.detachClue(ctx.api, caseId, clue.clueId),
          ),
        ),
      ),
    );
  return section(t('cases.clues', { n: detail.clues.length }), clues);
}
