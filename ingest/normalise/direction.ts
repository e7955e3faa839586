// Debit/credit flags of bank statements and payment exports: every common spelling to 'in' or 'out'.

import { normaliseText } from './text.ts';

/**
 * Seen from the account whose statement it is. A bank writes 借/贷 (debit = money leaves a deposit account),
 * a counter statement 收/支 or 存入/支取, an online-banking export 转入/转出 or 来账/往账, WeChat Pay and
 * Alipay bills 收入/支出, an English-language core system D/C, DR/CR or DEBIT/CREDIT, and a signed layout +/-.
 *
 * Numeric codes: only 0 (out) and 1 (in), which earlier versions already read that way. Other numeric
 * schemes contradict each other (1 = 借 in some systems, 1 = 收入 in others), so they stay unrecognised and
 * the row is quarantined with the flag shown, rather than half the money flowing the wrong way.
 *
 * Words that mean "neither" (不计收支, 中性交易, '/') give undefined: the caller decides what to do with them.
 */
export type Direction = 'in' | 'out';

const OUT = [
  '借',
  '借方',
  '支',
  '支出',
  '支取',
  '取',
  '取出',
  '取款',
  '出',
  '出账',
  '往账',
  '付',
  '付出',
  '付款',
  '转出',
  'D',
  'DR',
  'DEBIT',
  '-',
  '0',
];
const IN = [
  '贷',
  '贷方',
  '收',
  '收入',
  '存',
  '存入',
  '存款',
  '入',
  '入账',
  '来账',
  '进',
  '进账',
  '收款',
  '转入',
  'C',
  'CR',
  'CREDIT',
  '+',
  '1',
];

const FLAGS: ReadonlyMap<string, Direction> = new Map([
  ...OUT.map((flag) => [flag, 'out'] as const),
  ...IN.map((flag) => [flag, 'in'] as const),
]);

/** Between the parts of a doubled flag: '借(支出)', '贷/CR', 'C 收入'. */
const PARTS = /[\s()[\]/|,、]+/;

/**
 * 'in', 'out', or undefined when the flag is empty, unknown, or contradicts itself ('收/支'). Case, width and
 * padding do not matter; a flag written twice in two conventions ('借(支出)', 'DR 借') is read when both
 * halves agree.
 */
export function parseDirection(flag: string): Direction | undefined {
  const text = normaliseText(String(flag ?? '')).toUpperCase();
  if (text === '') return undefined;
  const whole = FLAGS.get(text) ?? FLAGS.get(text.replace(/\s+/g, ''));
  if (whole) return whole;
  const parts = text.split(PARTS).filter((part) => part !== '');
  if (parts.length < 2) return undefined;
  const found = new Set(parts.map((part) => FLAGS.get(part)));
  if (found.size !== 1) return undefined;
  return [...found][0];
}

/** Words payment apps use for "neither in nor out" (a move between one's own balances). */
const NEITHER: ReadonlySet<string> = new Set(['不计收支', '中性交易']);

/**
 * True for any word of a direction column, including the 'neither' ones: a WeChat Pay or Alipay 收/支 column
 * holds 收入, 支出 and 不计收支, and all three say what the column is.
 */
export function isDirectionWord(text: string): boolean {
  return parseDirection(text) !== undefined || NEITHER.has(normaliseText(String(text ?? '')));
}
