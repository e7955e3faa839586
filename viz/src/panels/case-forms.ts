// Case forms outside the case sections: a new case without a clue, the title edit, and a clue added to a case.
import type { AppContext } from '../app/context.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type AssignableUser, type CaseSummary, caseApi, requestCase } from './case-api.ts';
import { userText } from './case-team.ts';
import { type CaseScreen, noticeError, selectedRefs, smallButton } from './status-form.ts';

/**
 * “新建案件”: a title, optionally the canvas selection as subjects, a lead (me unless chosen) → POST /cases, then
 * `opened(caseId)`. For users with cases.own (the panel's own permission). `dispose` stops following the selection.
 */
export function renderNewCaseForm(ctx: AppContext, opened: (caseId: string) => void) {
  const report = noticeError(ctx);
  const title = h('input', {
    class: 'input',
    id: 'case-new-title',
    type: 'text',
    maxlength: 200,
    i18nPlaceholder: 'cases.newTitle',
    'aria-required': 'true',
  });
  const withSelection = h('input', { type: 'checkbox', id: 'case-new-with-selection' });
  const selectionText = h('span', {});
  const lead = h('select', { class: 'input', id: 'case-new-lead' });
  const me: AssignableUser = {
    username: ctx.me.username,
    ...(ctx.me.displayName ? { displayName: ctx.me.displayName } : {}),
    role: ctx.me.role,
    ...(ctx.me.roleName ? { roleName: ctx.me.roleName } : {}),
  };
  const save = h('button', {
    type: 'submit',
    class: 'btn small primary',
    id: 'case-new-save',
    i18n: 'cases.newCreate',
  });
  const form = h(
    'form',
    { class: 'case-new-form', id: 'case-new-form' },
    title,
    h('label', { class: 'check' }, withSelection, selectionText),
    h('label', { class: 'field' }, h('span', { i18n: 'cases.lead' }), lead),
    h(
      'div',
      { class: 'detail-actions' },
      save,
      h('button', {
        type: 'button',
        class: 'btn small',
        id: 'case-new-cancel',
        i18n: 'cases.cancel',
        onclick: () => close(),
      }),
    ),
  );
  form.hidden = true;

  /** The box says how many nodes would come along; with none selected it is off and greyed. */
  const follow = () => {
    const n = selectedRefs(ctx).length;
    selectionText.textContent = t('cases.newWithSelection', { n });
    withSelection.disabled = n === 0;
    if (!n) withSelection.checked = false;
  };
  const users = new Map<string, AssignableUser>();
  const fillLeads = (list: AssignableUser[]) => {
    const all = list.some((u) => u.username === me.username) ? list : [me, ...list];
    for (const u of all) users.set(u.username, u);
    lead.replaceChildren(...all.map((u) => h('option', { value: u.username, text: userText(u) })));
    lead.value = me.username;
  };
  fillLeads([]);
  let leadsLoaded = false;

  const close = () => {
    form.hidden = true;
  };
  const open = () => {
    if (!form.hidden) return close();
    follow();
    withSelection.checked = !withSelection.disabled;
    form.hidden = false;
    title.focus();
    if (!leadsLoaded)
      caseApi
        .assignable(ctx.api)
        .then((answer) => {
          leadsLoaded = true;
          const chosen = lead.value;
          fillLeads(answer.users);
          lead.value = chosen;
        })
        .catch(report);
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = title.value.trim();
    if (!text) {
      ctx.bus.emit('notice', { text: t('cases.titleRequired'), kind: 'error' });
      title.focus();
      return;
    }
    const refs = withSelection.checked ? selectedRefs(ctx) : [];
    save.disabled = true;
    caseApi
      .create(ctx.api, {
        title: text,
        ...(lead.value && lead.value !== me.username ? { lead: lead.value } : {}),
        ...(refs.length ? { subjects: refs.map((ref) => ({ ref })) } : {}),
      })
      .then((created) => {
        title.value = '';
        close();
        ctx.bus.emit('notice', { text: t('cases.created', { id: created.case.caseId }) });
        opened(created.case.caseId);
      })
      .catch(report)
      .finally(() => {
        save.disabled = false;
      });
  });

  const element = h(
    'div',
    { class: 'case-new' },
    h('button', {
      type: 'button',
      class: 'btn small primary',
      id: 'case-new',
      i18n: 'cases.new',
      onclick: open,
    }),
    form,
  );
  const stopSelection = ctx.bus.on('selection', follow);
  const stopLang = ctx.bus.on('lang', () => {
    follow();
    for (const option of lead.options) option.text = userText(users.get(option.value) ?? me);
  });
  return {
    element,
    dispose: () => {
      stopSelection();
      stopLang();
    },
  };
}

/**
 * The title's inline edit. The server lets whoever may open the case change its title (PATCH /cases/:id checks
 * only case access; lead and team are the lead's and analysts'): members, analysts and admins all get it.
 */
export function renderTitleEdit(screen: CaseScreen, shown: HTMLElement): HTMLElement {
  const { ctx, caseId } = screen;
  const input = h('input', {
    class: 'input',
    id: 'case-title-input',
    type: 'text',
    maxlength: 200,
    value: screen.detail.case.title,
  });
  const form = h(
    'form',
    { class: 'case-title-form', id: 'case-title-form' },
    input,
    h('button', { type: 'submit', class: 'btn small primary', id: 'case-title-save', text: t('clues.save') }),
    smallButton('cases.cancel', 'case-title-cancel', () => toggle(false)),
  );
  const toggle = (editing: boolean) => {
    form.hidden = !editing;
    shown.hidden = editing;
    if (editing) {
      input.value = screen.detail.case.title;
      input.focus();
    }
  };
  form.hidden = true;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const title = input.value.trim();
    if (!title) {
      ctx.bus.emit('notice', { text: t('cases.titleRequired'), kind: 'error' });
      return;
    }
    if (title === screen.detail.case.title) return toggle(false);
    caseApi
      .setTitle(ctx.api, caseId, title)
      .then(() => {
        ctx.bus.emit('notice', { text: t('cases.titleSaved') });
        screen.reload();
      })
      .catch(screen.report);
  });
  const edit = h('button', {
    type: 'button',
    class: 'link',
    id: 'case-title-edit',
    text: t('cases.editTitle'),
    onclick: () => toggle(form.hidden !== false),
  });
  return h('div', { class: 'case-title-edit' }, edit, form);
}

/**
 * “加入已有案件” on a clue: the open cases I can work on (GET /cases?status=preliminary,investigation) → POST
 * /cases/:id/clues with the clue's subjects, then a button that opens that case in the cases panel.
 */
export function renderJoinCase(ctx: AppContext, clueId: string): HTMLElement {
  const report = noticeError(ctx);
  const select = h(
    'select',
    { class: 'input', id: 'clue-join-case', disabled: true },
    h('option', { value: '', text: t('common.loading') }),
  );
  const save = h('button', {
    type: 'button',
    class: 'btn small',
    id: 'clue-join-case-save',
    text: t('clues.joinCaseSave'),
    disabled: true,
  });
  const done = h('span', {});
  const box = h('span', { class: 'clue-join-case', title: t('clues.joinCase') }, select, save, done);

  const fill = (cases: CaseSummary[]) => {
    const first = t(cases.length ? 'clues.joinCasePick' : 'clues.joinCaseNone');
    select.replaceChildren(
      h('option', { value: '', text: `${t('clues.joinCase')}：${first}` }),
      ...cases.map((c) => h('option', { value: c.caseId, text: `${c.caseId} ${c.title}` })),
    );
    select.disabled = !cases.length;
  };
  caseApi
    .list(ctx.api, 'preliminary,investigation')
    .then((answer) => fill(answer.cases))
    .catch((error) => {
      fill([]);
      report(error);
    });
  select.addEventListener('change', () => {
    save.disabled = !select.value;
  });

  save.addEventListener('click', () => {
    const caseId = select.value;
    if (!caseId) return;
    save.disabled = true;
    caseApi
      .attachClues(ctx.api, caseId, [clueId])
      .then(() => {
        ctx.bus.emit('notice', { text: t('clues.joinedCase', { id: caseId }) });
        done.replaceChildren(
          h('button', {
            type: 'button',
            class: 'link',
            id: 'clue-join-case-open',
            dataset: { case: caseId },
            text: t('clues.openJoinedCase', { id: caseId }),
            onclick: () => {
              ctx.bus.emit('panel:open', { id: 'cases' });
              requestCase(caseId);
            },
          }),
        );
      })
      .catch(report)
      .finally(() => {
        save.disabled = !select.value;
      });
  });
  return box;
}
