// One clue: summary, subjects, evidence with provenance (file#row), history; evidence graph, status, open a case.
import { ApiError } from '../api/client.ts';
import type { AppContext } from '../app/context.ts';
import { formatAmount, pick, type StringKey, sideOf, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import {
  CLUE_MOVES,
  CLUE_STATUS_LABELS,
  type ClueDetailAnswer,
  caseApi,
  clueApi,
  type EvidenceItem,
  requestCase,
} from './case-api.ts';

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', { text: title }), ...children);
}

function propsText(props: Record<string, unknown>): string {
  return Object.entries(props)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .slice(0, 6)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? formatAmount(v) : String(v)}`)
    .join(' · ');
}

function evidenceLine(item: EvidenceItem, relation: boolean): HTMLElement {
  const head = relation
    ? `${item.type} ${item.from?.key ?? ''} → ${item.to?.key ?? ''}`
    : `${item.type} ${item.name ?? ''} ${item.key ?? ''}`;
  return h(
    'li',
    { class: 'evidence-item' },
    h('div', { class: 'evidence-head', text: head.trim() }),
    h('div', { class: 'muted evidence-props', text: propsText(item.properties) }),
    h(
      'div',
      { class: 'evidence-sources' },
      ...item.sources.map((s) => h('code', { class: 'source', text: s })),
    ),
  );
}

export function renderClueDetail(
  root: HTMLElement,
  answer: ClueDetailAnswer,
  ctx: AppContext,
  nav: { back: () => void; reload: () => void },
): void {
  const { clue } = answer;
  const report = (error: unknown) =>
    ctx.bus.emit('notice', {
      text: error instanceof ApiError ? sideOf(error.message) : String(error),
      kind: 'error',
    });
  root.replaceChildren();
  const button = (key: StringKey, id: string, fn: () => void, primary = false) =>
    h('button', {
      type: 'button',
      class: `btn small${primary ? ' primary' : ''}`,
      id,
      text: t(key),
      onclick: fn,
    });

  const actions = h(
    'div',
    { class: 'detail-actions' },
    button('clues.back', 'clue-back', nav.back),
    button(
      'clues.showGraph',
      'clue-show-graph',
      () => {
        const added = ctx.commands.show(answer.graph, {
          seeds: answer.subjects.map((s) => s.id),
          highlight: true,
        });
        ctx.bus.emit('notice', { text: t('clues.shown', { n: answer.graph.nodes.length }) });
        requestAnimationFrame(() => ctx.canvas.fit());
        if (!added.length && answer.subjects[0]) ctx.selection.set(answer.subjects.map((s) => s.id));
      },
      true,
    ),
  );
  if (ctx.can('cases.own'))
    actions.append(
      button('clues.openCase', 'clue-open-case', () => {
        caseApi
          .fromClue(ctx.api, clue.clueId)
          .then((created) => {
            ctx.bus.emit('notice', { text: t('clues.caseOpened', { id: created.case.caseId }) });
            ctx.bus.emit('panel:open', { id: 'cases' });
            requestCase(created.case.caseId);
          })
          .catch(report);
      }),
    );

  root.append(
    h(
      'header',
      { class: 'clue-head' },
      h(
        'div',
        { class: 'clue-line' },
        h('span', { class: 'clue-score', text: t('clues.score', { score: clue.score.toFixed(2) }) }),
        h('span', { class: 'model', text: pick(clue.modelTitle, clue.model) }),
        h('span', {
          class: `status ${clue.status}`,
          id: 'clue-status',
          dataset: { status: clue.status },
          text: pick(clue.statusLabel, clue.status),
        }),
        h('span', { class: 'amount', text: `¥${formatAmount(clue.amount)}` }),
      ),
      h('p', { class: 'clue-sentence', text: pick({ zh: clue.summary, en: clue.summaryEn }) }),
      h('div', { class: 'muted clue-id', text: clue.clueId }),
    ),
    actions,
  );

  // Status change, for users who may update clues.
  if (ctx.can('clues.update')) {
    const moves = CLUE_MOVES[clue.status] ?? [];
    if (!moves.length) root.append(h('p', { class: 'muted', text: t('clues.noMoves') }));
    else {
      const select = h('select', { class: 'input', id: 'clue-status-select' });
      for (const to of moves)
        select.append(h('option', { value: to, text: pick(CLUE_STATUS_LABELS[to], to) }));
      const comment = h('textarea', {
        class: 'input',
        id: 'clue-status-comment',
        rows: 2,
        placeholder: t('clues.comment'),
      });
      const form = h(
        'form',
        { class: 'clue-status-form', id: 'clue-status-form' },
        select,
        comment,
        h('button', {
          type: 'submit',
          class: 'btn small primary',
          id: 'clue-status-save',
          text: t('clues.save'),
        }),
      );
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        clueApi
          .setStatus(ctx.api, clue.clueId, select.value, comment.value.trim())
          .then((res) => {
            ctx.bus.emit('notice', {
              text: t('clues.statusSaved', { status: pick(res.clue.statusLabel, res.clue.status) }),
            });
            nav.reload();
          })
          .catch(report);
      });
      root.append(section(t('clues.changeStatus'), form));
    }
  }

  // Subjects: click one to focus it (drawn with the evidence graph).
  const subjects = h('ul', { class: 'clue-subjects' });
  for (const s of clue.subjects) {
    const match = answer.graph.nodes.find((n) => n.type === s.type && n.key === s.key);
    subjects.append(
      h(
        'li',
        {
          class: match ? 'clickable' : '',
          onclick: () => {
            if (!match) return;
            if (!ctx.graph.hasNode(match.id))
              ctx.commands.show({ nodes: [match], edges: [] }, { seeds: 'all' });
            ctx.selection.set([match.id]);
            ctx.bus.emit('focus', { id: match.id });
          },
        },
        h('span', { class: 'badge', text: s.role }),
        h('span', { text: ` ${s.name || s.key}` }),
        h('span', { class: 'muted', text: ` ${s.type} · ${s.key}` }),
      ),
    );
  }
  root.append(section(t('clues.subjects'), subjects));

  if (clue.evidence.facts.length) {
    const facts = h('ul', { class: 'clue-facts' });
    for (const f of clue.evidence.facts) facts.append(h('li', { text: pick(f) }));
    root.append(section(t('clues.facts'), facts));
  }
  const evidence = h('ul', { class: 'clue-evidence', id: 'clue-evidence' });
  for (const r of clue.evidence.relationships) evidence.append(evidenceLine(r, true));
  for (const n of clue.evidence.nodes) evidence.append(evidenceLine(n, false));
  root.append(section(t('clues.evidence'), evidence));

  const history = h('ul', { class: 'clue-history', id: 'clue-history' });
  for (const entry of [...clue.history].reverse()) {
    const key = `clues.event.${entry.event}` as StringKey;
    const move =
      entry.from || entry.to
        ? ` ${pick(CLUE_STATUS_LABELS[entry.from ?? ''], entry.from ?? '')} → ${pick(CLUE_STATUS_LABELS[entry.to ?? ''], entry.to ?? '')}`
        : '';
    history.append(
      h(
        'li',
        {},
        h('span', { class: 'muted', text: `${entry.at.slice(0, 16).replace('T', ' ')} ${entry.by} ` }),
        h('span', { text: `${t(key)}${move}` }),
        entry.comment ? h('div', { class: 'history-comment', text: entry.comment }) : null,
      ),
    );
  }
  root.append(section(t('clues.history'), history));
}
