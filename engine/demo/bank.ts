// Bank statement files: per-account statements of the accounts under inquiry, in the layouts each bank prints,
// and every other collected account in the bank's bulk inquiry answer (split so no file exceeds 200,000 rows).
import { dateOf, dayOf, dayOfStamp, pad2, timeOf, ymd } from './calendar.ts';
import type { Account } from './model.ts';
import type { BankInfo } from './places.ts';
import { writeGridText } from './write/grid.ts';
import { layoutFor, type Statement } from './write/statements.ts';
import { TableWriter, type TextEncoding, type WrittenFile, yuan } from './write/text.ts';
import { writeWorkbook } from './write/xlsx.ts';

export const MAX_ROWS_PER_FILE = 200_000;

/** One statement line: the movement as the owning account's bank prints it. */
export interface StatementLine {
  own: Account;
  /** undefined for cash withdrawals. */
  cp: Account | undefined;
  t: number;
  fen: number;
  out: boolean;
  balance: number;
  memo: string;
  serial: string;
}

/** A bulk inquiry answer: the own account, holder and ID on every row, a title above and a count below. */
interface Layout {
  title: string;
  headers: string[];
  delimiter: string;
  encoding: TextEncoding;
  ext: string;
  cells(line: StatementLine): string[];
}

const cpNo = (l: StatementLine) => l.cp?.no ?? '';
const cpName = (l: StatementLine) => l.cp?.holderName ?? '';
const cpBank = (l: StatementLine) => l.cp?.bankName ?? '';

/** 农商银行: amount with a 借/贷 flag, date and time in two columns; UTF-8, comma-separated. */
const FLAG: Layout = {
  title: '清溪农村商业银行协助查询账户交易明细（批量反馈）',
  headers: [
    '本方账号',
    '本方户名',
    '本方证件号码',
    '交易日期',
    '交易时间',
    '交易金额',
    '借贷标志',
    '余额',
    '对方账号',
    '对方户名',
    '对方开户行',
    '摘要',
    '交易流水号',
  ],
  delimiter: ',',
  encoding: 'utf-8',
  ext: 'csv',
  cells: (l) => [
    l.own.no,
    l.own.holderName,
    l.own.holderId,
    dateOf(dayOfStamp(l.t)),
    timeOf(l.t),
    yuan(l.fen),
    l.out ? '借' : '贷',
    yuan(l.balance),
    cpNo(l),
    cpName(l),
    cpBank(l),
    l.memo,
    l.serial,
  ],
};

/** 农业银行: separate debit and credit columns, one date-time column; GBK, tab-separated. */
const DEBIT_CREDIT: Layout = {
  title: '中国农业银行协助查询交易明细反馈表',
  headers: [
    '卡号',
    '户名',
    '证件号码',
    '交易时间',
    '借方发生额',
    '贷方发生额',
    '余额',
    '对方账号',
    '对方户名',
    '对方行名',
    '摘要',
  ],
  delimiter: '\t',
  encoding: 'gbk',
  ext: 'txt',
  cells: (l) => [
    l.own.no,
    l.own.holderName,
    l.own.holderId,
    `${dateOf(dayOfStamp(l.t))} ${timeOf(l.t)}`,
    l.out ? yuan(l.fen) : '',
    l.out ? '' : yuan(l.fen),
    yuan(l.balance),
    cpNo(l),
    cpName(l),
    cpBank(l),
    l.memo,
  ],
};

/** 邮储银行: signed amounts, compact date and time; UTF-8 with BOM, pipe-separated. */
const SIGNED: Layout = {
  title: '中国邮政储蓄银行协查账户交易流水',
  headers: [
    '账号',
    '账户名称',
    '客户证件号码',
    '交易日期',
    '交易时间',
    '发生额',
    '余额',
    '对方账号',
    '对方名称',
    '附言',
  ],
  delimiter: '|',
  encoding: 'utf-8-bom',
  ext: 'csv',
  cells: (l) => [
    l.own.no,
    l.own.holderName,
    l.own.holderId,
    ymd(dateOf(dayOfStamp(l.t))),
    timeOf(l.t).replaceAll(':', ''),
    yuan(l.out ? -l.fen : l.fen),
    yuan(l.balance),
    cpNo(l),
    cpName(l),
    l.memo,
  ],
};

export const LAYOUTS: Record<BankInfo['id'], Layout> = { ns: FLAG, abc: DEBIT_CREDIT, psbc: SIGNED };

/** Which accounts get a statement of their own, and the period every statement covers. */
export interface StatementPlan {
  /** Ids of the accounts under inquiry: their movements go to per-account statements. */
  printed: ReadonlySet<number>;
  from: string;
  to: string;
}

/**
 * The statement files of the run. A movement of an account under inquiry waits in memory (those accounts are few)
 * until the end, when each becomes one statement in its bank's layout, with totals below; every other line goes
 * straight to its bank's bulk answer, rolled over every MAX_ROWS_PER_FILE rows.
 */
export class BankFiles {
  private readonly root: string;
  private readonly open = new Map<BankInfo['id'], { writer: TableWriter; n: number }>();
  private readonly done: WrittenFile[] = [];
  private readonly held = new Map<number, { account: Account; lines: StatementLine[] }>();
  private serial = 0;

  constructor(
    root: string,
    private readonly plan: StatementPlan,
  ) {
    this.root = root;
  }

  /** True when the account's movements go to a statement of its own. */
  isPrinted(account: Account): boolean {
    return this.plan.printed.has(account.id);
  }

  nextSerial(t: number): string {
    this.serial += 1;
    const day = ymd(dateOf(dayOfStamp(t)));
    return `${day}${pad2(Math.floor((t % 86_400) / 3600))}${String(this.serial).padStart(8, '0')}`;
  }

  private async writer(bank: BankInfo): Promise<TableWriter> {
    let current = this.open.get(bank.id);
    if (current && current.writer.info.rows >= MAX_ROWS_PER_FILE) {
      this.done.push(await this.finish(current.writer));
      current = { writer: this.create(bank, current.n + 1), n: current.n + 1 };
      this.open.set(bank.id, current);
    }
    if (!current) {
      current = { writer: this.create(bank, 1), n: 1 };
      this.open.set(bank.id, current);
    }
    return current.writer;
  }

  private create(bank: BankInfo, n: number): TableWriter {
    const layout = LAYOUTS[bank.id];
    const path = `银行流水/${bank.short}_${n}.${layout.ext}`;
    const above = [[layout.title], [`查询期间：${this.plan.from}至${this.plan.to}`]];
    return new TableWriter(this.root, path, 'bank', layout.headers, layout.delimiter, layout.encoding, above);
  }

  /** Closes a bulk file under its count line, as the inquiry systems end their answers. */
  private async finish(writer: TableWriter): Promise<WrittenFile> {
    await writer.note([`共${writer.info.rows}条记录`]);
    return writer.close();
  }

  async write(line: StatementLine): Promise<void> {
    if (this.isPrinted(line.own)) {
      const held = this.held.get(line.own.id) ?? { account: line.own, lines: [] };
      held.lines.push(line);
      this.held.set(line.own.id, held);
      return;
    }
    const bank = line.own.bank!;
    const writer = await this.writer(bank);
    const pending = writer.row(LAYOUTS[bank.id].cells(line));
    if (pending) await pending;
  }

  /** Writes a line with one cell replaced (a malformed row) into a bulk file; returns its file and physical row. */
  async writeBroken(
    line: StatementLine,
    header: string,
    value: string,
  ): Promise<{ file: string; row: number }> {
    const bank = line.own.bank!;
    const layout = LAYOUTS[bank.id];
    const writer = await this.writer(bank);
    const cells = layout.cells(line);
    cells[layout.headers.indexOf(header)] = value;
    const row = writer.nextLine;
    await writer.row(cells);
    return { file: writer.info.path, row };
  }

  /** Writes the held statements, one file per account (several layouts per bank, taken in turn). */
  private async writeStatements(): Promise<void> {
    const turns = new Map<string, number>();
    const names = new Set<string>();
    // Printed the morning after the period asked for: a fixed moment, so the files never depend on the clock.
    const printed = `${dateOf(dayOf(this.plan.to) + 1)} 09:12:45`;
    const held = [...this.held.values()].sort((a, b) => a.account.id - b.account.id);
    for (const { account, lines } of held) {
      const bank = account.bank!;
      const group = `${bank.id}:${account.kind === 'person' ? 'person' : 'org'}`;
      const turn = turns.get(group) ?? 0;
      turns.set(group, turn + 1);
      const layout = layoutFor(account, turn);
      let name = `${account.holderName}_${account.no.slice(-4)}_${layout.label}`;
      while (names.has(name)) name += '_2';
      names.add(name);
      const path = `银行流水/${bank.short}/${name}.${layout.ext}`;
      const statement: Statement = { account, lines, from: this.plan.from, to: this.plan.to, printed };
      const grid = layout.render(statement);
      if (layout.ext === 'xlsx') {
        const sheet = { name: layout.sheet ?? 'Sheet1', kind: 'bank' as const, grid };
        this.done.push(...(await writeWorkbook(this.root, path, [sheet], this.plan.to, bank.name)));
      } else {
        const options = { sep: layout.sep ?? ',', encoding: layout.encoding ?? 'utf-8' };
        this.done.push(writeGridText(this.root, path, 'bank', grid, options));
      }
    }
    this.held.clear();
  }

  async close(): Promise<WrittenFile[]> {
    for (const { writer } of this.open.values()) this.done.push(await this.finish(writer));
    this.open.clear();
    await this.writeStatements();
    return this.done.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
