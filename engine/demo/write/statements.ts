// One account's statement as its bank prints it: title, account block, header, movements, totals and footers.
import type { StatementLine } from '../bank.ts';
import { dateOf, dayOfStamp, timeOf } from '../calendar.ts';
import type { Account } from '../model.ts';
import { type Cell, cnDatePadded, compactDate, dottedDate, Grid, grouped, yuan } from './grid.ts';

/** Everything a statement shows: the account, its movements in order, the period asked for, the print time. */
export interface Statement {
  account: Account;
  lines: StatementLine[];
  from: string;
  to: string;
  /** 'YYYY-MM-DD HH:MM:SS' */
  printed: string;
}

export interface StatementLayout {
  /** Short name for the file name and the README (柜面打印, 网银下载…). */
  label: string;
  ext: 'xlsx' | 'csv' | 'txt';
  sep?: string;
  encoding?: 'utf-8' | 'gbk';
  /** Sheet name (XLSX). */
  sheet?: string;
  render(s: Statement): Grid;
}

const day = (l: StatementLine) => dateOf(dayOfStamp(l.t));
const clock = (l: StatementLine) => timeOf(l.t);
const compactClock = (l: StatementLine) => clock(l).replaceAll(':', '');
const stamp = (l: StatementLine) => `${day(l)} ${clock(l)}`;
const cpNo = (l: StatementLine) => l.cp?.no ?? '';
const cpName = (l: StatementLine) => l.cp?.holderName ?? '';
/** 对方账号 then 对方户名, the order most layouts print them in. */
const counterparty = (l: StatementLine): Cell[] => [cpNo(l), cpName(l)];
const bankName = (a: Account) => a.bank?.name ?? a.bankName;
const totals = (s: Statement) => {
  let out = 0;
  let inn = 0;
  for (const l of s.lines)
    if (l.out) out += l.fen;
    else inn += l.fen;
  return { out, in: inn };
};
/** A header row written as one space-separated string (no bank's column name holds a space). */
const heads = (names: string): Cell[] => names.split(' ');

/** What sets one layout's print apart: the lines above the movements (header included), a movement's cells, the lines below. */
interface Printout {
  head(g: Grid, s: Statement): void;
  /** May add lines before the movement (a page break). */
  row(l: StatementLine, i: number, g: Grid): Cell[];
  foot?(g: Grid, s: Statement): void;
}

/** Every layout prints the same way: its head, one record per movement in order, its foot. */
function layout(file: Omit<StatementLayout, 'render'>, print: Printout): StatementLayout {
  return {
    ...file,
    render(s) {
      const g = new Grid(file.sheet);
      print.head(g, s);
      s.lines.forEach((l, i) => {
        g.record(print.row(l, i, g));
      });
      print.foot?.(g, s);
      return g;
    },
  };
}

/**
 * 农业银行 counter print (cf. test/fixtures/layouts/bank/abc-counter.xlsx): the holder, account, currency and
 * period in ONE merged cell, dates 2026.01.05, 支出/存入 as numbers, 合计 and 打印时间 below.
 */
const ABC_COUNTER = layout(
  { label: '柜面打印', ext: 'xlsx', sheet: '明细' },
  {
    head(g, { account: a, from, to }) {
      g.line('中国农业银行个人活期账户交易明细').merge('A', 'I');
      g.line(`户名：${a.holderName}  账号：${a.no}  币种：人民币  起止日期：${from}至${to}`).merge('A', 'I');
      g.line(...heads('交易日期 交易时间 摘要 支出金额 存入金额 余额 对方户名 对方账号 交易渠道'));
    },
    row(l) {
      const amount = l.fen / 100;
      const moved = l.out ? [amount, ''] : ['', amount];
      const channel = l.cp ? '网上银行' : 'ATM';
      return [dottedDate(day(l)), clock(l), l.memo, ...moved, l.balance / 100, cpName(l), cpNo(l), channel];
    },
    foot(g, s) {
      const t = totals(s);
      g.line('合计', '', '', t.out / 100, t.in / 100);
      g.lineAt(['A', `打印时间：${s.printed}`], ['G', '打印柜员：0571']);
    },
  },
);

/**
 * 农业银行 app download (cf. abc-app.csv) as a GBK CSV: compact dates 20260105 and times 102838, one signed
 * amount, the account and holder on their own lines above.
 */
const ABC_APP = layout(
  { label: '掌银下载', ext: 'csv', encoding: 'gbk' },
  {
    head(g, { account: a }) {
      g.line('中国农业银行账户交易明细').line(`账户：${a.no}`).line(`户名：${a.holderName}`);
      g.line(...heads('交易日期 交易时间 交易金额 本次余额 对方账号 对方户名 交易渠道 摘要'));
    },
    row: (l) => [
      compactDate(day(l)),
      compactClock(l),
      `${l.out ? '-' : '+'}${yuan(l.fen)}`,
      yuan(l.balance),
      ...counterparty(l),
      l.cp ? '掌上银行' : 'ATM',
      l.memo,
    ],
  },
);

/**
 * 邮储银行 counter print (cf. psbc-counter.xlsx): holder, ID number and account as label and value in neighbouring
 * cells, dates 2026年01月05日, 收入/支出 text columns, a 仅供参考 note below.
 */
const PSBC_COUNTER = layout(
  { label: '柜面打印', ext: 'xlsx', sheet: 'Sheet1' },
  {
    head(g, { account: a }) {
      g.line('中国邮政储蓄银行个人客户交易明细').merge('A', 'I');
      g.line('客户姓名：', a.holderName, '', '证件号码：', a.holderId);
      g.line('账号：', a.no, '', '币种：', '人民币');
      g.line(...heads('序号 交易日期 交易时间 摘要 收入金额 支出金额 账户余额 对方账号 对方户名'));
    },
    row: (l, i) => [
      i + 1,
      cnDatePadded(day(l)),
      clock(l),
      l.memo,
      l.out ? '' : yuan(l.fen),
      l.out ? yuan(l.fen) : '',
      yuan(l.balance),
      ...counterparty(l),
    ],
    foot: (g) => g.line('以上信息仅供参考，以银行盖章的对账单为准。').merge('A', 'I'),
  },
);

/**
 * 邮储银行 online text download (cf. psbc-online.txt): GBK, tab-separated, label and value in neighbouring
 * cells, date and time in one cell, a 收入/支出 flag beside an unsigned amount, a count line below.
 */
const PSBC_ONLINE = layout(
  { label: '网银下载', ext: 'txt', sep: '\t', encoding: 'gbk' },
  {
    head(g, { account: a }) {
      // The download leaves a blank line before the table.
      g.line('账号', a.no).line('户名', a.holderName).line();
      g.line(...heads('交易时间 收支标志 交易金额 账户余额 对方账号 对方户名 摘要'));
    },
    row: (l) => [stamp(l), l.out ? '支出' : '收入', yuan(l.fen), yuan(l.balance), ...counterparty(l), l.memo],
    foot: (g, s) => g.line(`共 ${s.lines.length} 笔`),
  },
);

/**
 * 农商银行 counter statement with a two-level header (cf. bocom-counter.xlsx): 发生额 over 借方/贷方 and
 * 对方信息 over 账号/户名, the other headers merged down; 合计 and 仅供参考 below.
 */
const NS_COUNTER = layout(
  { label: '对账单', ext: 'xlsx', sheet: '对账单' },
  {
    head(g, { account: a, printed }) {
      g.line('清溪农村商业银行个人账户对账单').merge('A', 'I');
      g.lineAt(
        ['A', `账号：${a.no}`],
        ['D', `户名：${a.holderName}`],
        ['G', `打印日期：${printed.slice(0, 10)}`],
      );
      g.line('交易日期', '交易时间', '摘要', '发生额', '', '余额', '对方信息', '', '交易流水号');
      g.merge('A', 'A', 1).merge('B', 'B', 1).merge('C', 'C', 1).merge('D', 'E').merge('F', 'F', 1);
      g.merge('G', 'H').merge('I', 'I', 1);
      g.line('', '', '', '借方', '贷方', '', '账号', '户名', '');
    },
    row: (l) => [
      day(l),
      clock(l),
      l.memo,
      l.out ? grouped(l.fen) : '',
      l.out ? '' : grouped(l.fen),
      grouped(l.balance),
      ...counterparty(l),
      l.serial,
    ],
    foot(g, s) {
      const t = totals(s);
      g.line('合计', '', '', grouped(t.out), grouped(t.in));
      g.line('以上数据仅供参考').merge('A', 'I');
    },
  },
);

/**
 * 农商银行 online CSV (cf. ccb-online.csv): `卡号/账号:` and `客户名称:` lines with ASCII colons, compact dates
 * and times, one signed amount, the counterparty as `对方账号与户名` = `6228…/张三`.
 */
const NS_ONLINE = layout(
  { label: '网银下载', ext: 'csv', encoding: 'utf-8' },
  {
    head(g, { account: a, from, to }) {
      g.line('清溪农村商业银行个人活期账户交易明细')
        .line(`卡号/账号:${a.no}`)
        .line(`客户名称:${a.holderName}`);
      g.line(`起始日期:${compactDate(from)}    结束日期:${compactDate(to)}`);
      g.line(...heads('序号 摘要 币别 交易日期 交易时间 交易金额 账户余额 交易地点/附言 对方账号与户名'));
    },
    row: (l, i) => [
      i + 1,
      l.memo,
      '人民币',
      compactDate(day(l)),
      compactClock(l),
      yuan(l.out ? -l.fen : l.fen),
      yuan(l.balance),
      l.cp ? '网上银行' : 'ATM取款',
      l.cp ? counterparty(l).join('/') : '',
    ],
  },
);

/** Movements per printed page of the dot-matrix form: a rule and the header again start each next page. */
const PAGE_LINES = 15;
const NS_TEXT_HEADER = heads('交易日期 交易时间 摘要 借贷标志 发生额 余额 对方账号 对方户名 柜员号');

/**
 * 农村信用社-style counter print saved as GBK text (cf. rcc-counter.xlsx): spaced labels `账    号：` with the
 * value in the next cell, compact dates and times, a 借/贷 flag; a dashed rule and the header again at each page
 * break, a 注： note at the end.
 */
const NS_TEXT = layout(
  { label: '明细表', ext: 'txt', sep: '\t', encoding: 'gbk' },
  {
    head(g, { account: a }) {
      g.line('清溪县农村信用合作联社客户账户交易明细表');
      g.line('账    号：', a.no, '户    名：', a.holderName);
      g.line(...NS_TEXT_HEADER);
    },
    row(l, i, g) {
      if (i > 0 && i % PAGE_LINES === 0) g.line('-'.repeat(60)).line(...NS_TEXT_HEADER);
      const flag = l.out ? '借' : '贷';
      const money = [yuan(l.fen), yuan(l.balance)];
      return [compactDate(day(l)), compactClock(l), l.memo, flag, ...money, ...counterparty(l), 'G0317'];
    },
    foot: (g) => g.line('注：本明细不作为对账依据。'),
  },
);

/**
 * A company's or collective's account (cf. abc-corporate.xlsx): 账户名称/账号 and 开户行/币种 in two columns, a
 * blank line, date and time in one cell, 借方/贷方发生额 with 0 on the unused side, 对方开户行 and 用途, 合计 below.
 */
const CORPORATE = layout(
  { label: '单位账户明细', ext: 'xlsx', sheet: '账户明细' },
  {
    head(g, { account: a }) {
      g.line(`${bankName(a)}单位账户明细查询`).merge('A', 'H');
      g.line('账户名称：', a.holderName, '', '账号：', a.no);
      g.line('开户行：', bankName(a), '', '币种：', '人民币').line();
      g.line(...heads('交易时间 借方发生额 贷方发生额 余额 对方账号 对方户名 对方开户行 用途'));
    },
    row(l) {
      const amount = l.fen / 100;
      const side = l.out ? [amount, 0] : [0, amount];
      return [stamp(l), ...side, l.balance / 100, ...counterparty(l), l.cp ? bankName(l.cp) : '', l.memo];
    },
    foot(g, s) {
      const t = totals(s);
      g.line('合计', t.out / 100, t.in / 100);
    },
  },
);

/** The layouts a bank prints a person's statement in, taken in turn; organisations get the corporate one. */
export const PERSONAL_LAYOUTS: Record<'ns' | 'abc' | 'psbc', StatementLayout[]> = {
  ns: [NS_COUNTER, NS_ONLINE, NS_TEXT],
  abc: [ABC_COUNTER, ABC_APP],
  psbc: [PSBC_COUNTER, PSBC_ONLINE],
};

export function layoutFor(account: Account, turn: number): StatementLayout {
  if (account.kind !== 'person' || !account.bank) return CORPORATE;
  const choices = PERSONAL_LAYOUTS[account.bank.id];
  return choices[turn % choices.length]!;
}
