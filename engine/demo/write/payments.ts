// Village collective ledgers (one per town), subsidy rosters (one per program) and banks' account lists.
import { isValidIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { dateOf, dayOf } from '../calendar.ts';
import { BANKS } from '../places.ts';
import type { LedgerRow, SubsidyRow } from '../plan.ts';
import { approvingUnit, FILE_NAME, PROGRAM, type ProgramKey } from '../subsidies.ts';
import { grouped, TableWriter, type TextEncoding, type WriteContext, wan, yuan } from './text.ts';

const LEDGER_HEADERS = [
  '乡镇',
  '村',
  '凭证号',
  '日期',
  '收款人',
  '收款人证件号码',
  '收款账号',
  '付款账号',
  '金额',
  '用途',
  '审批人',
  '经办人',
];

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function writeLedgers(ctx: WriteContext): Promise<void> {
  const { county, plan, root } = ctx;
  const byVillage = new Map<unknown, LedgerRow[]>();
  for (const r of plan.ledger) byVillage.set(r.village, [...(byVillage.get(r.village) ?? []), r]);
  for (const town of county.towns) {
    const gbk = town.index % 2 === 1;
    const path = `三资台账_${town.name}.csv`;
    const out = new TableWriter(root, path, 'ledger', LEDGER_HEADERS, ',', gbk ? 'gbk' : 'utf-8');
    for (const [v, village] of town.villages.entries()) {
      const rows = [...(byVillage.get(village) ?? [])];
      rows.sort((a, b) => byString(a.date, b.date));
      const secretary = village.cadres.find((c) => c.post === '村党支部书记')?.person.name ?? '';
      const clerk = village.cadres.find((c) => c.post === '村会计')?.person.name ?? '';
      const perMonth = new Map<string, number>();
      for (const [n, r] of rows.entries()) {
        const seq = (perMonth.get(r.date.slice(0, 7)) ?? 0) + 1;
        perMonth.set(r.date.slice(0, 7), seq);
        const voucher = `记-${r.date.slice(5, 7)}-${String(seq).padStart(3, '0')}`;
        const date = gbk ? r.date.replaceAll('-', '/').replace(/\/0/g, '/') : r.date;
        const amount = r.wan ? wan(r.fen) : gbk ? yuan(r.fen) : grouped(r.fen);
        await out.row([
          town.name,
          village.name,
          voucher,
          date,
          r.payeeName,
          r.payeeId,
          r.payee.no,
          village.account.no,
          amount,
          r.purpose,
          secretary,
          clerk,
        ]);
        if (town.index === 0 && v === 0 && n === Math.floor(rows.length / 2)) {
          plan.book.bad(path, out.nextLine, 'date.empty: 日期为空');
          await out.row([
            town.name,
            village.name,
            `${voucher}-补`,
            '',
            r.payeeName,
            r.payeeId,
            r.payee.no,
            village.account.no,
            yuan(r.fen),
            '补记',
            secretary,
            clerk,
          ]);
        }
      }
    }
    ctx.files.push(await out.close());
  }
}

const SUBSIDY_HEADERS = [
  '补贴项目',
  '姓名',
  '身份证号',
  '社保卡号',
  '发放金额',
  '发放日期',
  '发放期间',
  '乡镇',
  '村',
  '审批单位',
];
const ENCODING: Record<ProgramKey, TextEncoding> = {
  elderly: 'utf-8-bom',
  dibao: 'gbk',
  tekun: 'utf-8',
  farmland: 'utf-8',
};

export async function writeSubsidies(ctx: WriteContext): Promise<void> {
  const { county, plan, root } = ctx;
  const order = new Map(county.villages.map((v, i) => [v, i]));
  for (const program of Object.keys(PROGRAM) as ProgramKey[]) {
    const rows: SubsidyRow[] = plan.subsidies.filter((r) => r.program === program);
    rows.sort(
      (a, b) => byString(a.date, b.date) || (order.get(a.village) ?? 0) - (order.get(b.village) ?? 0),
    );
    const path = FILE_NAME[program];
    const out = new TableWriter(root, path, 'subsidy', SUBSIDY_HEADERS, ',', ENCODING[program]);
    const brokenAt = program === 'dibao' ? Math.floor(rows.length / 3) : -1;
    for (const [n, r] of rows.entries()) {
      const town = r.village.town.name;
      const cells = [
        PROGRAM[program],
        r.name,
        r.idText,
        r.card,
        yuan(r.fen),
        r.date,
        r.period,
        town,
        r.village.name,
        approvingUnit(program, town),
      ];
      if (n === brokenAt) {
        plan.book.bad(path, out.nextLine, 'date.invalid: 发放日期为不存在的2月30日');
        await out.row([...cells.slice(0, 5), `${r.date.slice(0, 4)}-02-30`, ...cells.slice(6)]);
      }
      if (!isValidIdNumber(r.idText))
        ctx.warnings.push({
          file: path,
          row: out.nextLine,
          reason: 'id.invalid: 身份证号无效（以未识别人员载入）',
        });
      await out.row(cells);
    }
    ctx.files.push(await out.close());
  }
}

const HEADERS = ['账号', '户名', '证件号码', '开户行', '开户日期', '账户状态'];

/**
 * One file per bank listing every collected account with its holder. A movement between two accounts of
 * the same bank is printed once (in the payer's statement), so this list is what ties the payee's account
 * to its holder.
 */
export async function writeAccountLists(ctx: WriteContext): Promise<void> {
  const { county, root, rng } = ctx;
  const first = dayOf('2008-01-01');
  const last = county.startDay - 30;
  for (const bank of BANKS) {
    const encoding = bank.id === 'abc' ? 'gbk' : 'utf-8';
    const out = new TableWriter(
      root,
      `银行流水/${bank.short}_开户信息.csv`,
      'account',
      HEADERS,
      ',',
      encoding,
    );
    for (const account of county.accounts) {
      if (account.bank?.id !== bank.id) continue;
      const opened = dateOf(rng.int(first, last));
      await out.row([account.no, account.holderName, account.holderId, bank.name, opened, '正常']);
    }
    ctx.files.push(await out.close());
  }
}
