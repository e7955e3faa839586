// Village collective ledgers (a workbook per town), subsidy rosters (one per program) and banks' account lists.
import { isValidIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { dateOf, dayOf } from '../calendar.ts';
import type { Village } from '../model.ts';
import { BANKS, COUNTY } from '../places.ts';
import type { LedgerRow, SubsidyRow } from '../plan.ts';
import { approvingUnit, FILE_NAME, PROGRAM, type ProgramKey } from '../subsidies.ts';
import { Grid, grouped, wanDigits, yuan } from './grid.ts';
import { TableWriter, type TextEncoding, type WriteContext, wan } from './text.ts';
import { writeWorkbook } from './xlsx.ts';

const LEDGER_HEADERS = [
  '凭证号',
  '日期',
  '摘要',
  '收款人',
  '收款人证件号码',
  '收款账号',
  '金额',
  '审批人',
  '经办人',
];

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One village's sheet of its town's 三资 ledger workbook (cf. test/fixtures/layouts/ledger/expense-wanyuan.xlsx):
 * a title, `单位：XX镇XX村股份经济合作社` with the collective's account and the amounts' unit above, each month
 * closed by 本月合计 and the sheet by 本年累计. Every third village keeps its books in 万元 (all digits kept);
 * the others in 元, where a clerk now and then writes a round sum as `5.2万`.
 */
function ledgerSheet(
  ctx: WriteContext,
  village: Village,
  entries: LedgerRow[],
  place: { path: string; index: number; first: boolean },
): Grid {
  const { county, plan } = ctx;
  const { path, first } = place;
  const rows = [...entries].sort((a, b) => byString(a.date, b.date));
  const town = village.town;
  const inWan = place.index % 3 === 2;
  const slashed = town.index % 2 === 1;
  const secretary = village.cadres.find((c) => c.post === '村党支部书记')?.person.name ?? '';
  const clerk = village.cadres.find((c) => c.post === '村会计')?.person.name ?? '';
  const g = new Grid(village.name);
  g.line(`${village.name}集体资金支出明细账（${county.settings.asOf.slice(0, 4)}年）`).merge('A', 'I');
  g.line(
    `单位：${town.name}${village.name}股份经济合作社`,
    '',
    '',
    '',
    `开户账号：${village.account.no}`,
    '',
    '',
    `金额单位：${inWan ? '万元' : '元'}`,
  );
  g.line(...LEDGER_HEADERS);
  const amount = (r: LedgerRow) => (inWan ? wanDigits(r.fen) : r.wan ? wan(r.fen) : grouped(r.fen));
  const total = (label: string, fen: number) =>
    g.line('', '', label, '', '', '', inWan ? wanDigits(fen) : grouped(fen));
  const perMonth = new Map<string, number>();
  let month = '';
  let monthFen = 0;
  let yearFen = 0;
  for (const [n, r] of rows.entries()) {
    const m = r.date.slice(0, 7);
    if (month && m !== month) {
      total('本月合计', monthFen);
      monthFen = 0;
    }
    month = m;
    const seq = (perMonth.get(m) ?? 0) + 1;
    perMonth.set(m, seq);
    const voucher = `记-${r.date.slice(5, 7)}-${String(seq).padStart(3, '0')}`;
    const date = slashed ? r.date.replaceAll('-', '/').replace(/\/0/g, '/') : r.date;
    g.record([voucher, date, r.purpose, r.payeeName, r.payeeId, r.payee.no, amount(r), secretary, clerk]);
    monthFen += r.fen;
    yearFen += r.fen;
    if (first && n === Math.floor(rows.length / 2)) {
      const row = g.record([
        `${voucher}-补`,
        '',
        '补记',
        r.payeeName,
        r.payeeId,
        r.payee.no,
        yuan(r.fen),
        secretary,
        clerk,
      ]);
      plan.book.bad(path, row, 'date.empty: 日期为空');
    }
  }
  if (month) total('本月合计', monthFen);
  total('本年累计', yearFen);
  g.line(`制表人：${clerk}`, '', '', `审核人：${secretary}`);
  return g;
}

/** Village collective ledgers: one workbook per town, a sheet per village. */
export async function writeLedgers(ctx: WriteContext): Promise<void> {
  const byVillage = new Map<Village, LedgerRow[]>();
  for (const r of ctx.plan.ledger) byVillage.set(r.village, [...(byVillage.get(r.village) ?? []), r]);
  for (const town of ctx.county.towns) {
    const path = `三资台账_${town.name}.xlsx`;
    const sheets = town.villages.map((village, v) => ({
      name: village.name,
      kind: 'ledger' as const,
      grid: ledgerSheet(ctx, village, byVillage.get(village) ?? [], {
        path,
        index: v,
        first: town.index === 0 && v === 0,
      }),
    }));
    const author = `${town.name}农村集体“三资”管理服务中心`;
    ctx.files.push(...(await writeWorkbook(ctx.root, path, sheets, ctx.county.settings.asOf, author)));
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
    // A title and the issuing department above, as the rosters are printed for signing.
    const issuer = program === 'farmland' ? `${COUNTY}农业农村局` : `${COUNTY}民政局`;
    const above = [
      [`${COUNTY}${county.settings.asOf.slice(0, 4)}年${PROGRAM[program]}发放花名册`],
      [`发放单位：${issuer}`, '', '', '', '', '', '', '', `制表日期：${county.settings.asOf}`],
    ];
    const out = new TableWriter(root, path, 'subsidy', SUBSIDY_HEADERS, ',', ENCODING[program], above);
    let sum = 0;
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
      sum += r.fen;
    }
    await out.note(['合计', '', '', '', yuan(sum), '', '', '', '', '']);
    await out.note(['制表人：', '', '', '', '审核人：']);
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
