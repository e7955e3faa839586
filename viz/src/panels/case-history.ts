// A case's history (GET /cases/:id/history), newest first: time, who, the event in words, old → new values.
import type { AppContext } from '../app/context.ts';
import { type StringKey, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { type CaseHistoryEntry, caseApi } from './case-api.ts';
import { type CaseScreen, subjectRole, when } from './status-form.ts';

const EVENTS = [
  'created',
  'status',
  'update',
  'subject.add',
  'subject.remove',
  'clue.attach',
  'clue.detach',
  'note.add',
  'note.edit',
  'view.save',
  'view.delete',
] as const;

type Change = { from?: unknown; to?: unknown; comment?: string | null };

const statusName = (s: unknown) => (typeof s === 'string' ? t(`cases.status.${s}` as StringKey) : '—');
const listText = (v: unknown) => (Array.isArray(v) ? v.join('、') || '—' : String(v ?? '—'));
const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The lines under an event: each changed field as old → new, the subjects, clues, note or view it names. */
function details(ctx: AppContext, entry: CaseHistoryEntry, viewNames: Map<string, string>): string[] {
  const lines: string[] = [];
  const change = (key: string) => entry[key] as Change | undefined;
  const status = typeof entry.status === 'object' && entry.status ? change('status') : undefined;
  if (status) lines.push(`${t('cases.status')}: ${statusName(status.from)} → ${statusName(status.to)}`);
  if (status?.comment) lines.push(`${t('cases.history.comment')}: ${status.comment}`);
  if (entry.event === 'created') {
    if (entry.title) lines.push(`${t('cases.history.title')}: ${String(entry.title)}`);
    if (entry.lead) lines.push(`${t('cases.lead')}: ${String(entry.lead)}`);
    if (entry.fromClue) lines.push(`${t('cases.history.fromClue')}: ${String(entry.fromClue)}`);
    if (Array.isArray(entry.members) && entry.members.length)
      lines.push(`${t('cases.members')}: ${listText(entry.members)}`);
  } else {
    const title = change('title');
    if (title) lines.push(`${t('cases.history.title')}: ${String(title.from)} → ${String(title.to)}`);
    const lead = change('lead');
    if (lead) lines.push(`${t('cases.lead')}: ${String(lead.from)} → ${String(lead.to)}`);
    const members = change('members');
    if (members) lines.push(`${t('cases.members')}: ${listText(members.from)} → ${listText(members.to)}`);
  }
  const subjects = entry.subjects as { ref: string; name?: string; role?: string | null }[] | undefined;
  if (Array.isArray(subjects) && subjects.length)
    lines.push(
      subjects.map((s) => `${s.name || s.ref}${s.role ? `（${subjectRole(ctx, s.role)}）` : ''}`).join('、'),
    );
  const subject = entry.subject as { ref: string; name?: string } | undefined;
  if (subject) lines.push(subject.name || subject.ref);
  if (Array.isArray(entry.clues) && entry.clues.length) lines.push(listText(entry.clues));
  if (typeof entry.clue === 'string') lines.push(entry.clue);
  if (entry.event === 'note.edit' && typeof entry.previous === 'string')
    lines.push(`${t('cases.history.previous')}: ${clip(entry.previous)}`);
  if (entry.event.startsWith('view.') && typeof entry.viewId === 'string')
    lines.push(String(entry.name ?? viewNames.get(entry.viewId) ?? entry.viewId));
  return lines;
}

function entryItem(ctx: AppContext, entry: CaseHistoryEntry, viewNames: Map<string, string>): HTMLElement {
  const known = (EVENTS as readonly string[]).includes(entry.event);
  const name = known ? t(`cases.event.${entry.event}` as StringKey) : entry.event;
  return h(
    'li',
    { class: 'case-history-entry', dataset: { event: entry.event } },
    h('span', { class: 'muted', text: `${when(entry.at)} ${entry.by} ` }),
    h('b', { class: 'case-history-event', text: name }),
    ...details(ctx, entry, viewNames).map((line) => h('div', { class: 'history-detail', text: line })),
  );
}

/** Collapsed at first; the history is read when opened (and again each time it is opened). */
export function renderCaseHistory(screen: CaseScreen): HTMLElement {
  const list = h('ul', { class: 'case-history', id: 'case-history-list' });
  const box = h(
    'details',
    { class: 'detail-section case-history-section', id: 'case-history' },
    h('summary', { text: t('cases.history') }),
    list,
  );
  box.addEventListener('toggle', () => {
    if (!box.open) return;
    caseApi
      .history(screen.ctx.api, screen.caseId)
      .then((answer) => {
        const viewNames = new Map<string, string>();
        for (const e of answer.history)
          if (e.event === 'view.save' && typeof e.viewId === 'string')
            viewNames.set(e.viewId, String(e.name));
        const newest = [...answer.history].reverse();
        list.replaceChildren(...newest.map((e) => entryItem(screen.ctx, e, viewNames)));
        if (!newest.length) list.append(h('li', { class: 'muted', text: t('cases.history.none') }));
      })
      .catch(screen.report);
  });
  return box;
}
