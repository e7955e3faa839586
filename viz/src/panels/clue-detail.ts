// One clue: summary, subjects, evidence with provenance (file#row), history; graph, status, open or join a case.
import type { AppContext } from '../app/context.ts';
import { formatAmount, pick, type StringKey, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import {
  CLUE_STATUS_LABELS,
  type ClueDetailAnswer,
  caseApi,
  clueApi,
  type EvidenceItem,
  requestCase,
} from './case-api.ts';
import { renderJoinCase } from './case-forms.ts';
import { smallButton as button, noticeError, section, statusForm, subjectRole, when } from './status-form.ts';

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
  const report = noticeError(ctx);
  root.replaceChildren();

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
      renderJoinCase(ctx, clue.clueId),
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

  // Status change, for users who may update clues: the moves come with the clue (engine's table).
  if (ctx.can('clues.update')) {
    if (!clue.moves.length) root.append(h('p', { class: 'muted', text: t('clues.noMoves') }));
    else
      root.append(
        section(
          t('clues.changeStatus'),
          statusForm({
            prefix: 'clue',
            moves: clue.moves,
            label: (to) => pick(CLUE_STATUS_LABELS[to], to),
            commentPlaceholder: 'clues.comment',
            onError: report,
            submit: (status, comment) =>
              clueApi.setStatus(ctx.api, clue.clueId, status, comment).then((res) => {
                ctx.bus.emit('notice', {
                  text: t('clues.statusSaved', { status: pick(res.clue.statusLabel, res.clue.status) }),
                });
                nav.reload();
              }),
          }),
        ),
      );
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
        h('span', { class: 'badge', dataset: { role: s.role }, text: subjectRole(ctx, s.role) }),
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
        h('span', { class: 'muted', text: `${when(entry.at)} ${entry.by} ` }),
        h('span', { text: `${t(key)}${move}` }),
        entry.comment ? h('div', { class: 'history-comment', text: entry.comment }) : null,
      ),
    );
  }
  root.append(section(t('clues.history'), history));
}
