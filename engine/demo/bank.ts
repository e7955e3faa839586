// Bank statement files: three banks, three layouts and encodings, split so no file exceeds 200,000 rows.
import { dateOf, dayOfStamp, pad2, timeOf, ymd } from './calendar.ts';
import type { Account } from './model.ts';
import type { BankInfo } from './places.ts';
import { TableWriter, type TextEncoding, type WrittenFile, yuan } from './write/text.ts';

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

interface Layout {
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

/** The open statement file of each bank, rolled over every MAX_ROWS_PER_FILE rows. */
export class BankFiles {
  private readonly root: string;
  private readonly open = new Map<BankInfo['id'], { writer: TableWriter; n: number }>();
  private readonly done: WrittenFile[] = [];
  private serial = 0;

  constructor(root: string) {
    this.root = root;
  }

  nextSerial(t: number): string {
    this.serial += 1;
    const day = ymd(dateOf(dayOfStamp(t)));
    return `${day}${pad2(Math.floor((t % 86_400) / 3600))}${String(this.serial).padStart(8, '0')}`;
  }

  private async writer(bank: BankInfo): Promise<TableWriter> {
    let current = this.open.get(bank.id);
    if (current && current.writer.info.rows >= MAX_ROWS_PER_FILE) {
      this.done.push(await current.writer.close());
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
    return new TableWriter(this.root, path, 'bank', layout.headers, layout.delimiter, layout.encoding);
  }

  async write(line: StatementLine): Promise<void> {
    const bank = line.own.bank!;
    const writer = await this.writer(bank);
    const pending = writer.row(LAYOUTS[bank.id].cells(line));
    if (pending) await pending;
  }

  /** Writes a line with one cell replaced (a malformed row); returns its file and physical row. */
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

  async close(): Promise<WrittenFile[]> {
    for (const { writer } of this.open.values()) this.done.push(await writer.close());
    this.open.clear();
    return this.done.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
