// Finding cadres and their relatives for planted schemes, each used once.
import { ageOn } from '../calendar.ts';
import type { Cadre, Person } from '../model.ts';
import type { Plan } from '../plan.ts';

export interface Kin {
  person: Person;
  relation: string;
  declared: boolean;
}

/** Spouse, children, parents and siblings who are alive, unused and at least `minAge`. */
export function kinOf(plan: Plan, cadre: Cadre, minAge = 0): Kin[] {
  const p = cadre.person;
  const out: Kin[] = [];
  const add = (person: Person | undefined, relation: string) => {
    if (!person || person.death || plan.used.has(person) || person.malformedRow) return;
    if (ageOn(person.birth, plan.county.settings.asOf) < minAge) return;
    const declared = cadre.declared.some((d) => d.person === person);
    out.push({ person, relation, declared });
  };
  add(p.spouse, '配偶');
  for (const kid of p.children) add(kid, kid.sex === 'M' ? '儿子' : '女儿');
  add(p.father, '父亲');
  add(p.mother, '母亲');
  for (const sib of (p.father ?? p.mother)?.children ?? [])
    if (sib !== p) add(sib, sib.sex === 'M' ? '兄弟' : '姐妹');
  return out;
}

/**
 * Relatives an investigator can know of: declared by the cadre, or in the cadre's own household in the
 * register. (A sibling who lives elsewhere and was not declared is a relative nobody can see.)
 */
export function knownKin(plan: Plan, cadre: Cadre, minAge = 0): Kin[] {
  return kinOf(plan, cadre, minAge).filter(
    (k) => k.declared || k.person.household === cadre.person.household,
  );
}

/** An unused cadre (village cadre or township official) for which `fits` finds a relative. */
export function cadreWith<T>(
  plan: Plan,
  scope: 'village' | 'official',
  fits: (cadre: Cadre) => T | undefined,
): { cadre: Cadre; found: T } | undefined {
  const { county, rng } = plan;
  const all =
    scope === 'village'
      ? county.villages.flatMap((v) => v.cadres)
      : county.towns.flatMap((t) => t.officials.filter((o) => o.unit.endsWith('人民政府')));
  for (const cadre of rng.shuffle(all)) {
    if (plan.used.has(cadre.person)) continue;
    const found = fits(cadre);
    if (found === undefined) continue;
    plan.used.add(cadre.person);
    return { cadre, found };
  }
  return undefined;
}

/** Takes a relative for a plant: used once. */
export function take(plan: Plan, kin: Kin): Person {
  plan.used.add(kin.person);
  return kin.person;
}

/** Drops a relative from the cadre's declaration, so the tie is known from the household register only. */
export function undeclare(cadre: Cadre, person: Person): void {
  cadre.declared = cadre.declared.filter((d) => d.person !== person);
}
