// One account's statement as its bank prints it: title, account block, header, movements, totals and footers.
import type { StatementLine } from '../bank.ts';
import { dateOf, dayOfStamp, timeOf } from '../calendar.ts';
import type { Account } from '../model.ts';
import { cnDatePadded, compactDate, dottedDate, Grid, grouped, yuan } from './grid.ts';

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
const cpNo = (l: StatementLine) => l.cp?.no ?? '';
const cpName = (l: StatementLine) => l.cp?.holderName ?? '';
const bankName = (a: Account) => a.bank?.name ?? a.bankName;
const totals = (s: Statement) => {
  let out = 0;
  let inn = 0;
  for (const l of s.lines)
    if (l.out) out += l.fen;
    else inn += l.fen;
  return { out, in: inn };
};

/**
 * 农业银行 counter print (cf. test/fixtures/layouts/bank/abc-counter.xlsx): the holder, account, currency and
 * period in ONE merged cell, dates 2026.01.05, 支出/存入 as numbers, 合计 and 打印时间 below.
 */
const ABC_COUNTER: StatementLayout = {
  label: '柜面打印',
  ext: 'xlsx',
  sheet: '明细',
  render(s) {
    const g = new Grid('明细');
    g.line('中国农业银行个人活期账户交易明细').merge('A', 'I');
    const a = s.account;
    g.line(`户名：${a.holderName}  账号：${a.no}  币种：人民币  起止日期：${s.from}至${s.to}`).merge(
      'A',
      'I',
    );
    g.line(
      '交易日期',
      '交易时间',
      '摘要',
      '支出金额',
      '存入金额',
      '余额',
      '对方户名',
      '对方账号',
      '交易渠道',
    );
    for (const l of s.lines) {
      const amount = l.fen / 100;
      g.record([
        dottedDate(day(l)),
        clock(l),
        l.memo,
        l.out ? amount : '',
        l.out ? '' : amount,
        l.balance / 100,
        cpName(l),
        cpNo(l),
        l.cp ? '网上银行' : 'ATM',
      ]);
    }
    const t = totals(s);
    g.line('合计', '', '', t.out / 100, t.in / 100);
    g.line(`打印时间：${s.printed}`, '', '', '', '', '', '打印柜员：0571');
    return g;
  },
};

/**
 * 农业银行 app download (cf. abc-app.csv) as a GBK CSV: compact dates 20260105 and times 102838, one signed
 * amount, the account and holder on their own lines above.
 */
const ABC_APP: StatementLayout = {
  label: '掌银下载',
  ext: 'csv',
  encoding: 'gbk',
  render(s) {
    const g = new Grid();
    g.line('中国农业银行账户交易明细');
    g.line(`账户：${s.account.no}`);
    g.line(`户名：${s.account.holderName}`);
    g.line('交易日期', '交易时间', '交易金额', '本次余额', '对方账号', '对方户名', '交易渠道', '摘要');
    for (const l of s.lines) {
      g.record([
        compactDate(day(l)),
        clock(l).replaceAll(':', ''),
        `${l.out ? '-' : '+'}${yuan(l.fen)}`,
        yuan(l.balance),
        cpNo(l),
        cpName(l),
        l.cp ? '掌上银行' : 'ATM',
        l.memo,
      ]);
    }
    return g;
  },
};

/**
 * 邮储银行 counter print (cf. psbc-counter.xlsx): holder, ID number and account as label and value in neighbouring
 * cells, dates 2026年01月05日, 收入/支出 text columns, a 仅供参考 note below.
 */
const PSBC_COUNTER: StatementLayout = {
  label: '柜面打印',
  ext: 'xlsx',
  sheet: 'Sheet1',
  render(s) {
    const g = new Grid('Sheet1');
    const a = s.account;
    g.line('中国邮政储蓄银行个人客户交易明细').merge('A', 'I');
    g.line('客户姓名：', a.holderName, '', '证件号码：', a.holderId);
    g.line('账号：', a.no, '', '币种：', '人民币');
    g.line(
      '序号',
      '交易日期',
      '交易时间',
      '摘要',
      '收入金额',
      '支出金额',
      '账户余额',
      '对方账号',
      '对方户名',
    );
    s.lines.forEach((l, i) => {
      g.record([
        i + 1,
        cnDatePadded(day(l)),
        clock(l),
        l.memo,
        l.out ? '' : yuan(l.fen),
        l.out ? yuan(l.fen) : '',
        yuan(l.balance),
        cpNo(l),
        cpName(l),
      ]);
    });
    g.line('以上信息仅供参考，以银行盖章的对账单为准。').merge('A', 'I');
    return g;
  },
};

/**
 * 邮储银行 online text download (cf. psbc-online.txt): GBK, tab-separated, label and value in neighbouring
 * cells, date and time in one cell, a 收入/支出 flag beside an unsigned amount, a count line below.
 */
const PSBC_ONLINE: StatementLayout = {
  label: '网银下载',
  ext: 'txt',
  sep: '\t',
  encoding: 'gbk',
  render(s) {
    const g = new Grid();
    g.line('账号', s.account.no);
    g.line('户名', s.account.holderName);
    // The download leaves a blank line before the table.
    g.line();
    g.line('交易时间', '收支标志', '交易金额', '账户余额', '对方账号', '对方户名', '摘要');
    for (const l of s.lines) {
      g.record([
        `${day(l)} ${clock(l)}`,
        l.out ? '支出' : '收入',
        yuan(l.fen),
        yuan(l.balance),
        cpNo(l),
        cpName(l),
        l.memo,
      ]);
    }
    g.line(`共 ${s.lines.length} 笔`);
    return g;
  },
};

/**
 * 农商银行 counter statement with a two-level header (cf. bocom-counter.xlsx): 发生额 over 借方/贷方 and
 * 对方信息 over 账号/户名, the other headers merged down; 合计 and 仅供参考 below.
 */
const NS_COUNTER: StatementLayout = {
  label: '对账单',
  ext: 'xlsx',
  sheet: '对账单',
  render(s) {
    const g = new Grid('对账单');
    const a = s.account;
    g.line('清溪农村商业银行个人账户对账单').merge('A', 'I');
    g.line(`账号：${a.no}`, '', '', `户名：${a.holderName}`, '', '', `打印日期：${s.printed.slice(0, 10)}`);
    g.line('交易日期', '交易时间', '摘要', '发生额', '', '余额', '对方信息', '', '交易流水号');
    g.merge('A', 'A', 1).merge('B', 'B', 1).merge('C', 'C', 1).merge('D', 'E').merge('F', 'F', 1);
    g.merge('G', 'H').merge('I', 'I', 1);
    g.line('', '', '', '借方', '贷方', '', '账号', '户名', '');
    for (const l of s.lines) {
      g.record([
        day(l),
        clock(l),
        l.memo,
        l.out ? grouped(l.fen) : '',
        l.out ? '' : grouped(l.fen),
        grouped(l.balance),
        cpNo(l),
        cpName(l),
        l.serial,
      ]);
    }
    const t = totals(s);
    g.line('合计', '', '', grouped(t.out), grouped(t.in));
    g.line('以上数据仅供参考').merge('A', 'I');
    return g;
  },
};

/**
 * 农商银行 online CSV (cf. ccb-online.csv): `卡号/账号:` and `客户名称:` lines with ASCII colons, compact dates
 * and times, one signed amount, the counterparty as `对方账号与户名` = `6228…/张三`.
 */
const NS_ONLINE: StatementLayout = {
  label: '网银下载',
  ext: 'csv',
  encoding: 'utf-8',
  render(s) {
    const g = new Grid();
    g.line('清溪农村商业银行个人活期账户交易明细');
    g.line(`卡号/账号:${s.account.no}`);
    g.line(`客户名称:${s.account.holderName}`);
    g.line(`起始日期:${compactDate(s.from)}    结束日期:${compactDate(s.to)}`);
    g.line(
      '序号',
      '摘要',
      '币别',
      '交易日期',
      '交易时间',
      '交易金额',
      '账户余额',
      '交易地点/附言',
      '对方账号与户名',
    );
    s.lines.forEach((l, i) => {
      const cp = l.cp ? `${cpNo(l)}/${cpName(l)}` : '';
      g.record([
        i + 1,
        l.memo,
        '人民币',
        compactDate(day(l)),
        clock(l).replaceAll(':', ''),
        yuan(l.out ? -l.fen : l.fen),
        yuan(l.balance),
        l.cp ? '网上银行' : 'ATM取款',
        cp,
      ]);
    });
    return g;
  },
};

/** Movements per printed page of the dot-matrix form: a rule and the header again start each next page. */
const PAGE_LINES = 15;

/**
 * 农村信用社-style counter print saved as GBK text (cf. rcc-counter.xlsx): spaced labels `账    号：` with the
 * value in the next cell, compact dates and times, a 借/贷 flag; a dashed rule and the header again at each page
 * break, a 注： note at the end.
 */
const NS_TEXT: StatementLayout = {
  label: '明细表',
  ext: 'txt',
  sep: '\t',
  encoding: 'gbk',
  render(s) {
    const g = new Grid();
    const header = [
      '交易日期',
      '交易时间',
      '摘要',
      '借贷标志',
      '发生额',
      '余额',
      '对方账号',
      '对方户名',
      '柜员号',
    ];
    g.line('清溪县农村信用合作联社客户账户交易明细表');
    g.line('账    号：', s.account.no, '户    名：', s.account.holderName);
    g.line(...header);
    s.lines.forEach((l, i) => {
      if (i > 0 && i % PAGE_LINES === 0) {
        g.line('-'.repeat(60));
        g.line(...header);
      }
      g.record([
        compactDate(day(l)),
        clock(l).replaceAll(':', ''),
        l.memo,
        l.out ? '借' : '贷',
        yuan(l.fen),
        yuan(l.balance),
        cpNo(l),
        cpName(l),
        'G0317',
      ]);
    });
    g.line('注：本明细不作为对账依据。');
    return g;
  },
};

/**
 * A company's or collective's account (cf. abc-corporate.xlsx): 账户名称/账号 and 开户行/币种 in two columns, a
 * blank line, date and time in one cell, 借方/贷方发生额 with 0 on the unused side, 对方开户行 and 用途, 合计 below.
 */
const CORPORATE: StatementLayout = {
  label: '单位账户明细',
  ext: 'xlsx',
  sheet: '账户明细',
  render(s) {
    const g = new Grid('账户明细');
    const a = s.account;
    g.line(`${bankName(a)}单位账户明细查询`).merge('A', 'H');
    g.line('账户名称：', a.holderName, '', '账号：', a.no);
    g.line('开户行：', bankName(a), '', '币种：', '人民币');
    g.line();
    g.line('交易时间', '借方发生额', '贷方发生额', '余额', '对方账号', '对方户名', '对方开户行', '用途');
    for (const l of s.lines) {
      const amount = l.fen / 100;
      g.record([
        `${day(l)} ${clock(l)}`,
        l.out ? amount : 0,
        l.out ? 0 : amount,
        l.balance / 100,
        cpNo(l),
        cpName(l),
        l.cp ? bankName(l.cp) : '',
        l.memo,
      ]);
    }
    const t = totals(s);
    g.line('合计', t.out / 100, t.in / 100);
    return g;
  },
};

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
