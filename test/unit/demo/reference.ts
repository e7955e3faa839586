// Naive reference versions of the twelve supervision models, run on a demo dataset to check its truth.
import type { ModelId } from '../../../engine/demo/index.ts';
import type { Dataset, Transfer } from './dataset.ts';

const DAY = 86_400;
const DAYS = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000 / DAY;

function ageOn(id: string, on: string): number {
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
}

/** The cadre circle: declared relatives and household members of each cadre. */
function circles(d: Dataset): { cadres: Set<string>; relatives: Set<string> } {
  const cadres = new Set(d.cadres.map((c) => c.id));
  const relatives = new Set<string>();
  for (const r of d.declared) relatives.add(r.relativeId);
  for (const id of cadres) {
    const household = d.register.get(id)?.household;
    for (const member of d.households.get(household ?? '') ?? []) if (member !== id) relatives.add(member);
  }
  return { cadres, relatives };
}

/** Company codes paid by a village ledger or from a township government's account. */
function paidCompanies(d: Dataset): Set<string> {
  const paid = new Set<string>();
  for (const l of d.ledger) if (d.companies.has(l.payee)) paid.add(l.payee);
  for (const t of d.transfers) {
    const owner = d.owners.get(t.to);
    if (owner && d.companies.has(owner) && (d.holderNames.get(t.from) ?? '').endsWith('人民政府'))
      paid.add(owner);
  }
  return paid;
}

/** Indirect stakes (through at least one company) of each person in a company, summed over paths. */
function indirectStakes(d: Dataset, code: string): Map<string, number> {
  const stakes = new Map<string, number>();
  const walk = (company: string, factor: number, depth: number) => {
    if (depth > 6) return;
    for (const h of d.holders) {
      if (h.code !== company) continue;
      if (d.companies.has(h.holder)) walk(h.holder, factor * h.ratio, depth + 1);
      else if (depth > 0) stakes.set(h.holder, (stakes.get(h.holder) ?? 0) + factor * h.ratio);
    }
  };
  walk(code, 1, 0);
  return stakes;
}

function splitPayees(payments: { payer: string; payee: string; day: number; fen: number }[]): Set<string> {
  const groups = new Map<string, { day: number; fen: number }[]>();
  for (const p of payments) {
    if (p.fen >= 1_000_000) continue;
    const key = `${p.payer}>${p.payee}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const flagged = new Set<string>();
  for (const [key, list] of groups) {
    list.sort((a, b) => a.day - b.day);
    for (let i = 0; i < list.length; i += 1) {
      const window = list.filter((p) => p.day >= list[i]!.day && p.day <= list[i]!.day + 15);
      if (window.length >= 3 && window.reduce((s, p) => s + p.fen, 0) > 1_000_000)
        flagged.add(key.split('>')[1]!);
    }
  }
  return flagged;
}

function cycles(transfers: Transfer[]): Set<string> {
  const big = transfers.filter((t) => t.fen >= 1_000_000);
  const out = new Map<string, Transfer[]>();
  for (const t of big) out.set(t.from, [...(out.get(t.from) ?? []), t]);
  const found = new Set<string>();
  const extend = (path: Transfer[]) => {
    const first = path[0]!;
    const last = path[path.length - 1]!;
    if (last.to === first.from) {
      for (const hop of path) found.add(hop.from);
      return;
    }
    if (path.length >= 6) return;
    for (const next of out.get(last.to) ?? []) {
      if (next.t <= last.t || next.t - first.t > 30 * DAY) continue;
      if (Math.abs(next.fen - last.fen) > 0.1 * last.fen) continue;
      if (path.some((hop) => hop.from === next.to) && next.to !== first.from) continue;
      extend([...path, next]);
    }
  };
  for (const t of big) extend([t]);
  return found;
}

function passThrough(transfers: Transfer[]): Set<string> {
  const outs = new Map<string, Transfer[]>();
  for (const t of transfers) outs.set(t.from, [...(outs.get(t.from) ?? []), t]);
  const hits = new Map<string, number>();
  for (const t of transfers) {
    if (t.fen < 5_000_000) continue;
    const sent = (outs.get(t.to) ?? [])
      .filter((o) => o.t > t.t && o.t <= t.t + DAY)
      .reduce((s, o) => s + o.fen, 0);
    if (sent >= 0.9 * t.fen) hits.set(t.to, (hits.get(t.to) ?? 0) + 1);
  }
  return new Set([...hits].filter(([, n]) => n >= 2).map(([a]) => a));
}

function kickbacks(d: Dataset, circle: Set<string>): Set<string> {
  const outs = new Map<string, Transfer[]>();
  for (const t of d.transfers) outs.set(t.from, [...(outs.get(t.from) ?? []), t]);
  const sources = [...d.holderNames]
    .filter(([, n]) => n.endsWith('股份经济合作社') || n.endsWith('人民政府'))
    .map(([a]) => a);
  const found = new Set<string>();
  const walk = (account: string, after: number, start: number, hops: number) => {
    for (const t of outs.get(account) ?? []) {
      if (t.t <= after || t.t - start > 30 * DAY) continue;
      const owner = d.owners.get(t.to);
      if (owner && circle.has(owner)) found.add(owner);
      if (hops < 4) walk(t.to, t.t, start, hops + 1);
    }
  };
  for (const source of sources) for (const t of outs.get(source) ?? []) walk(source, t.t - 1, t.t, 1);
  return found;
}

export function detectAll(d: Dataset, asOf: string): Record<ModelId, Set<string>> {
  const { cadres, relatives } = circles(d);
  const circle = new Set([...cadres, ...relatives]);
  const paid = paidCompanies(d);
  const roles = (code: string) => [
    d.companies.get(code)?.legalRepId ?? '',
    ...d.holders.filter((h) => h.code === code).map((h) => h.holder),
    ...d.executives.filter((e) => e.code === code).map((e) => e.id),
  ];
  const contractor = new Set([...paid].filter((code) => roles(code).some((id) => circle.has(id))));
  const hidden = new Set(
    [...paid].filter((code) =>
      [...indirectStakes(d, code)].some(([id, stake]) => circle.has(id) && stake >= 0.25 - 1e-9),
    ),
  );
  const phones = new Set([...circle].map((id) => d.register.get(id)?.phone).filter(Boolean));
  const addresses = new Set([...circle].map((id) => d.register.get(id)?.address).filter(Boolean));
  const shared = new Set(
    [...paid].filter((code) => {
      const c = d.companies.get(code)!;
      const tied =
        roles(code).some((id) => circle.has(id)) ||
        [...indirectStakes(d, code).keys()].some((id) => circle.has(id));
      return !tied && (phones.has(c.phone) || addresses.has(c.address));
    }),
  );
  const payments = [
    ...d.ledger.map((l) => ({ payer: l.village, payee: l.payee, day: DAYS(l.date), fen: l.fen })),
    ...d.transfers.map((t) => ({
      payer: t.from,
      payee: d.owners.get(t.to) ?? t.to,
      day: Math.floor(t.t / DAY),
      fen: t.fen,
    })),
  ];
  const covered = new Set(d.subsidies.filter((s) => s.program === '高龄补贴' && s.id).map((s) => s.id!));
  const counts = new Map<string, number>();
  for (const s of d.subsidies) {
    const key = `${s.program}|${s.id ?? s.raw}|${s.period}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    deceased_receiving: new Set(
      d.subsidies.filter((s) => s.id && d.deaths.has(s.id) && s.date > d.deaths.get(s.id)!).map((s) => s.id!),
    ),
    eligible_not_covered: new Set(
      [...d.register.keys()].filter((id) => !d.deaths.has(id) && ageOn(id, asOf) >= 80 && !covered.has(id)),
    ),
    cadre_relative_allowance: new Set(
      d.subsidies
        .filter(
          (s) =>
            s.id &&
            relatives.has(s.id) &&
            (s.program === '城乡居民最低生活保障' || s.program === '特困人员供养'),
        )
        .map((s) => s.id!),
    ),
    cadre_related_contractor: contractor,
    hidden_beneficial_owner: hidden,
    shared_contact: shared,
    split_payments: splitPayees(payments),
    circular_transfers: cycles(d.transfers),
    pass_through: passThrough(d.transfers),
    kickback_chain: kickbacks(d, circle),
    ghost_recipient: new Set(
      d.subsidies.filter((s) => !s.id || !d.register.has(s.id)).map((s) => s.id ?? s.raw),
    ),
    duplicate_benefit: new Set([...counts].filter(([, n]) => n >= 2).map(([key]) => key.split('|')[1]!)),
  };
}
