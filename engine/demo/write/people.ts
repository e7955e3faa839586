// Household registers, the cadre roster, the relatives declaration and the death register.
import { idCheckDigit } from '../../../ingest/normalise/idnumber.ts';
import { ymd } from '../calendar.ts';
import type { Person } from '../model.ts';
import { TableWriter, type WriteContext } from './text.ts';

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

export async function writeCadres(ctx: WriteContext): Promise<void> {
  const { county, root } = ctx;
  const headers = ['姓名', '身份证号', '性别', '单位', '职务', '职级', '乡镇', '村', '联系电话'];
  const out = new TableWriter(root, '干部名册.csv', 'cadre', headers, ',', 'gbk');
  for (const town of county.towns) {
    const cadres = [...town.officials, ...town.villages.flatMap((v) => v.cadres)];
    for (const c of cadres) {
      const p = c.person;
      await out.row([
        p.name,
        p.id,
        p.sex === 'M' ? '男' : '女',
        c.unit,
        c.post,
        c.level,
        town.name,
        c.village?.name ?? '',
        p.phone ?? '',
      ]);
    }
  }
  ctx.files.push(await out.close());

  const relHeaders = ['干部姓名', '干部身份证号', '亲属姓名', '亲属身份证号', '与本人关系', '亲属电话'];
  const rel = new TableWriter(root, '干部亲属申报.csv', 'relative', relHeaders, ',', 'utf-8-bom');
  for (const town of county.towns) {
    for (const c of [...town.officials, ...town.villages.flatMap((v) => v.cadres)]) {
      for (const d of c.declared) {
        await rel.row([
          c.person.name,
          c.person.id,
          d.person.name,
          d.person.id,
          d.relation,
          d.person.phone ?? '',
        ]);
      }
    }
  }
  ctx.files.push(await rel.close());
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
