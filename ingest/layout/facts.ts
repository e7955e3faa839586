// Gives the preamble's `label：value` pairs meaning for one family: 户名 is the statement's holder, 单位 the village.
import { periodStart, unitMultiplier } from '../normalise/index.ts';
import type { Family } from '../profiles/families.ts';
import type { Kind } from '../types.ts';
import { MONEY_FIELDS } from './content.ts';
import type { PreambleFact } from './types.ts';
import { headerForms, MATCH_CONFIDENCE, matchHeader } from './vocabulary.ts';

/** The label under which a table's title (the first text above it) is offered: a roster's title names its programme. */
export const TITLE_LABEL = '标题';

/** The label under which a file's own name is offered: the last word on what a roster pays, after its title. */
export const FILE_LABEL = '文件名';

/** The label under which the period a table covers (from its title or a `期间：` line) is offered, as its first day. */
export const PERIOD_LABEL = '所属期间';

/** A title as a name: `XX镇特困人员救助供养金发放表（2025年第一季度）` → `XX镇特困人员救助供养金`. */
export function titleName(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/(?:发放|支付|领取)?(?:明细|花名册|清册|名册|清单|统计表|一览表|汇总表|登记表|表)+$/u, '')
    .trim();
}

/**
 * Labels that name a field only above a table. In a column, 单位 is a cadre's employer; above a ledger, 单位：
 * names the collective the whole ledger belongs to. Kept per kind and field, for the preamble alone.
 */
const PREAMBLE_ALIASES: Partial<Record<Kind, Record<string, string[]>>> = {
  bank: {
    ownAccount: ['查询账号', '客户账号', '账户账号', '主账号', '卡号/账号'],
    ownName: ['客户名称', '客户姓名', '账户名称', '姓名', '户主'],
    ownId: ['证件号码', '客户证件号码', '身份证号码'],
  },
  ledger: {
    village: [
      '单位',
      '核算单位',
      '单位名称',
      '编制单位',
      '填报单位',
      '集体经济组织名称',
      '村集体经济组织',
      '账套名称',
    ],
    payerAccount: ['账号', '银行账号', '开户账号', '基本户账号'],
  },
  subsidy: {
    village: ['填报单位', '发放单位', '单位'],
    program: ['补贴项目', '项目名称', '资金名称', '补贴类别', TITLE_LABEL, FILE_LABEL],
    date: ['发放日期', '发放时间', PERIOD_LABEL],
  },
  cadre: { unit: ['填报单位', '单位', '单位名称'] },
  relative: {
    cadreName: ['姓名', '本人姓名', '申报人', '报告人'],
    cadreId: ['身份证号', '身份证号码', '公民身份号码', '证件号码'],
  },
};

/**
 * Fields a block above a table can state for all its rows: who the statement or list belongs to, where, under
 * which programme. Never a row's own event (a movement's date, amount or counterparty): `起止日期：…` above a
 * statement is the period queried, not the day of every movement.
 */
const FACT_FIELDS: Partial<Record<Kind, readonly string[]>> = {
  bank: ['ownAccount', 'ownName', 'ownId', 'currency'],
  ledger: ['village', 'town', 'payerAccount'],
  subsidy: ['program', 'village', 'town', 'approvingUnit', 'date', 'period'],
  cadre: ['unit', 'town', 'village'],
  relative: ['cadreName', 'cadreId'],
  household: ['town', 'village', 'householdNo'],
  shareholder: ['creditCode', 'companyName'],
  executive: ['creditCode', 'companyName'],
};

/** A place name read as town and village: `东风镇红旗村股份经济合作社` → 东风镇 / 红旗村. */
export function splitPlace(text: string): { town?: string; village?: string } {
  // The county prefix holds no 镇/乡/村 (旗 in 红旗村 is no banner), and a village has a name before its 村.
  const match =
    /^(?:[^镇乡村]*?[省市县区旗])?(?<town>[^省市县区旗]*?(?:镇|乡|街道))?(?<village>[^镇乡]+?(?:村|社区|居委会))/.exec(
      text,
    );
  if (!match?.groups?.village) return {};
  return { village: match.groups.village, ...(match.groups.town ? { town: match.groups.town } : {}) };
}

/**
 * The facts of a preamble for `family`: each field not read from a column takes the first pair whose label
 * means it (by the same header matcher as the columns, plus the preamble-only labels). A village named by its
 * collective (`单位：XX村股份经济合作社`) is read as its town and village; `金额单位：万元` becomes the `unit` fact.
 */
export function preambleFacts(
  family: Family,
  labelled: readonly { label: string; value: string; row: number }[],
  fromColumns: ReadonlySet<string>,
): PreambleFact[] {
  const facts: PreambleFact[] = [];
  const taken = new Set(fromColumns);
  const extra = PREAMBLE_ALIASES[family.kind] ?? {};
  for (const pair of labelled) {
    if (/单位/.test(pair.label)) {
      const unit = unitMultiplier(pair.value) ?? unitMultiplier(`${pair.label}：${pair.value}`);
      if (unit !== undefined) {
        if (!taken.has('unit'))
          facts.push({ field: 'unit', value: String(unit), row: pair.row, label: pair.label });
        taken.add('unit');
        continue;
      }
    }
    const label = headerForms(pair.label);
    let best: { field: string; strength: number } | undefined;
    const allowed = FACT_FIELDS[family.kind] ?? [];
    for (const [field, spec] of Object.entries(family.fields)) {
      if (taken.has(field) || !allowed.includes(field)) continue;
      for (const alias of [...spec.aliases, ...(extra[field] ?? [])]) {
        const match = matchHeader(label, headerForms(alias));
        const strength = match ? MATCH_CONFIDENCE[match] : 0;
        if (strength > (best?.strength ?? 0)) best = { field, strength };
      }
    }
    if (!best) continue;
    if (best.field === 'village') {
      const place = splitPlace(pair.value);
      const village = place.village ?? pair.value;
      facts.push({ field: 'village', value: village, row: pair.row, label: pair.label });
      taken.add('village');
      if (place.town && 'town' in family.fields && !taken.has('town')) {
        facts.push({ field: 'town', value: place.town, row: pair.row, label: pair.label });
        taken.add('town');
      }
      continue;
    }
    facts.push({ field: best.field, value: pair.value, row: pair.row, label: pair.label });
    taken.add(best.field);
  }
  return facts;
}

/** The money unit the preamble states for a table (10000 for `金额单位：万元`), if any. */
export function preambleUnit(facts: readonly PreambleFact[]): number | undefined {
  const fact = facts.find((f) => f.field === 'unit');
  return fact ? Number(fact.value) : undefined;
}

export { MONEY_FIELDS, periodStart };
