// Renders the report model as one self-contained HTML page (inline CSS and SVG, no external link), ready to print.
import { CASE_STATUS_LABELS, type CaseHistoryEntry, type CaseStatus } from '../model.ts';
import { chinaTime, esc, longDate, ratio, yuan } from './format.ts';
import type { Lang, ReportModel } from './model.ts';
import { STYLE, type TextId, tr } from './texts.ts';

type Cell = string | { html: string; num?: boolean; cls?: string };

function table(lang: Lang, heads: { id: TextId; num?: boolean }[], rows: Cell[][]): string {
  if (!rows.length) return `<p class="muted">${tr('none', lang)}</p>`;
  const head = heads.map((h) => `<th${h.num ? ' class="num"' : ''}>${tr(h.id, lang)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = row.map((c) => {
        if (typeof c === 'string') return `<td>${esc(c)}</td>`;
        const cls = [c.num ? 'num' : '', c.cls ?? ''].filter(Boolean).join(' ');
        return `<td${cls ? ` class="${cls}"` : ''}>${c.html}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const num = (text: string): Cell => ({ html: esc(text), num: true });
const more = (n: number, lang: Lang) => (n > 0 ? `<p class="muted">${tr('more', lang, { n })}</p>` : '');
const statusName = (status: unknown, lang: Lang) =>
  CASE_STATUS_LABELS[status as CaseStatus]?.[lang] ?? String(status ?? '');

function cover(m: ReportModel): string {
  const l = m.lang;
  const c = m.case;
  const rows: [TextId, string][] = [
    ['caseNumber', c.caseId],
    ['caseTitle', c.title],
    ['status', c.statusLabel[l]],
    ['lead', c.lead],
    ['reportDate', longDate(m.date, l)],
  ];
  return `<section class="cover">
<div class="mark">${esc(m.classification)}</div>
<div class="middle"><h1>${tr('reportTitle', l)}</h1>
<table>${rows.map(([k, v]) => `<tr><th>${tr(k, l)}</th><td>${esc(v)}</td></tr>`).join('')}</table></div>
<div class="foot"><p class="muted">${tr('generatedFrom', l)}</p>${m.masked ? `<p class="muted">${tr('masked', l)}</p>` : ''}
<p class="mark">${esc(m.classification)}</p></div>
</section>`;
}

function summary(m: ReportModel): string {
  const l = m.lang;
  const c = m.case;
  const s = m.summary;
  const rows: [TextId, string][] = [
    ['caseNumber', c.caseId],
    ['caseTitle', c.title],
    ['status', c.statusLabel[l]],
    ['lead', c.lead],
    ['members', c.members.join(l === 'zh' ? '、' : ', ') || tr('none', l)],
    ['createdAt', chinaTime(c.createdAt)],
    ['createdBy', c.createdBy],
    ['fromClue', c.fromClue ?? tr('none', l)],
    ['subjectsCount', String(s.subjects)],
    ['byType', s.byType.map((t) => `${t.type} ${t.count}`).join(l === 'zh' ? '，' : ', ') || tr('none', l)],
    ['cluesCount', String(s.clues)],
    ['cluesAmount', yuan(s.cluesAmount, l)],
    ['entities', String(s.entities)],
    ['notesCount', String(s.notes)],
    ['viewsCount', String(s.views)],
  ];
  return `<h2>${tr('s1', l)}</h2><table>${rows.map(([k, v]) => `<tr><th style="width:32%">${tr(k, l)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function subjects(m: ReportModel): string {
  const l = m.lang;
  const rows = m.subjects.map((s) => [
    { html: esc(s.typeLabel), cls: 'nowrap' },
    s.name,
    { html: esc(s.key), cls: 'key' },
    s.role,
    s.details,
    num(String(s.clues)),
    s.note,
  ]);
  return `<h2>${tr('s2', l)}</h2>${table(l, [{ id: 'type' }, { id: 'name' }, { id: 'key' }, { id: 'role' }, { id: 'details' }, { id: 'clueCount', num: true }, { id: 'note' }], rows)}`;
}

function graph(m: ReportModel): string {
  const l = m.lang;
  const g = m.graph;
  const caption =
    g.source.kind === 'view'
      ? tr('graphFromView', l, { name: g.source.name, author: g.source.author, at: chinaTime(g.source.at) })
      : tr('graphFromLayout', l);
  return `<h2>${tr('s3', l)}</h2><div class="figure">${g.svg}</div>
<p class="muted">${esc(caption)}；${esc(tr('graphSize', l, { nodes: g.nodes, edges: g.edges }))}</p>`;
}

function keyPersons(m: ReportModel): string {
  const l = m.lang;
  const rows = m.keyPersons.map((p) => [
    num(String(p.rank)),
    {
      html: `${esc(p.name)}${p.isSubject ? `<br><span class="muted">${tr('subjectMark', l)}</span>` : ''}`,
      cls: p.isSubject ? 'subject nowrap' : 'nowrap',
    },
    { html: esc(p.key), cls: 'key' },
    p.cadre ? '✓' : '',
    num(p.score.toFixed(3)),
    num(String(p.degree)),
    p.reason,
  ]);
  return `<h2>${tr('s4', l)}</h2>${table(l, [{ id: 'rank', num: true }, { id: 'name' }, { id: 'key' }, { id: 'cadre' }, { id: 'score', num: true }, { id: 'degree', num: true }, { id: 'reason' }], rows)}`;
}

function communities(m: ReportModel): string {
  const l = m.lang;
  const sep = l === 'zh' ? '、' : ', ';
  const rows = m.communities.map((c) => [
    num(String(c.community)),
    num(String(c.size)),
    c.subjects.join(sep) || tr('none', l),
    {
      html: c.members
        .map(
          (g) =>
            `${esc(g.type)}：${esc(g.names.join(sep))}${g.more ? ` <span class="muted">${tr('more', l, { n: g.more })}</span>` : ''}`,
        )
        .join('<br>'),
    },
    c.cadres.join(sep),
    num(`${yuan(c.internalFlow, l)} / ${c.internalTransfers}`),
    num(String(c.clueCount)),
  ]);
  return `<h2>${tr('s5', l)}</h2>${table(l, [{ id: 'rank', num: true }, { id: 'size', num: true }, { id: 'subjectsIn' }, { id: 'membersCol' }, { id: 'cadre' }, { id: 'internalFlow', num: true }, { id: 'clueCount', num: true }], rows)}`;
}

function funds(m: ReportModel): string {
  const l = m.lang;
  const parts = m.funds.map((f) => {
    const chains = f.chains.map((c, i) => [
      num(String(i + 1)),
      {
        html: `<ol class="chain">${c.hops.map((h) => `<li>${esc(h.time)} ${esc(h.from)} → ${esc(h.to)} <b>${esc(yuan(h.amount, l))}</b></li>`).join('')}</ol>`,
      },
    ]);
    const ends = f.endpoints.map((e) => [
      e.name,
      num(yuan(e.total, l)),
      num(String(e.chains)),
      num(String(e.minHops)),
    ]);
    const out = f.direction === 'out';
    return `<h3>${tr('account', l)} ${esc(f.account)}${f.holder ? `（${esc(f.holder)}）` : ''} · ${tr(out ? 'outgoing' : 'incoming', l)}</h3>
<p>${tr(out ? 'totalOut' : 'totalIn', l)}：<b>${esc(yuan(f.total, l))}</b></p>${f.truncated ? `<p class="muted">${tr('truncated', l)}</p>` : ''}
${table(l, [{ id: 'chain', num: true }, { id: 'hops' }], chains)}${more(f.moreChains, l)}
<h4>${tr(out ? 'endpoints' : 'sources', l)}</h4>${table(l, [{ id: 'name' }, { id: 'total', num: true }, { id: 'chains', num: true }, { id: 'minHops', num: true }], ends)}${more(f.moreEndpoints, l)}`;
  });
  return `<h2>${tr('s6', l)}</h2>${parts.join('\n') || `<p class="muted">${tr('none', l)}</p>`}`;
}

function equity(m: ReportModel): string {
  const l = m.lang;
  const parts = m.equity.map((e) => {
    const rows = e.rows.map((r) => [
      r.name,
      { html: esc(r.key), cls: 'key' },
      num(ratio(r.ratio)),
      { html: r.paths.map(esc).join('<br>') },
    ]);
    return `<h3>${esc(e.subject)}：${tr(e.direction, l)}</h3>${table(l, [{ id: 'name' }, { id: 'key' }, { id: 'ratio', num: true }, { id: 'paths' }], rows)}`;
  });
  return `<h2>${tr('s7', l)}</h2>${parts.join('\n') || `<p class="muted">${tr('none', l)}</p>`}`;
}

function clues(m: ReportModel): string {
  const l = m.lang;
  const parts = m.clues.map((c, i) => {
    const head: [TextId, string][] = [
      ['clueId', c.clueId],
      ['model', c.modelTitle],
      ['status', c.status],
      ['score', c.score.toFixed(2)],
      ['amount', yuan(c.amount, l)],
      ['period', c.period],
    ];
    const evidence = c.evidence.map((e) => [
      e.what,
      { html: e.sources.map(esc).join('<br>'), cls: 'source' },
    ]);
    return `<h3>${i + 1}. ${esc(c.modelTitle)}</h3><p>${esc(c.summary)}</p>
<table>${head.map(([k, v]) => `<tr><th style="width:24%">${tr(k, l)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
${c.facts.length ? `<p><b>${tr('facts', l)}</b></p><ul>${c.facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}
${table(l, [{ id: 'evidence' }, { id: 'source' }], evidence)}${more(c.moreEvidence, l)}`;
  });
  return `<h2>${tr('s8', l)}</h2>${parts.join('\n') || `<p class="muted">${tr('none', l)}</p>`}`;
}

function notes(m: ReportModel): string {
  const l = m.lang;
  const parts = m.notes.map(
    (n) =>
      `<div class="note"><span class="muted">${esc(chinaTime(n.at))} · ${esc(n.author)}${n.editedAt ? tr('edited', l) : ''}</span><pre>${esc(n.text)}</pre></div>`,
  );
  return `<h2>${tr('s9', l)}</h2>${parts.join('\n') || `<p class="muted">${tr('none', l)}</p>`}`;
}

/** One line per history entry: what changed, in words. */
export function describeEvent(e: CaseHistoryEntry, lang: Lang): string {
  const zh = lang === 'zh';
  const list = (v: unknown) =>
    Array.isArray(v)
      ? v
          .map((x) =>
            typeof x === 'object' && x
              ? ((x as { name?: string; ref?: string }).name ?? (x as { ref?: string }).ref)
              : x,
          )
          .join(zh ? '、' : ', ')
      : String(v ?? '');
  switch (e.event) {
    case 'created':
      return zh ? `创建案件“${e.title}”，承办人 ${e.lead}` : `Opened “${e.title}”, lead ${e.lead}`;
    case 'status': {
      const s = e.status as { from: string; to: string; comment: string | null };
      return `${statusName(s.from, lang)} → ${statusName(s.to, lang)}${s.comment ? `（${s.comment}）` : ''}`;
    }
    case 'update':
      return Object.entries(e)
        .filter(([k]) => ['title', 'lead', 'members'].includes(k))
        .map(([k, v]) => {
          const c = v as { from: unknown; to: unknown };
          return `${k}: ${list(c.from)} → ${list(c.to)}`;
        })
        .join('; ');
    case 'subject.add':
      return `${zh ? '添加对象' : 'Added subjects'}：${list(e.subjects)}`;
    case 'subject.remove':
      return `${zh ? '移除对象' : 'Removed subject'}：${list([e.subject])}`;
    case 'clue.attach':
      return `${zh ? '关联线索' : 'Attached clues'}：${list(e.clues)}`;
    case 'clue.detach':
      return `${zh ? '解除关联线索' : 'Detached clue'}：${String(e.clue)}`;
    case 'note.add':
      return zh ? '添加工作记录' : 'Added a note';
    case 'note.edit':
      return zh
        ? `修改工作记录，原文：${String(e.previous ?? '')}`
        : `Edited a note; previously: ${String(e.previous ?? '')}`;
    case 'view.save':
      return `${zh ? '保存视图' : 'Saved view'}：${String(e.name ?? '')}`;
    case 'view.delete':
      return zh ? '删除视图' : 'Deleted a view';
    default:
      return e.event;
  }
}

function history(m: ReportModel): string {
  const l = m.lang;
  const rows = m.history.map((h) => [chinaTime(h.at), h.by, describeEvent(h, l)]);
  return `<h2>${tr('s10', l)}</h2>${table(l, [{ id: 'at' }, { id: 'by' }, { id: 'event' }], rows)}`;
}

function appendix(m: ReportModel): string {
  const l = m.lang;
  const rows = m.appendix.map((a) => [
    a.at,
    a.user,
    a.action,
    a.target,
    { html: esc(a.params), cls: 'source' },
    num(a.rows === null ? '' : String(a.rows)),
  ]);
  const problems = m.problems.length
    ? `<h3>${tr('problems', l)}</h3><ul>${m.problems.map((p) => `<li>${esc(p.section)}：${esc(p.message)}</li>`).join('')}</ul>`
    : '';
  return `<h2>${tr('appendix', l)}</h2>${table(l, [{ id: 'at' }, { id: 'user' }, { id: 'action' }, { id: 'target' }, { id: 'params' }, { id: 'rows', num: true }], rows)}${more(m.moreAppendix, l)}${problems}`;
}

/** The whole page. No clock, no random, no external resource: the same model always gives the same bytes. */
export function renderReportHtml(m: ReportModel): string {
  const l = m.lang;
  const sections = [
    summary(m) + subjects(m),
    graph(m),
    keyPersons(m) + communities(m),
    funds(m) + equity(m),
    clues(m),
    notes(m) + history(m),
    appendix(m),
  ];
  return `<!DOCTYPE html>
<html lang="${l === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${esc(`${m.case.caseId} ${m.case.title} — ${tr('reportTitle', l)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${cover(m)}
${sections.map((s, i) => `<section${i ? ' class="section"' : ''}>\n${s}\n</section>`).join('\n')}
</body>
</html>
`;
}
