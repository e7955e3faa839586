// Gathers everything a case report says from the store, sorted deterministically; masks it for roles without clearance.
import { maskDeep } from '../../auth/masking.ts';
import { subjectRoleLabel } from '../../detect/roles.ts';
import { listModels } from '../../detect/run.ts';
import { getClue } from '../../detect/store/query.ts';
import { STATUS_LABELS } from '../../detect/store/records.ts';
import type { ClueRecord, EvidenceNode } from '../../detect/types.ts';
import type { Store } from '../../store/gateway.ts';
import type { PlainNode } from '../../store/plain.ts';
import { getCaseDetail, getCaseHistory } from '../store.ts';
import { latestView } from '../views.ts';
import {
  captionOf,
  communitySection,
  equitySection,
  fundSection,
  keyPersonSection,
  type Seed,
} from './analysis.ts';
import { auditAppendix } from './appendix.ts';
import { byText, chinaDate, entityCaption, relationCaption, yuan } from './format.ts';
import { caseGraph } from './graph.ts';
import type { Lang, ReportClue, ReportModel, ReportSubject, SectionNote } from './model.ts';

export const CLASSIFICATION = { zh: '内部资料 注意保密', en: 'INTERNAL — CONFIDENTIAL' };
/** Evidence rows listed per clue; the rest are counted. */
const EVIDENCE_ROWS = 60;

const MODEL_TITLES = new Map(listModels().map((m) => [m.id as string, m.title]));

function details(type: string, p: Record<string, unknown>, lang: Lang): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const add = (label: [string, string], value: unknown) => {
    if (value !== undefined && value !== null && value !== '')
      parts.push(`${zh ? label[0] : label[1]}${String(value)}`);
  };
  if (type === 'Person') {
    add(['性别：', 'Sex: '], p.sex);
    add(['出生：', 'Born: '], p.birthDate);
    add(['死亡：', 'Died: '], p.deathDate);
    if (p.isCadre) parts.push(zh ? '公职人员' : 'public official');
  } else if (type === 'Company') {
    add(['法定代表人：', 'Legal rep.: '], p.legalRepName);
    add(['成立：', 'Founded: '], p.foundedDate);
    add(['状态：', 'Status: '], p.status);
  } else if (type === 'Account') {
    add(['户名：', 'Holder: '], p.holderName);
    add(['开户行：', 'Bank: '], p.bank);
  } else if (type === 'Village') {
    add(['乡镇：', 'Town: '], p.town);
  }
  return parts.join(zh ? '；' : '; ');
}

async function subjectRows(store: Store, caseId: string) {
  return store.read<{ n: PlainNode; role: string | null; note: string | null; clues: number }>(
    `MATCH (:Case {caseId: $caseId})-[r:CASE_SUBJECT]->(n)
     RETURN n, r.role AS role, r.note AS note, COUNT { (:Clue)-[:CLUE_SUBJECT]->(n) } AS clues`,
    { caseId },
  );
}

function evidenceLines(clue: ClueRecord, lang: Lang) {
  const names = new Map<string, string>();
  for (const n of clue.evidence.nodes) names.set(`${n.type}:${n.key}`, n.name ?? n.key);
  for (const s of clue.subjects) names.set(`${s.type}:${s.key}`, s.name || s.key);
  const name = (r: { type: string; key: string }) => names.get(`${r.type}:${r.key}`) ?? r.key;
  const lines = clue.evidence.relationships.map((r) => {
    const p = r.properties;
    const when = String(p.time ?? p.date ?? '')
      .replace('T', ' ')
      .slice(0, 16);
    const amount = typeof p.amount === 'number' ? ` ${yuan(p.amount, lang)}` : '';
    const extra = [p.program, p.purpose, p.relation, p.post, p.memo].filter(
      (v) => typeof v === 'string' && v,
    );
    return {
      what: `${relationCaption(r.type, lang)}：${name(r.from)} → ${name(r.to)}${amount}${when ? ` ${when}` : ''}${extra.length ? `（${extra.join('，')}）` : ''}`,
      sources: [...r.sources].sort(byText),
    };
  });
  const nodeLine = (n: EvidenceNode) => ({
    what: `${entityCaption(n.type, lang)}：${n.name ?? n.key}（${n.key}）`,
    sources: [...n.sources].sort(byText),
  });
  return [...lines, ...clue.evidence.nodes.filter((n) => n.sources.length).map(nodeLine)];
}

function clueSection(clue: ClueRecord, lang: Lang): ReportClue {
  const lines = evidenceLines(clue, lang);
  const title = MODEL_TITLES.get(clue.model);
  return {
    clueId: clue.clueId,
    modelTitle: title ? title[lang] : clue.model,
    status: STATUS_LABELS[clue.status][lang],
    score: clue.score,
    amount: clue.amount,
    period: clue.period ? `${clue.period.from} — ${clue.period.to}` : '',
    summary: lang === 'zh' ? clue.summary : clue.summaryEn || clue.summary,
    facts: clue.evidence.facts.map((f) => f[lang]),
    evidence: lines.slice(0, EVIDENCE_ROWS),
    moreEvidence: Math.max(0, lines.length - EVIDENCE_ROWS),
  };
}

export interface ReportOptions {
  lang?: Lang;
  /** Mask ID numbers throughout (roles without clearance; the CLI's --mask). */
  mask?: boolean;
}

/** The whole report as data. Nothing in it depends on the clock: same store, same model. */
export async function collectReport(
  store: Store,
  caseId: string,
  options: ReportOptions = {},
): Promise<ReportModel> {
  const lang = options.lang ?? 'zh';
  const problems: SectionNote[] = [];
  const detail = await getCaseDetail(store, caseId);
  const [history, rows, view] = await Promise.all([
    getCaseHistory(store, caseId),
    subjectRows(store, caseId),
    latestView(store, caseId),
  ]);
  const subjects: ReportSubject[] = rows
    .map(({ n, role, note, clues }) => {
      const type = n.labels[0] ?? '';
      const sub = detail.subjects.find((s) => s.id === n.elementId);
      const key = sub?.key ?? '';
      return {
        type,
        typeLabel: entityCaption(type, lang),
        name: captionOf(type, n.properties, key),
        key,
        role: role ? subjectRoleLabel(role, lang) : '',
        note: note ?? '',
        details: details(type, n.properties, lang),
        clues,
      };
    })
    .sort((a, b) => byText(a.type, b.type) || byText(a.key, b.key));
  const seeds: Seed[] = subjects.map((s) => ({
    ref: `${s.type}:${s.key}`,
    type: s.type,
    key: s.key,
    name: s.name,
  }));
  const keyPersons = await keyPersonSection(store, seeds, lang, problems);
  const community = await communitySection(store, seeds, lang, problems);
  const funds = await fundSection(store, caseId, problems);
  const equity = await equitySection(store, seeds, problems);
  const clueRecords = await Promise.all(detail.clues.map((c) => getClue(store, c.clueId)));
  const clues = clueRecords.map((c) => clueSection(c, lang));
  const graph = await caseGraph(store, detail.subjects, view, lang);
  const appendix = await auditAppendix(store, {
    caseId,
    needles: [
      ...subjects.flatMap((s) => [s.key, `${s.type}:${s.key}`]),
      ...detail.subjects.map((s) => s.id),
      ...detail.clues.map((c) => c.clueId),
    ],
  });
  const byType = new Map<string, number>();
  for (const s of subjects) byType.set(s.typeLabel, (byType.get(s.typeLabel) ?? 0) + 1);
  const model: ReportModel = {
    lang,
    masked: !!options.mask,
    classification: CLASSIFICATION[lang],
    date: chinaDate(detail.case.updatedAt),
    case: detail.case,
    summary: {
      subjects: subjects.length,
      clues: clues.length,
      cluesAmount: clueRecords.reduce((a, c) => a + (c.amount ?? 0), 0),
      notes: detail.notes.length,
      views: detail.views.length,
      entities: community.nodes,
      byType: [...byType].map(([type, count]) => ({ type, count })).sort((a, b) => byText(a.type, b.type)),
    },
    subjects,
    keyPersons,
    communities: community.rows,
    funds,
    equity,
    clues,
    graph,
    notes: detail.notes,
    history,
    appendix: appendix.lines,
    moreAppendix: appendix.more,
    problems,
  };
  return options.mask ? maskDeep(model) : model;
}
