// Household registers, the cadre roster, the relatives declaration and the death register.
import { idCheckDigit } from '../../../ingest/normalise/idnumber.ts';
import { ymd } from '../calendar.ts';
import type { Person } from '../model.ts';
import { COUNTY } from '../places.ts';
import { cnDate, Grid } from './grid.ts';
import { TableWriter, type WriteContext } from './text.ts';
import { writeWorkbook } from './xlsx.ts';

const HOUSEHOLD_HEADERS = [
  '户号',
  '姓名',
  '公民身份号码',
  '性别',
  '民族',
  '出生日期',
  '与户主关系',
  '乡镇',
  '村',
  '联系电话',
  '住址',
];

/** The person's ID number with its check character changed: a typo ingest must reject. */
function withWrongCheck(id: string): string {
  const right = idCheckDigit(id.slice(0, 17));
  return id.slice(0, 17) + (right === '7' ? '3' : '7');
}

export async function writeHouseholds(ctx: WriteContext): Promise<void> {
  const { county, plan, root, rng } = ctx;
  for (const town of county.towns) {
    const gbk = town.index % 2 === 1;
    const path = `户籍/household_${town.name}.csv`;
    const out = new TableWriter(root, path, 'household', HOUSEHOLD_HEADERS, ',', gbk ? 'gbk' : 'utf-8');
    for (const village of town.villages) {
      for (const household of village.households) {
        for (const p of household.members) {
          let id = p.id;
          if (p.malformedRow) {
            id = withWrongCheck(p.id);
            plan.book.bad(path, out.nextLine, 'id.checksum: 公民身份号码校验码错误');
          }
          const birth = gbk ? ymd(p.birth) : p.birth;
          const nation = rng.chance(0.04) ? '畲族' : '汉族';
          const cells = [
            household.no,
            p.name,
            id,
            p.sex === 'M' ? '男' : '女',
            nation,
            birth,
            p.relation,
            town.name,
            village.name,
            p.phone ?? '',
            household.address,
          ];
          const pending = out.row(cells);
          if (pending) await pending;
        }
      }
    }
    ctx.files.push(await out.close());
  }
}

const ROSTER_TITLE = `${COUNTY}乡镇干部及村“两委”成员花名册`;

/**
 * The roster as 组织部门 keep it (cf. test/fixtures/layouts/cadre/roster-two-level.xlsx): a title, the 填报单位
 * line, a two-level header (基本信息 over 姓名/性别/身份证号, 任职信息 over 单位/职务/职级; the rest merged down),
 * village posts in units that name the village (XX镇XX村党支部), a 注： line below.
 */
function rosterSheet(ctx: WriteContext): Grid {
  const g = new Grid('花名册');
  g.line(ROSTER_TITLE).merge('A', 'J');
  g.lineAt(['A', `填报单位：中共${COUNTY}委组织部`], ['H', `填报日期：${cnDate(ctx.county.settings.asOf)}`]);
  g.line('序号', '基本信息', '', '', '任职信息', '', '', '乡镇', '村', '联系电话');
  g.merge('A', 'A', 1)
    .merge('B', 'D')
    .merge('E', 'G')
    .merge('H', 'H', 1)
    .merge('I', 'I', 1)
    .merge('J', 'J', 1);
  g.line('', '姓名', '性别', '身份证号', '单位', '职务', '职级', '', '', '');
  let n = 0;
  for (const town of ctx.county.towns) {
    for (const c of [...town.officials, ...town.villages.flatMap((v) => v.cadres)]) {
      const p = c.person;
      n += 1;
      g.record([
        n,
        p.name,
        p.sex === 'M' ? '男' : '女',
        p.id,
        c.unit,
        c.post,
        c.level,
        town.name,
        c.village?.name ?? '',
        p.phone ?? '',
      ]);
    }
  }
  g.line('注：村干部任职单位填写至村党支部或村民委员会。').merge('A', 'J');
  return g;
}

/**
 * The declarations' family section flattened into one sheet (cf. relative/declaration-two-level.xlsx): 申报人
 * over 姓名/身份证号码/工作单位及职务 and 家庭成员 over 称谓/姓名/身份证号码/联系电话; the declarant's cells merged
 * down over their family, as the forms are drawn.
 */
function declarationSheet(ctx: WriteContext): Grid {
  const g = new Grid('家庭成员');
  g.line('领导干部个人有关事项报告（家庭成员情况）汇总表').merge('A', 'H');
  g.line('序号', '申报人', '', '', '家庭成员', '', '', '');
  g.merge('A', 'A', 1).merge('B', 'D').merge('E', 'H');
  g.line('', '姓名', '身份证号码', '工作单位及职务', '称谓', '姓名', '身份证号码', '联系电话');
  let n = 0;
  for (const town of ctx.county.towns) {
    for (const c of [...town.officials, ...town.villages.flatMap((v) => v.cadres)]) {
      if (c.declared.length === 0) continue;
      n += 1;
      c.declared.forEach((d, i) => {
        const own = i === 0 ? [n, c.person.name, c.person.id, `${c.unit}${c.post}`] : ['', '', '', ''];
        g.record([...own, d.relation, d.person.name, d.person.id, d.person.phone ?? '']);
      });
      if (c.declared.length > 1) {
        for (const col of ['A', 'B', 'C', 'D'])
          g.merges.push(`${col}${g.next - c.declared.length}:${col}${g.next - 1}`);
      }
    }
  }
  return g;
}

export async function writeCadres(ctx: WriteContext): Promise<void> {
  const { root, county } = ctx;
  const author = `中共${COUNTY}委组织部`;
  const asOf = county.settings.asOf;
  ctx.files.push(
    ...(await writeWorkbook(
      root,
      '干部名册.xlsx',
      [{ name: '花名册', kind: 'cadre', grid: rosterSheet(ctx) }],
      asOf,
      author,
    )),
  );
  const sheet = { name: '家庭成员', kind: 'relative' as const, grid: declarationSheet(ctx) };
  ctx.files.push(...(await writeWorkbook(root, '干部亲属申报.xlsx', [sheet], asOf, `${COUNTY}纪委监委`)));
}

const CAUSES = ['疾病', '疾病', '疾病', '衰老', '意外'];

export async function writeDeaths(ctx: WriteContext): Promise<void> {
  const { county, plan, root, rng } = ctx;
  const path = '死亡登记.jsonl';
  const out = new TableWriter(root, path, 'death', [], '\t', 'utf-8');
  const dead = county.people.filter((p): p is Person & { death: string } => p.death !== undefined);
  dead.sort((a, b) => (a.death < b.death ? -1 : a.death > b.death ? 1 : a.index - b.index));
  const brokenAt = Math.floor(dead.length / 2);
  let n = 0;
  const line = async (text: string) => {
    const pending = out.rawLine(text);
    if (pending) await pending;
  };
  for (const p of dead) {
    if (n === brokenAt) {
      plan.book.bad(path, out.nextLine, 'row.malformed: 该行不是完整的 JSON 对象');
      await line(`{"序号": ${n + 1}, "姓名": "${p.name}", "身份证号": `);
    }
    n += 1;
    const [y, m, d] = p.death.split('-').map(Number);
    const date = rng.chance(0.3) ? `${y}年${m}月${d}日` : p.death;
    const record = {
      序号: n,
      姓名: p.name,
      身份证号: p.id,
      性别: p.sex === 'M' ? '男' : '女',
      死亡日期: date,
      死亡原因: rng.pick(CAUSES),
      登记单位: `${p.household.village.town.name}派出所`,
    };
    await line(JSON.stringify(record));
  }
  ctx.files.push(await out.close());
}
