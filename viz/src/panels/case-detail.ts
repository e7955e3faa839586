// One case: number, title, status, team, subjects, clues, notes, saved views, status change, report downloads.
import { ApiError } from '../api/client.ts';
import type { AppContext } from '../app/context.ts';
import { formatAmount, lang, pick, type StringKey, sideOf, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { CASE_MOVES, type CaseDetail, type CaseSubject, CLUE_STATUS_LABELS, caseApi } from './case-api.ts';
import { captureView, loadView } from './case-views.ts';

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', { text: title }), ...children);
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function renderCaseDetail(
  root: HTMLElement,
  detail: CaseDetail,
  ctx: AppContext,
  nav: { back: () => void; reload: () => void },
): void {
  const c = detail.case;
  const report = (error: unknown) =>
    ctx.bus.emit('notice', {
      text: error instanceof ApiError ? sideOf(error.message) : String(error),
      kind: 'error',
    });
  const button = (key: StringKey, id: string, fn: () => void, primary = false) =>
    h('button', {
      type: 'button',
      class: `btn small${primary ? ' primary' : ''}`,
      id,
      text: t(key),
      onclick: fn,
    });
  root.replaceChildren();

  // Subjects on the canvas: drawn (if missing) and focused.
  const asNode = (s: CaseSubject) => ({ id: s.id, type: s.type, key: s.key, label: s.label, props: {} });
  const draw = (subjects: CaseSubject[], focus: boolean) => {
    ctx.commands.show({ nodes: subjects.map(asNode), edges: [] }, { seeds: 'all', highlight: true });
    ctx.selection.set(subjects.map((s) => s.id));
    if (focus && subjects[0]) {
      ctx.bus.emit('focus', { id: subjects[0].id });
      requestAnimationFrame(() => ctx.canvas.focusNode(subjects[0]!.id));
    } else requestAnimationFrame(() => ctx.canvas.fit());
  };

  const reportLink = (format: 'pdf' | 'html', key: StringKey) =>
    h('a', {
      class: 'btn small',
      id: `case-report-${format}`,
      href: caseApi.reportUrl(c.caseId, format, lang()),
      download: `${c.caseId}.${format}`,
      text: t(key),
    });

  root.append(
    h(
      'div',
      { class: 'detail-actions' },
      button('cases.back', 'case-back', nav.back),
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
      h('div', { class: 'detail-title', id: 'case-title', text: c.title }),
      h('div', {
        class: 'muted',
        text: `${t('cases.lead')}: ${c.lead} · ${t('cases.members')}: ${c.members.join('、') || '—'}`,
      }),
    ),
  );

  // Status change.
  const moves = CASE_MOVES[c.status] ?? [];
  if (moves.length) {
    const select = h('select', { class: 'input', id: 'case-status-select' });
    for (const to of moves)
      select.append(h('option', { value: to, text: t(`cases.status.${to}` as StringKey) }));
    const comment = h('input', {
      class: 'input',
      id: 'case-status-comment',
      type: 'text',
      placeholder: t('cases.statusComment'),
    });
    const form = h(
      'form',
      { class: 'case-status-form' },
      select,
      comment,
      h('button', { type: 'submit', class: 'btn small', id: 'case-status-save', text: t('clues.save') }),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      caseApi
        .setStatus(ctx.api, c.caseId, select.value, comment.value.trim())
        .then((res) => {
          ctx.bus.emit('notice', {
            text: t('cases.statusSaved', { status: pick(res.case.statusLabel, res.case.status) }),
          });
          nav.reload();
        })
        .catch(report);
    });
    root.append(section(t('cases.status'), form));
  }

  // Subjects.
  const subjects = h('ul', { class: 'case-subjects', id: 'case-subjects' });
  for (const s of detail.subjects)
    subjects.append(
      h(
        'li',
        { class: 'clickable', dataset: { id: s.id }, onclick: () => draw([s], true) },
        h('span', { class: 'badge', text: s.role }),
        h('span', { text: ` ${s.label || s.key}` }),
        h('span', { class: 'muted', text: ` ${s.type} · ${s.key}` }),
      ),
    );
  const drawAll = detail.subjects.length
    ? button('cases.drawSubjects', 'case-draw-subjects', () => draw(detail.subjects, false))
    : null;
  root.append(section(t('cases.subjects', { n: detail.subjects.length }), drawAll, subjects));

  // Clues: open one in the clue panel.
  const clues = h('ul', { class: 'case-clues' });
  for (const clue of detail.clues)
    clues.append(
      h(
        'li',
        { class: 'clickable', onclick: () => ctx.bus.emit('clue:open', { id: clue.clueId }) },
        h('span', {
          class: `status ${clue.status}`,
          text: pick(CLUE_STATUS_LABELS[clue.status], clue.status),
        }),
        h('span', { class: 'amount', text: ` ¥${formatAmount(clue.amount, true)} ` }),
        h('span', { text: clue.summary }),
      ),
    );
  root.append(section(t('cases.clues', { n: detail.clues.length }), clues));

  // Notes.
  const notes = h('ul', { class: 'case-notes', id: 'case-notes' });
  for (const note of detail.notes)
    notes.append(
      h(
        'li',
        {},
        h('div', { class: 'muted', text: `${when(note.at)} ${note.author}` }),
        h('div', { class: 'note-text', text: note.text }),
      ),
    );
  const noteText = h('textarea', {
    class: 'input',
    id: 'case-note-text',
    rows: 3,
    placeholder: t('cases.notePlaceholder'),
  });
  const noteForm = h(
    'form',
    { class: 'case-note-form' },
    noteText,
    h('button', {
      type: 'submit',
      class: 'btn small primary',
      id: 'case-note-add',
      text: t('cases.addNote'),
    }),
  );
  noteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = noteText.value.trim();
    if (!text) return;
    caseApi
      .addNote(ctx.api, c.caseId, text)
      .then(() => nav.reload())
      .catch(report);
  });
  root.append(section(t('cases.notes', { n: detail.notes.length }), notes, noteForm));

  // Views: save the canvas, load a saved one.
  const views = h('ul', { class: 'case-views', id: 'case-views' });
  for (const v of detail.views)
    views.append(
      h(
        'li',
        { dataset: { view: v.viewId } },
        h('span', { text: v.name }),
        h('span', { class: 'muted', text: ` ${when(v.at)} ${v.author} ` }),
        h('button', {
          type: 'button',
          class: 'link case-view-load',
          text: t('cases.loadView'),
          onclick: () =>
            void caseApi
              .view(ctx.api, c.caseId, v.viewId)
              .then((res) => {
                loadView(ctx, res.view.state);
                ctx.bus.emit('notice', { text: t('cases.viewLoaded', { name: v.name }) });
              })
              .catch(report),
        }),
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
    const name =
      viewName.value.trim() || `${c.caseId} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
    caseApi
      .saveView(ctx.api, c.caseId, name, state)
      .then(() => {
        ctx.bus.emit('notice', { text: t('cases.viewSaved', { name, n: state.nodes.length }) });
        nav.reload();
      })
      .catch(report);
  });
  root.append(section(t('cases.views', { n: detail.views.length }), views, viewForm));
}
