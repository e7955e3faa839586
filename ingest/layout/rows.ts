// Tells data rows from the rest below a header: totals, print footers, notes, dashed rules and repeated headers.

import type { SkipReason } from './types.ts';
import { normaliseHeader } from './vocabulary.ts';

/** A cell that is a total's label, alone: 合计, 小计, 本页合计, 本月合计, 本年累计, 总计, 累计 (with a colon or not). */
const TOTAL = /^[\p{Script=Han}\d]{0,8}(?:小计|合计|总计|累计|共计|汇总)(?:金额|数|笔数)?[:：]?$/u;

/** A total written with its figure or count in the same cell: `合计：12笔`, `合计 1,234.00`. */
const TOTAL_WITH_VALUE =
  /^[\p{Script=Han}\d]{0,8}(?:小计|合计|总计|累计|共计)\s*[:：]?\s*[\d,.]+\s*(?:元|笔|条|人|户|具)?$/u;

/** A total's label opening its cell with a colon, whatever follows: `合计：10户 37人`. */
const TOTAL_LABELLED = /^[\p{Script=Han}\d]{0,8}(?:小计|合计|总计|累计|共计)\s*[:：]/u;

/**
 * Balances carried in or out, not movements: 期初余额, 上年结转, 承前页, 过次页. The period word is required: a bare
 * 余额 is a repeated header cell or a person's name, never a carried balance.
 */
const CARRIED =
  /^(?:期初|期末|年初|年末|上年|上期|上月|本期|本年)(?:余额|结转|结余)$|^(?:承前页|过次页|转下页|承上页|上页转来)$/;

/** Footer labels that end a printed export: the label is followed by a colon, with or without a value. */
const FOOTER =
  /^(?:打印|制表|制单|审核|复核|审批|经办|负责人|单位负责人|会计|出纳|记账|查询|操作员|柜员|授权|填表|填报|主管|签字|签章|盖章|核对|打印日期|打印时间|导出|生成)[^:：]{0,8}[:：]/;

/** Closing sentences: remarks, disclaimers, page markers. */
const NOTE =
  /^(?:注[:：]|注\s*\d|说明[:：]|备注[:：]|以上|以下空白|此页|本页|数据来源|温馨提示|提示[:：]|特别提示|声明|本人(?:承诺|签名|签字|保证)|第\s*\d+\s*页|共\s*\d+\s*(?:页|条|笔|项|人|户|具|行)|\d+\s*\/\s*\d+\s*页|page\s*\d+|-\s*\d+\s*-$)/i;

/** Words without which no cell can be a total or a carried balance. */
const TOTAL_WORDS = /计|汇总|余额|结转|结余|承前|过次|转下|承上|转来/;

/** A rule drawn with characters: ----, ====, ————, ****. */
const RULE = /^[-=—_*~·.─━]{3,}$/;

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Why a row below the header is not data, or undefined for a data row. Judged on the row's own cells only, so a
 * memo that says 合计 inside a longer text never hides a movement: a total's label must fill its cell alone, and
 * footers and notes must open the row. `headerKeys` are the normalised header cells, to spot a repeated header.
 */
export function nonDataReason(
  cells: readonly string[],
  headerKeys: ReadonlySet<string>,
): { reason: SkipReason; text: string } | undefined {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length === 0) return undefined;
  const joined = filled.join(' ');
  const text = shorten(joined);
  // Brackets around a whole remark (`（以下空白）`) do not change what it is.
  const first = filled[0]!.replace(/^[（(【[]\s*|\s*[）)】\]]$/g, '');
  if (filled.every((c) => RULE.test(c))) return { reason: 'rule', text };
  // Every row of a million-row statement comes through here: the cell-by-cell tests run only when a total's or
  // a carried balance's word is in the row at all.
  if (TOTAL_WORDS.test(joined)) {
    if (filled.some((c) => TOTAL.test(c.replace(/\s/g, '')) || TOTAL_WITH_VALUE.test(c)))
      return { reason: 'total', text };
    if (filled.some((c) => CARRIED.test(c.replace(/\s/g, '')))) return { reason: 'total', text };
  }
  if (TOTAL_LABELLED.test(first)) return { reason: 'total', text };
  if (FOOTER.test(first) && filled.length <= 4) return { reason: 'footer', text };
  // `统计时间：…  制表人：…`: a few labelled values in a wide table close it, whatever the labels are.
  if (
    filled.length <= 3 &&
    headerKeys.size >= 4 &&
    filled.every((c) => /^[\p{Script=Han}\s]{2,8}[:：]/u.test(c))
  ) {
    return { reason: 'footer', text };
  }
  if (NOTE.test(first) && filled.length <= 3) return { reason: 'note', text };
  // A sentence, not a value: a declaration or remark closing the form.
  if (filled.length <= 2 && first.length >= 10 && /[。！]$/.test(first)) return { reason: 'note', text };
  // One lone text in a wide table is a remark between or below rows (单位：元, （本明细加盖业务专用章有效）): no
  // record of any kind is a single value.
  if (filled.length === 1 && headerKeys.size >= 3 && !/^[\d.,+\-\s¥￥]+$/.test(first))
    return { reason: 'note', text };
  // A repeated header is words only; a row with a digit in it is data (and needs no normalising per cell).
  if (/\d/.test(joined)) return undefined;
  const repeated = filled.filter((c) => headerKeys.has(normaliseHeader(c))).length;
  if (headerKeys.size >= 2 && repeated >= Math.max(2, Math.ceil(filled.length * 0.6))) {
    return { reason: 'repeatedHeader', text };
  }
  return undefined;
}
