// The report's analysis sections around the case subjects: key persons, communities, fund chains, equity penetration.
import { communities, equity, fundTrace, keyPersonRanking } from '../../analysis/store/service.ts';
import { entityType, isEntityLabel } from '../../schema/index.ts';
import type { Store } from '../../store/gateway.ts';
import { byText, entityCaption } from './format.ts';
import type {
  Lang,
  ReportCommunity,
  ReportEquity,
  ReportFundTrace,
  ReportKeyPerson,
  SectionNote,
} from './model.ts';

/** A subject as the analyses name it (`Label:key`) with its caption. */
export interface Seed {
  ref: string;
  type: string;
  key: string;
  name: string;
}

export const LIMITS = {
  hops: 2,
  maxNodes: 50_000,
  keyPersons: 15,
  communities: 8,
  membersShown: 10,
  accounts: 8,
  chainsShown: 12,
  endpointsShown: 10,
  equitySubjects: 12,
};

function problem(section: string, error: unknown): SectionNote {
  const message = error instanceof Error ? error.message : String(error);
  return { section, message };
}

export async function keyPersonSection(store: Store, seeds: Seed[], lang: Lang, problems: SectionNote[]) {
  if (!seeds.length) return [];
  try {
    const subjectRefs = new Set(seeds.map((s) => s.ref));
    const result = await keyPersonRanking(store, {
      seeds: seeds.map((s) => s.ref),
      hops: LIMITS.hops,
      top: LIMITS.keyPersons,
      lang,
      maxNodes: LIMITS.maxNodes,
    });
    return result.persons.map(
      (p): ReportKeyPerson => ({
        rank: p.rank,
        name: p.label,
        key: p.key,
        type: p.type,
        cadre: p.cadre,
        score: p.score,
        pagerank: p.pagerank,
        betweenness: p.betweenness,
        degree: p.degree,
        reason: p.reason,
        isSubject: subjectRefs.has(p.id),
      }),
    );
  } catch (error) {
    problems.push(problem('keyPersons', error));
    return [];
  }
}

/** Communities around the subjects (2 hops), and how many entities that neighbourhood holds. */
export async function communitySection(
  store: Store,
  seeds: Seed[],
  lang: Lang,
  problems: SectionNote[],
): Promise<{ rows: ReportCommunity[]; nodes: number }> {
  if (!seeds.length) return { rows: [], nodes: 0 };
  try {
    const refs = new Set(seeds.map((s) => s.ref));
    const result = await communities(store, {
      seeds: seeds.map((s) => s.ref),
      hops: LIMITS.hops,
      seed: 1,
      maxNodes: LIMITS.maxNodes,
    });
    const rows = result.communities.map((c): ReportCommunity => {
      const all = Object.values(c.membersByType).flat();
      return {
        community: c.community,
        size: c.size,
        subjects: all
          .filter((m) => refs.has(m.id))
          .map((m) => m.label)
          .sort(byText),
        members: Object.entries(c.membersByType)
          .sort(([a], [b]) => byText(a, b))
          .map(([type, members]) => ({
            type: entityCaption(type, lang),
            names: members.slice(0, LIMITS.membersShown).map((m) => m.label),
            more: Math.max(0, members.length - LIMITS.membersShown),
          })),
        cadres: c.cadres.map((m) => m.label),
        internalFlow: c.internalFlow,
        internalTransfers: c.internalTransfers,
        clueCount: c.clueCount,
      };
    });
    // Communities holding subjects first (most subjects first), then the largest; numbers break ties.
    rows.sort(
      (a, b) => b.subjects.length - a.subjects.length || b.size - a.size || a.community - b.community,
    );
    return { rows: rows.slice(0, LIMITS.communities), nodes: result.nodes };
  } catch (error) {
    problems.push(problem('communities', error));
    return { rows: [], nodes: 0 };
  }
}

/** Accounts to trace: subject accounts, then accounts owned by subject parties, by account number, capped. */
export async function subjectAccounts(
  store: Store,
  caseId: string,
): Promise<{ accountNo: string; holder: string }[]> {
  return store.read<{ accountNo: string; holder: string }>(
    `MATCH (:Case {caseId: $caseId})-[:CASE_SUBJECT]->(s)
     CALL (s) {
       WITH s WHERE s:Account RETURN s AS a
       UNION
       MATCH (s)-[:OWNS_ACCOUNT]->(a:Account) RETURN a
     }
     WITH DISTINCT a
     RETURN a.accountNo AS accountNo, coalesce(a.holderName, '') AS holder ORDER BY accountNo LIMIT toInteger($limit)`,
    { caseId, limit: LIMITS.accounts },
  );
}

const hopTime = (time: string | null) => (time ? time.replace('T', ' ').slice(0, 16) : '');

type Trace = Awaited<ReturnType<typeof fundTrace>>;

/** Holder names of the accounts met along the chains, for captions such as 陈建（6217…）. */
async function holderNames(store: Store, traces: Trace[]): Promise<Map<string, string>> {
  const keys = new Set<string>();
  for (const t of traces)
    for (const c of t.chains) for (const h of c.hops) keys.add(h.from.key).add(h.to.key);
  const rows = await store.read<{ k: string; holder: string | null }>(
    'UNWIND $keys AS k MATCH (a:Account {accountNo: k}) RETURN k, a.holderName AS holder',
    { keys: [...keys] },
  );
  return new Map(rows.flatMap((r) => (r.holder ? [[r.k, `${r.holder}（${r.k}）`] as const] : [])));
}

function traceRow(
  account: { accountNo: string; holder: string },
  direction: 'out' | 'in',
  trace: Trace,
  names: Map<string, string>,
): ReportFundTrace {
  const name = (key: string) => names.get(key) ?? key;
  const touching = new Map<string, number>();
  const chains = trace.chains.map((c) => {
    // The hop at the subject's account: money that left it (out) or reached it (in), each transfer once.
    const first = c.hops[0];
    if (first) touching.set(first.id, first.amount ?? 0);
    const inTime = direction === 'out' ? c.hops : [...c.hops].reverse();
    return {
      hops: inTime.map((h) => ({
        time: hopTime(h.time),
        from: name(h.from.key),
        to: name(h.to.key),
        amount: h.amount,
      })),
      amount: c.hops.at(-1)?.amount ?? 0,
      order: c.hops.map((h) => `${h.time}|${h.id}`).join('>'),
    };
  });
  chains.sort((a, b) => b.amount - a.amount || byText(a.order, b.order));
  const endpoints = [...trace.endpoints].sort((a, b) => b.total - a.total || byText(a.key, b.key));
  return {
    account: account.accountNo,
    holder: account.holder,
    direction,
    chains: chains.slice(0, LIMITS.chainsShown).map(({ hops, amount }) => ({ hops, amount })),
    moreChains: Math.max(0, chains.length - LIMITS.chainsShown),
    endpoints: endpoints.slice(0, LIMITS.endpointsShown).map((e) => ({
      name: name(e.key),
      total: e.total,
      chains: e.chains,
      minHops: e.minHops,
    })),
    moreEndpoints: Math.max(0, endpoints.length - LIMITS.endpointsShown),
    total: [...touching.values()].reduce((a, b) => a + b, 0),
    truncated: trace.truncated,
  };
}

/** Time-ordered chains of ≤ 3 transfers out of and into each subject account (hubs not expanded), capped. */
export async function fundSection(store: Store, caseId: string, problems: SectionNote[]) {
  const accounts = await subjectAccounts(store, caseId);
  const traced: { account: { accountNo: string; holder: string }; direction: 'out' | 'in'; trace: Trace }[] =
    [];
  for (const account of accounts) {
    for (const direction of ['out', 'in'] as const) {
      try {
        const trace = await fundTrace(store, {
          account: `Account:${account.accountNo}`,
          direction,
          maxHops: 3,
          hubDegree: 50,
          maxNodes: LIMITS.maxNodes,
        });
        if (trace.chains.length) traced.push({ account, direction, trace });
      } catch (error) {
        problems.push(problem(`funds:${direction}:${account.accountNo}`, error));
      }
    }
  }
  const names = await holderNames(
    store,
    traced.map((t) => t.trace),
  );
  return traced.map((t) => traceRow(t.account, t.direction, t.trace, names));
}

export async function equitySection(store: Store, seeds: Seed[], problems: SectionNote[]) {
  const out: ReportEquity[] = [];
  const candidates = seeds
    .filter((s) => s.type === 'Company' || s.type === 'Person')
    .slice(0, LIMITS.equitySubjects);
  for (const seed of candidates) {
    try {
      const company = seed.type === 'Company';
      const result = await equity(store, company ? { company: seed.ref } : { holder: seed.ref });
      const rows = ('owners' in result ? result.owners : result.controls) ?? [];
      if (!rows.length) continue;
      out.push({
        subject: seed.name,
        direction: company ? 'owners' : 'controls',
        rows: rows
          .map((r) => ({
            name: r.name,
            key: r.key,
            ratio: r.ratio,
            paths: r.paths.map((p) => p.map((n) => n.name || n.key).join(' → ')).sort(byText),
          }))
          .sort((a, b) => b.ratio - a.ratio || byText(a.key, b.key)),
      });
    } catch (error) {
      problems.push(problem(`equity:${seed.ref}`, error));
    }
  }
  return out;
}

/** The caption of a node's properties per the schema (name, holder name, village name…). */
export function captionOf(type: string, props: Record<string, unknown>, key: string): string {
  const caption = isEntityLabel(type) ? props[entityType(type).caption] : undefined;
  const value = type === 'Account' ? (props.holderName ?? caption) : (caption ?? props.name);
  return value === undefined || value === null || value === '' ? key : String(value);
}
