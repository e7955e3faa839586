// The county's residents: towns and villages, household clans (with cadre families), and background deaths.
import { dateOf } from './calendar.ts';
import type { County } from './county.ts';
import type { Person, Sex, Town, Village } from './model.ts';
import { surname } from './names.ts';
import { addHousehold, addPerson, marry, nuclearHousehold, setParents } from './people.ts';
import { BANKS, REGION, TOWNS, villageName } from './places.ts';
import type { Rng } from './rng.ts';

/** Age in years on asOf, by birth year only (good enough for drawing relatives' ages). */
function ageNow(county: County, person: Person): number {
  return Number(county.settings.asOf.slice(0, 4)) - Number(person.birth.slice(0, 4));
}

const VILLAGE_POSTS = ['村党支部书记', '村委会主任', '村会计', '村委委员'];
const OFFICIAL_POSTS: [string, string][] = [
  ['党委书记', '正科'],
  ['镇长', '正科'],
  ['副镇长', '副科'],
  ['纪委书记', '副科'],
  ['民政办主任', '一级主任科员'],
  ['财政所所长', '二级主任科员'],
  ['农业农村办主任', '三级主任科员'],
  ['科员', '一级科员'],
];

/** A cadre-to-be and their family circle, all marked `related`. */
function cadreClan(county: County, rng: Rng, village: Village, sex: Sex): Person {
  const age = rng.int(30, 58);
  const family = surname(rng);
  const own = nuclearHousehold(county, rng, village, { sex, age, family }, rng.chance(0.92), rng.int(1, 2));
  const cadre = own.head;
  const fatherAge = age + rng.int(25, 32);
  const motherAge = age + rng.int(22, 30);
  const father = fatherAge <= 92 && rng.chance(0.75);
  const mother = motherAge <= 95 && rng.chance(0.85);
  const circle: Person[] = [...own.household.members];
  if (father || mother) {
    const parents = addHousehold(county, rng, village);
    const dad = father
      ? addPerson(county, rng, parents, { sex: 'M', age: fatherAge, family, relation: '户主' })
      : undefined;
    const mum = mother
      ? addPerson(county, rng, parents, { sex: 'F', age: motherAge, relation: dad ? '配偶' : '户主' })
      : undefined;
    if (dad && mum) marry(dad, mum);
    setParents(cadre, dad, mum);
    circle.push(...parents.members);
    if (rng.chance(0.5)) {
      const sibSex: Sex = rng.chance(0.6) ? 'M' : 'F';
      const sibAge = Math.max(22, age + rng.int(-6, 6));
      const sib = nuclearHousehold(
        county,
        rng,
        village,
        { sex: sibSex, age: sibAge, family },
        true,
        rng.int(0, 2),
      );
      setParents(sib.head, dad, mum);
      circle.push(...sib.household.members);
    }
  }
  for (const person of circle) person.related = true;
  if (!cadre.phone) cadre.phone = county.newMobile();
  return cadre;
}

/** Households of ordinary villagers: couples, elders, three generations, single people. */
function ordinaryClan(county: County, rng: Rng, village: Village, dominant: string[]): void {
  const family = rng.chance(0.45) ? rng.pick(dominant) : surname(rng);
  const r = rng.next();
  if (r < 0.4) {
    const own = nuclearHousehold(
      county,
      rng,
      village,
      { sex: 'M', age: rng.int(26, 62), family },
      rng.chance(0.9),
      rng.int(0, 3),
    );
    const headAge = ageNow(county, own.head);
    const mumAge = headAge + rng.int(24, 32);
    if (rng.chance(0.15) && mumAge <= 96) {
      const mum = addPerson(county, rng, own.household, { sex: 'F', age: mumAge, relation: '母' });
      setParents(own.head, undefined, mum);
    }
  } else if (r < 0.6) {
    const fatherAge = rng.int(55, 90);
    const old = nuclearHousehold(
      county,
      rng,
      village,
      { sex: 'M', age: fatherAge, family },
      rng.chance(0.75),
      0,
    );
    const sons = rng.int(1, 2);
    for (let i = 0; i < sons; i += 1) {
      const age = fatherAge - rng.int(24, 34);
      if (age < 22) break;
      const son = nuclearHousehold(county, rng, village, { sex: 'M', age, family }, true, rng.int(0, 2));
      setParents(son.head, old.head, old.spouse);
    }
  } else if (r < 0.75) {
    const sex: Sex = rng.chance(0.55) ? 'M' : 'F';
    const old = nuclearHousehold(
      county,
      rng,
      village,
      { sex, age: rng.int(65, 96), family },
      sex === 'M' && rng.chance(0.6),
      0,
    );
    if (rng.chance(0.25)) {
      const kidSex: Sex = rng.chance(0.5) ? 'M' : 'F';
      addPerson(county, rng, old.household, {
        sex: kidSex,
        age: rng.int(5, 15),
        family,
        relation: kidSex === 'M' ? '孙子' : '孙女',
      });
    }
  } else if (r < 0.9) {
    const headAge = rng.int(50, 75);
    const home = nuclearHousehold(county, rng, village, { sex: 'M', age: headAge, family }, true, 0);
    const son = addPerson(county, rng, home.household, {
      sex: 'M',
      age: headAge - rng.int(24, 32),
      family,
      relation: '子',
    });
    setParents(son, home.head, home.spouse);
    const wife = addPerson(county, rng, home.household, {
      sex: 'F',
      age: Math.max(21, ageNow(county, son) - rng.int(0, 4)),
      relation: '儿媳',
      outsider: true,
    });
    marry(son, wife);
    const kids = rng.int(1, 2);
    for (let i = 0; i < kids; i += 1) {
      const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
      const age = ageNow(county, wife) - rng.int(21, 34);
      if (age < 0) break;
      const kid = addPerson(county, rng, home.household, {
        sex,
        age,
        family,
        relation: sex === 'M' ? '孙子' : '孙女',
      });
      setParents(kid, son, wife);
    }
  } else {
    const single = nuclearHousehold(
      county,
      rng,
      village,
      { sex: rng.chance(0.7) ? 'M' : 'F', age: rng.int(25, 70), family },
      false,
      0,
    );
    if (rng.chance(0.3)) {
      const age = Math.max(20, ageNow(county, single.head) + rng.int(-5, 5));
      addPerson(county, rng, single.household, { sex: 'M', age, family, relation: '兄弟' });
    }
  }
}

function declare(cadre: Person, rng: Rng): { person: Person; relation: string }[] {
  const out: { person: Person; relation: string }[] = [];
  if (cadre.spouse && rng.chance(0.8)) out.push({ person: cadre.spouse, relation: '配偶' });
  for (const kid of cadre.children)
    if (rng.chance(0.9)) out.push({ person: kid, relation: kid.sex === 'M' ? '儿子' : '女儿' });
  if (cadre.father && rng.chance(0.9)) out.push({ person: cadre.father, relation: '父亲' });
  if (cadre.mother && rng.chance(0.9)) out.push({ person: cadre.mother, relation: '母亲' });
  const siblings = (cadre.father ?? cadre.mother)?.children.filter((p) => p !== cadre) ?? [];
  for (const sib of siblings)
    if (rng.chance(0.7)) out.push({ person: sib, relation: sib.sex === 'M' ? '兄弟' : '姐妹' });
  return out;
}

export function buildPopulation(county: County): void {
  const rng = county.rng('population');
  const { scale } = county.settings;
  const townCount = Math.min(TOWNS.length, Math.max(2, Math.round(2 * Math.sqrt(scale))));
  const villageCount = Math.max(townCount, Math.round(10 * scale));
  const bank = BANKS[0]!;
  for (let t = 0; t < townCount; t += 1) {
    const name = TOWNS[t]!;
    const account = county.newAccount('public', bank, `${name}人民政府`, '');
    account.balance = 50_000_000_00;
    const town: Town = { name, index: t, villages: [], officials: [], account };
    county.towns.push(town);
  }
  for (let i = 0; i < villageCount; i += 1) {
    const town = county.towns[i % townCount]!;
    const name = villageName(i);
    const code = `${REGION}${String(town.index + 1).padStart(3, '0')}${String(town.villages.length + 1).padStart(3, '0')}`;
    const account = county.newAccount('village', bank, `${town.name}${name}股份经济合作社`, '');
    account.rank = 1;
    account.balance = rng.int(200, 600) * 1_000_000;
    const village: Village = {
      town,
      name,
      key: `${town.name}/${name}`,
      code,
      households: [],
      cadres: [],
      account,
      groups: rng.int(3, 9),
    };
    town.villages.push(village);
    county.villages.push(village);
  }
  for (const town of county.towns) {
    const officials = 6 + Math.floor(town.villages.length / 10);
    for (let i = 0; i < officials; i += 1) {
      const [post, level] = OFFICIAL_POSTS[Math.min(i, OFFICIAL_POSTS.length - 1)]!;
      const village = rng.pick(town.villages);
      const person = cadreClan(county, rng, village, rng.chance(0.8) ? 'M' : 'F');
      const title = town.name.endsWith('乡') ? post.replace('镇长', '乡长') : post;
      const cadre = {
        person,
        unit: `${town.name}人民政府`,
        post: title,
        level,
        town,
        declared: declare(person, rng),
      };
      person.cadre = cadre;
      town.officials.push(cadre);
    }
    for (const village of town.villages) {
      const posts = [...VILLAGE_POSTS, ...(rng.chance(0.5) ? ['妇女主任'] : [])];
      for (const post of posts) {
        const person = cadreClan(county, rng, village, post === '妇女主任' || rng.chance(0.1) ? 'F' : 'M');
        // The secretary's post is in the village's party branch, the others' in its committee: both name the village.
        const unit = `${town.name}${village.name}${post === '村党支部书记' ? '党支部' : '村民委员会'}`;
        const cadre = { person, unit, post, level: '村干部', town, village, declared: declare(person, rng) };
        person.cadre = cadre;
        village.cadres.push(cadre);
      }
      const dominant = [surname(rng), surname(rng)];
      const target = rng.int(72, 92);
      while (village.households.length < target) ordinaryClan(county, rng, village, dominant);
    }
  }
  backgroundDeaths(county, rng);
}

/** Natural deaths from half a year before the window until shortly before asOf, mostly among the old. */
function backgroundDeaths(county: County, rng: Rng): void {
  const { asOf } = county.settings;
  for (const person of county.people) {
    if (person.cadre) continue;
    const age = Number(asOf.slice(0, 4)) - Number(person.birth.slice(0, 4));
    const p = age >= 85 ? 0.08 : age >= 75 ? 0.03 : age >= 60 ? 0.008 : 0.0005;
    if (!rng.chance(p)) continue;
    const death = dateOf(rng.int(county.startDay - 180, county.endDay - 5));
    if (death > person.birth) person.death = death;
  }
}
