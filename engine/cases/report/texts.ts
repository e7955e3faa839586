// Every fixed caption of the report, in Chinese and English, and the print stylesheet (A4, CJK fonts).
import type { Lang } from './model.ts';

const TEXTS = {
  reportTitle: ['案件分析报告', 'Case analysis report'],
  caseNumber: ['案件编号', 'Case number'],
  caseTitle: ['案件名称', 'Title'],
  reportDate: ['报告日期', 'Report date'],
  status: ['办理状态', 'Status'],
  lead: ['承办人', 'Lead investigator'],
  members: ['办案组成员', 'Team members'],
  createdAt: ['立案（初核）时间', 'Opened'],
  createdBy: ['创建人', 'Opened by'],
  fromClue: ['来源线索', 'Opened from clue'],
  masked: [
    '本报告中的身份证号码已按阅读人权限脱敏，出生日期仅显示年份。',
    'ID numbers in this report are masked for the reader’s role; birth dates show the year only.',
  ],
  generatedFrom: [
    '本报告依据清风系统库中数据自动生成，日期为案件最近一次变更日期；同一数据生成的报告内容一致。',
    'Generated from the Qingfeng store; dated by the case’s last change, so the same data gives the same report.',
  ],
  s1: ['一、案件概况', '1. Summary'],
  s2: ['二、案件对象', '2. Subjects'],
  s3: ['三、关系图', '3. Case graph'],
  s4: ['四、关键人物', '4. Key persons'],
  s5: ['五、关联群体', '5. Communities around the subjects'],
  s6: ['六、资金链路', '6. Fund chains'],
  s7: ['七、股权穿透', '7. Equity penetration'],
  s8: ['八、问题线索及证据来源', '8. Clues and evidence provenance'],
  s9: ['九、工作记录', '9. Notes'],
  s10: ['十、变更记录', '10. History of the case'],
  appendix: ['附录：查询与模板运行记录', 'Appendix: queries and templates run for the case'],
  problems: ['生成说明', 'Notes on generation'],
  subjectsCount: ['案件对象', 'Subjects'],
  cluesCount: ['关联线索', 'Attached clues'],
  cluesAmount: ['线索涉及金额', 'Amount in clues'],
  notesCount: ['工作记录', 'Notes'],
  viewsCount: ['保存的视图', 'Saved views'],
  entities: ['对象两步范围内实体数', 'Entities within two hops of the subjects'],
  byType: ['对象构成', 'Subjects by type'],
  type: ['类型', 'Type'],
  name: ['名称', 'Name'],
  key: ['证件/编号', 'Key'],
  role: ['角色', 'Role'],
  note: ['说明', 'Note'],
  details: ['基本情况', 'Details'],
  clueCount: ['线索数', 'Clues'],
  rank: ['名次', 'Rank'],
  score: ['综合得分', 'Score'],
  degree: ['关联数', 'Links'],
  reason: ['理由', 'Why'],
  cadre: ['公职人员', 'Official'],
  subjectMark: ['本案对象', 'case subject'],
  size: ['规模', 'Size'],
  subjectsIn: ['包含的案件对象', 'Case subjects inside'],
  membersCol: ['成员（部分）', 'Members (first few)'],
  internalFlow: ['内部资金往来', 'Internal flow'],
  account: ['账户', 'Account'],
  holder: ['户名', 'Holder'],
  totalOut: ['沿链路转出合计', 'Total leaving along the chains'],
  totalIn: ['沿链路转入合计', 'Total arriving along the chains'],
  outgoing: ['转出', 'outgoing'],
  incoming: ['转入', 'incoming'],
  sources: ['资金来源（起点）', 'Where the money came from'],
  chain: ['链路', 'Chain'],
  hops: ['资金流转（时间、付款方 → 收款方、金额）', 'Hops (time, payer → payee, amount)'],
  endpoints: ['资金去向（终点）', 'Where the money ended'],
  total: ['合计', 'Total'],
  chains: ['链路数', 'Chains'],
  minHops: ['最少跳数', 'Min. hops'],
  truncated: ['链路过多，仅计算了前一部分。', 'Too many chains: only the first were computed.'],
  owners: ['实际控制人（穿透持股）', 'Ultimate owners (look-through)'],
  controls: ['穿透控制的企业', 'Companies controlled (look-through)'],
  ratio: ['穿透持股比例', 'Effective share'],
  paths: ['持股路径', 'Holding paths'],
  clueId: ['线索编号', 'Clue id'],
  model: ['监督模型', 'Model'],
  amount: ['涉及金额', 'Amount'],
  period: ['期间', 'Period'],
  facts: ['核查要点', 'Facts'],
  evidence: ['证据', 'Evidence'],
  source: ['来源（文件#行）', 'Source (file#row)'],
  more: ['另有 {n} 条未列出', '{n} more not listed'],
  author: ['记录人', 'Author'],
  at: ['时间', 'Time'],
  edited: ['（已修改）', ' (edited)'],
  event: ['事项', 'Event'],
  by: ['操作人', 'By'],
  user: ['用户', 'User'],
  action: ['操作', 'Action'],
  target: ['对象', 'Target'],
  params: ['参数', 'Parameters'],
  rows: ['行数', 'Rows'],
  none: ['无', 'None'],
  graphFromView: [
    '依据保存的视图“{name}”（{author}，{at}）绘制',
    'Drawn from the saved view “{name}” ({author}, {at})',
  ],
  graphFromLayout: [
    '尚无保存的视图：案件对象及其主要关联实体',
    'No saved view: the subjects and their main neighbours',
  ],
  graphSize: ['{nodes} 个实体，{edges} 组关系', '{nodes} entities, {edges} relationship groups'],
  page: ['第 {page} 页 / 共 {pages} 页', 'Page {page} of {pages}'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextId = keyof typeof TEXTS;

export function tr(id: TextId, lang: Lang, vars: Record<string, string | number> = {}): string {
  const text = TEXTS[id][lang === 'zh' ? 0 : 1] as string;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export const FONT_STACK =
  "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Noto Serif CJK SC',sans-serif";

export const STYLE = `
@page { size: A4; margin: 20mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10.5pt; color: #1a1a1a; line-height: 1.55; }
body { margin: 0; }
h1 { font-size: 24pt; margin: 0 0 12mm; letter-spacing: 0.1em; }
h2 { font-size: 14pt; border-bottom: 1.5pt solid #8b0000; padding-bottom: 2pt; margin: 14pt 0 8pt; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 6pt 0 3pt; break-after: avoid; }
p { margin: 4pt 0; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
th, td { border: 0.6pt solid #9a9a9a; padding: 2.5pt 4pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #efefef; font-weight: bold; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
.muted { color: #555555; font-size: 9pt; }
.mark { color: #8b0000; font-weight: bold; letter-spacing: 0.2em; }
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: space-between; break-after: page; }
.cover .mark { text-align: right; font-size: 13pt; }
.cover .middle { margin-top: 40mm; }
.cover table { font-size: 12pt; width: 80%; }
.cover th { width: 30%; background: none; }
.cover .foot { text-align: center; font-size: 10pt; }
.section { break-before: page; }
.figure svg { width: 100%; height: auto; border: 0.5pt solid #cccccc; }
.chain { margin: 0; padding-left: 14pt; }
.source { font-family: 'Noto Sans Mono CJK SC','DejaVu Sans Mono',monospace; font-size: 8pt; }
.subject { font-weight: bold; }
td.nowrap { white-space: nowrap; }
td.key { white-space: nowrap; font-size: 8.5pt; }
.note { border-left: 2pt solid #8b0000; padding: 2pt 6pt; margin: 6pt 0; break-inside: avoid; }
.note pre { white-space: pre-wrap; font-family: inherit; margin: 2pt 0 0; }
`;
