// Pieces the clue and case screens share: the status form (moves from the API), sections, notices, role names.
import { ApiError } from '../api/client.ts';
import type { AppContext } from '../app/context.ts';
import { pick, type StringKey, sideOf, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import type { CaseDetail } from './case-api.ts';

/** A titled section of a detail screen. */
export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', { text: title }), ...children);
}

/** Shows a failed call in the status bar: the server's message on this language's side. */
export function noticeError(ctx: AppContext): (error: unknown) => void {
  return (error) =>
    ctx.bus.emit('notice', {
      text: error instanceof ApiError ? sideOf(error.message) : String(error),
      kind: 'error',
    });
}

/** `2026-03-01T08:15:00Z` → `2026-03-01 08:15`. */
export const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** A small button with a stable id. */
export function smallButton(key: StringKey, id: string, onclick: () => void, primary = false) {
  return h('button', {
    type: 'button',
    class: `btn small${primary ? ' primary' : ''}`,
    id,
    text: t(key),
    onclick,
  });
}

/** A button in a list row: stops the click from reaching the row (rows open or draw what they show). */
export function rowButton(className: string, key: StringKey, onclick: () => void): HTMLButtonElement {
  return h('button', {
    type: 'button',
    class: `link ${className}`,
    text: t(key),
    onclick: (e: Event) => {
      e.stopPropagation();
      onclick();
    },
  });
}

/** What every section of the case screen gets: the answer, the context, and how to reload after a change. */
export interface CaseScreen {
  ctx: AppContext;
  detail: CaseDetail;
  caseId: string;
  /** Re-reads the case and redraws the screen. */
  reload: () => void;
  /** Shows a failed call in the status bar. */
  report: (error: unknown) => void;
}

/** Runs `call` after the user confirms `question`, then reloads (errors go to the status bar). */
export function confirmThen(screen: CaseScreen, question: string, call: () => Promise<unknown>): void {
  if (!window.confirm(question)) return;
  call()
    .then(() => screen.reload())
    .catch(screen.report);
}

/** Payload node ids of the canvas selection that can be case subjects (groups are the viewer's own). */
export function selectedRefs(ctx: AppContext): string[] {
  return ctx.selection.list.filter(
    (id) => ctx.graph.hasNode(id) && ctx.graph.getNodeAttribute(id, 'type') !== 'Group',
  );
}

/** A subject's role in the current language: the models' ids (cadre, payee…) have names; typed roles show as typed. */
export function subjectRole(ctx: AppContext, role: string | null | undefined): string {
  if (!role) return t('cases.noRole');
  return pick(ctx.schema.subjectRole(role), role);
}

export interface StatusFormOptions {
  /** Element ids are `<prefix>-status-form`, `-select`, `-comment`, `-save`. */
  prefix: 'clue' | 'case';
  /** The statuses the API says the record may move to (`moves` on the answer). */
  moves: readonly string[];
  /** A status's name in the current language. */
  label: (status: string) => string;
  commentPlaceholder: StringKey;
  /** Sends the change; the form's caller reloads on success. */
  submit: (status: string, comment: string) => Promise<void>;
  onError: (error: unknown) => void;
}

/** The status change form of a clue or a case: the allowed moves, a comment, save. */
export function statusForm(options: StatusFormOptions): HTMLFormElement {
  const { prefix } = options;
  const select = h('select', { class: 'input', id: `${prefix}-status-select` });
  for (const to of options.moves) select.append(h('option', { value: to, text: options.label(to) }));
  const comment = h('textarea', {
    class: 'input',
    id: `${prefix}-status-comment`,
    rows: 2,
    placeholder: t(options.commentPlaceholder),
  });
  const save = h('button', {
    type: 'submit',
    class: 'btn small primary',
    id: `${prefix}-status-save`,
    text: t('clues.save'),
  });
  const form = h(
    'form',
    { class: `${prefix}-status-form status-form`, id: `${prefix}-status-form` },
    select,
    comment,
    save,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save.disabled = true;
    options
      .submit(select.value, comment.value.trim())
      .catch(options.onError)
      .finally(() => {
        save.disabled = false;
      });
  });
  return form;
}
