// The company registry as exported from the public system: basic information, key personnel, shareholders.
import { CREDIT_CODE_CHARSET } from '../../../ingest/normalise/creditcode.ts';
import type { Company } from '../model.ts';
import { cnDate, Grid } from './grid.ts';
import type { WriteContext } from './text.ts';
import { writeWorkbook } from './xlsx.ts';

const TYPE: Record<Company['trade'], string> = {
  construction: '有限责任公司（自然人投资或控股）',
  service: '有限责任公司（自然人投资或控股）',
  holding: '有限责任公司（自然人投资或控股的法人独资）',
  shop: '个体工商户',
  coop: '农民专业合作社',
};

/** The code as registered: a few carry a mistyped check character (a warning only). */
function writtenCode(c: Company): string {
  if (!c.badCheck) return c.code;
  const last = c.code.charAt(17);
  const other = [...CREDIT_CODE_CHARSET].find((ch) => ch !== last && ch !== '0')!;
  return c.code.slice(0, 17) + other;
}

/** '60%', '0.6' or '60': the three ways registries write the same stake. */
function ratioText(ratio: number, style: number): string {
  const percent = Math.round(ratio * 10000) / 100;
  if (style === 0) return `${percent}%`;
  if (style === 1) return String(Math.round(ratio * 10000) / 10000);
  // A bare number up to 1 reads as a fraction, so tiny stakes keep their percent sign.
  return percent > 1 ? String(percent) : `${percent}%`;
}

/** 法定代表人 and 主要人员 as the public system's pages list them, with each person's ID as 协查 replies add it. */
function basicSheet(ctx: WriteContext): Grid {
  const { county } = ctx;
  const g = new Grid('企业基本信息');
  g.line('企业登记信息查询结果').merge('A', 'J');
  g.lineAt(['A', `查询时间：${county.settings.asOf} 10:21`], ['H', '数据来源：国家企业信用信息公示系统']);
  g.line(
    '统一社会信用代码',
    '企业名称',
    '类型',
    '法定代表人',
    '法定代表人证件号码',
    '注册资本',
    '成立日期',
    '登记状态',
    '联系电话',
    '住所',
  );
  for (const c of county.companies) {
    const row = g.record([
      writtenCode(c),
      c.name,
      TYPE[c.trade],
      c.legalRep.name,
      c.legalRep.id,
      `${c.capital}万人民币`,
      cnDate(c.founded),
      c.status,
      c.phone,
      c.address,
    ]);
    if (c.badCheck)
      ctx.warnings.push({
        file: FILE,
        row,
        reason: 'ucc.checksum: 统一社会信用代码校验码错误（仅警告）',
      });
  }
  g.line('注：以上信息来源于国家企业信用信息公示系统，仅供参考。').merge('A', 'J');
  return g;
}

function personnelSheet(ctx: WriteContext): Grid {
  const g = new Grid('主要人员');
  g.line('主要人员信息').merge('A', 'F');
  g.line('统一社会信用代码', '企业名称', '序号', '姓名', '身份证号', '职务');
  let n = 0;
  for (const c of ctx.county.companies) {
    c.executives.forEach((e, i) => {
      n += 1;
      g.record([c.code, c.name, i + 1, e.person.name, e.person.id, e.post]);
    });
  }
  g.line(`共 ${n} 条记录`);
  return g;
}

/**
 * 股东及出资信息 as the public system shows it: 证照/证件号码 holds an ID number or a credit code by 股东类型,
 * 认缴出资额 in 万元, the ratio in three spellings. One row states an impossible 120% stake (planted, quarantined).
 */
function shareholderSheet(ctx: WriteContext): Grid {
  const { county, rng, plan } = ctx;
  const companies = county.companies;
  const g = new Grid('股东及出资信息');
  g.line('股东及出资信息').merge('A', 'H');
  g.line(
    '统一社会信用代码',
    '企业名称',
    '股东名称',
    '股东类型',
    '证照/证件类型',
    '证照/证件号码',
    '认缴出资额(万元)',
    '出资比例',
  );
  const brokenAt = Math.floor(companies.length / 3);
  for (const [n, c] of companies.entries()) {
    if (n === brokenAt) {
      const row = g.record([c.code, c.name, '待核实股东', '自然人股东', '', '', '', '120%']);
      plan.book.bad(FILE, row, 'ratio.range: 持股比例120%超出0–100%');
    }
    for (const h of c.holders) {
      const isCompany = 'code' in h.holder;
      const subscribed = Math.round(c.capital * h.ratio * 100) / 100;
      g.record([
        c.code,
        c.name,
        h.holder.name,
        isCompany ? '企业法人' : '自然人股东',
        isCompany ? '营业执照' : '中华人民共和国居民身份证',
        isCompany ? (h.holder as Company).code : (h.holder as { id: string }).id,
        String(subscribed),
        ratioText(h.ratio, rng.int(0, 2)),
      ]);
    }
  }
  return g;
}

const FILE = '工商登记.xlsx';

/** The registry export: one workbook, a sheet per page of the public system (basic, personnel, shareholders). */
export async function writeCompanies(ctx: WriteContext): Promise<void> {
  const sheets = [
    { name: '企业基本信息', kind: 'company' as const, grid: basicSheet(ctx) },
    { name: '主要人员', kind: 'executive' as const, grid: personnelSheet(ctx) },
    { name: '股东及出资信息', kind: 'shareholder' as const, grid: shareholderSheet(ctx) },
  ];
  ctx.files.push(...(await writeWorkbook(ctx.root, FILE, sheets, ctx.county.settings.asOf)));
}
