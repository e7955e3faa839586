// Company registrations (XLSX: basic information and key personnel sheets) and the shareholder list (CSV).
import { CREDIT_CODE_CHARSET } from '../../../ingest/normalise/creditcode.ts';
import type { Company } from '../model.ts';
import { TableWriter, type WriteContext } from './text.ts';
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

export async function writeCompanies(ctx: WriteContext): Promise<void> {
  const { county, root, rng, plan } = ctx;
  const companies = county.companies;
  const basic = companies.map((c) => [
    writtenCode(c),
    c.name,
    TYPE[c.trade],
    c.legalRep.name,
    c.legalRep.id,
    c.capital,
    c.founded,
    c.status,
    c.phone,
    c.address,
  ]);
  const bad = companies.findIndex((c) => c.badCheck);
  if (bad >= 0)
    ctx.warnings.push({
      file: '工商登记.xlsx',
      row: bad + 2,
      reason: 'ucc.checksum: 统一社会信用代码校验码错误（仅警告）',
    });
  const staff = companies.flatMap((c) =>
    c.executives.map((e) => [c.code, c.name, e.person.name, e.person.id, e.post]),
  );
  const written = await writeWorkbook(
    root,
    '工商登记.xlsx',
    [
      {
        name: '企业基本信息',
        kind: 'company',
        headers: [
          '统一社会信用代码',
          '企业名称',
          '企业类型',
          '法定代表人',
          '法定代表人证件号码',
          '注册资本（万元）',
          '成立日期',
          '登记状态',
          '联系电话',
          '住所',
        ],
        rows: basic,
      },
      {
        name: '主要人员',
        kind: 'executive',
        headers: ['统一社会信用代码', '企业名称', '姓名', '身份证号', '职务'],
        rows: staff,
      },
    ],
    county.settings.asOf,
  );
  ctx.files.push(...written);

  const headers = [
    '统一社会信用代码',
    '企业名称',
    '股东名称',
    '股东类型',
    '股东证件号码',
    '持股比例',
    '认缴出资额（万元）',
  ];
  const path = '股东信息.csv';
  const out = new TableWriter(root, path, 'shareholder', headers);
  const brokenAt = Math.floor(companies.length / 3);
  for (const [n, c] of companies.entries()) {
    if (n === brokenAt) {
      plan.book.bad(path, out.nextLine, 'ratio.range: 持股比例120%超出0–100%');
      await out.row([c.code, c.name, '待核实股东', '自然人股东', '', '120%', '']);
    }
    for (const h of c.holders) {
      const isCompany = 'code' in h.holder;
      const subscribed = Math.round(c.capital * h.ratio * 100) / 100;
      await out.row([
        c.code,
        c.name,
        h.holder.name,
        isCompany ? '企业法人' : '自然人股东',
        isCompany ? (h.holder as Company).code : (h.holder as { id: string }).id,
        ratioText(h.ratio, rng.int(0, 2)),
        String(subscribed),
      ]);
    }
  }
  ctx.files.push(await out.close());
}
