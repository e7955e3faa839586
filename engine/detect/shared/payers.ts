// Collective and public payers (村集体, 乡镇政府/部门): their accounts, villages and cadres, and whom they paid.
import { endOfDay } from '../clue.ts';
import { nodeEv, type RawNode, type RawRel, relEv, toNode, toRel } from '../evidence.ts';
import type { EvidenceNode, EvidenceRelationship, Reader } from '../types.ts';
import type { Circle } from './circle.ts';

export type PayerKind = 'collective' | 'public';

export interface Payer {
  /** `Village:key`, `Organisation:key` or, for an account known only by its holder's name, `Account:no`. */
  id: string;
  kind: PayerKind;
  node: EvidenceNode;
  name: string;
  villages: string[];
  accounts: string[];
  /** Ties of the payer to its accounts (OWNS_ACCOUNT), for evidence. */
  ties: EvidenceRelationship[];
  /** Cadres holding a post at the payer (or, for a village, at an organisation located in it). */
  cadres: Set<string>;
}

/** Holder names of collective bodies; other public bodies are recognised by `PUBLIC_NAME`. */
const COLLECTIVE_NAME = /(股份经济合作社|经济联合社|经济合作社|村民委员会|居民委员会|村委会|村集体)$/;
const PUBLIC_NAME = /(人民政府|街道办事处|管理委员会|财政所|[^公]局|政府办公室)$/;

export class Payers {
  readonly byId = new Map<string, Payer>();
  readonly byAccount = new Map<string, Payer>();

  /** The payer a node (Village/Organisation) is, if any. */
  ofNode(type: string, key: string): Payer | undefined {
    return this.byId.get(`${type}:${key}`);
  }

  accountNumbers(): string[] {
    return [...this.byAccount.keys()];
  }

  private add(node: EvidenceNode, kind: PayerKind, villages: string[]): Payer {
    const id = `${node.type}:${node.key}`;
    let payer = this.byId.get(id);
    if (!payer) {
      payer = {
        id,
        kind,
        node,
        name: node.name ?? node.key,
        villages,
        accounts: [],
        ties: [],
        cadres: new Set(),
      };
      this.byId.set(id, payer);
    }
    return payer;
  }

  private account(payer: Payer, no: string, tie?: EvidenceRelationship): void {
    if (this.byAccount.has(no)) return;
    this.byAccount.set(no, payer);
    payer.accounts.push(no);
    if (tie) payer.ties.push(tie);
  }

  static async load(store: Reader, circle: Circle): Promise<Payers> {
    const payers = new Payers();
    const bodies = await store.read<{ n: RawNode; villages: string[] }>(
      `MATCH (v:Village) RETURN ${nodeEv('v')} AS n, [v.villageKey] AS villages
       UNION ALL
       MATCH (o:Organisation) RETURN ${nodeEv('o')} AS n, [(o)-[:LOCATED_IN]->(v:Village) | v.villageKey] AS villages`,
    );
    for (const row of bodies) {
      const node = toNode(row.n);
      const kind = node.type === 'Village' || COLLECTIVE_NAME.test(node.name ?? '') ? 'collective' : 'public';
      payers.add(node, kind, row.villages);
    }
    const owned = await store.read<{ o: RawNode; r: RawRel; no: string }>(
      `MATCH (o:Village)-[r:OWNS_ACCOUNT]->(a:Account) RETURN ${nodeEv('o')} AS o, ${relEv('r')} AS r, a.accountNo AS no
       UNION ALL
       MATCH (o:Organisation)-[r:OWNS_ACCOUNT]->(a:Account) RETURN ${nodeEv('o')} AS o, ${relEv('r')} AS r, a.accountNo AS no`,
    );
    for (const row of owned) {
      const node = toNode(row.o);
      const payer = payers.byId.get(`${node.type}:${node.key}`);
      if (payer) payers.account(payer, row.no, toRel(row.r));
    }
    // Public bodies' accounts are often listed by holder name only: tie them by the exact organisation name,
    // or recognise them by the name's ending (人民政府, 股份经济合作社…).
    const named = await store.read<{ a: RawNode }>(
      `MATCH (a:Account) WHERE a.holderName IS NOT NULL AND (a.holderName IN $names OR a.holderName =~ $pattern)
       RETURN ${nodeEv('a')} AS a`,
      {
        names: [...payers.byId.values()].filter((p) => p.node.type === 'Organisation').map((p) => p.name),
        pattern: `.*(${COLLECTIVE_NAME.source.slice(1, -2)}|${PUBLIC_NAME.source.slice(1, -2)})`,
      },
    );
    for (const row of named) {
      const node = toNode(row.a);
      if (payers.byAccount.has(node.key)) continue;
      const holder = String(node.properties.holderName ?? '');
      const org = payers.byId.get(`Organisation:${holder}`);
      if (org) payers.account(org, node.key);
      else {
        const kind: PayerKind = COLLECTIVE_NAME.test(holder) ? 'collective' : 'public';
        payers.account(payers.add({ ...node, name: holder }, kind, []), node.key);
      }
    }
    payers.assignCadres(circle);
    return payers;
  }

  /** A cadre belongs to the payer where they hold a post, and to every village their organisation is in. */
  private assignCadres(circle: Circle): void {
    for (const cadre of circle.cadres.values()) {
      for (const post of cadre.posts) {
        this.byId.get(`${post.orgType}:${post.orgKey}`)?.cadres.add(cadre.key);
        for (const v of post.villages) this.byId.get(`Village:${v}`)?.cadres.add(cadre.key);
      }
    }
  }
}

export interface Payment {
  payer: Payer;
  amount: number;
  date: string;
  /** The ledger entry and/or the bank transfer that record it. */
  rels: EvidenceRelationship[];
}

export interface PaidCompany {
  key: string;
  name: string;
  node: EvidenceNode;
  payments: Payment[];
  total: number;
}

/** A payment is one fact even when the ledger and the bank statement both record it (same payer, day and amount). */
export function addPayment(
  list: Payment[],
  payer: Payer,
  amount: number,
  date: string,
  rel: EvidenceRelationship,
) {
  const day = date.slice(0, 10);
  const cents = Math.round(amount * 100);
  const same = list.find(
    (p) =>
      p.payer === payer &&
      p.date === day &&
      Math.round(p.amount * 100) === cents &&
      !p.rels.some((r) => r.type === rel.type),
  );
  if (same) same.rels.push(rel);
  else list.push({ payer, amount, date: day, rels: [rel] });
}

/** Companies paid by collective or public payers up to `asOf`: ledger payments and transfers from payers' accounts. */
export async function loadPaidCompanies(
  store: Reader,
  payers: Payers,
  asOf: string,
): Promise<Map<string, PaidCompany>> {
  const out = new Map<string, PaidCompany>();
  const take = (c: RawNode, payer: Payer | undefined, r: RawRel) => {
    if (!payer) return;
    const node = toNode(c);
    let company = out.get(node.key);
    if (!company) {
      company = { key: node.key, name: node.name ?? node.key, node, payments: [], total: 0 };
      out.set(node.key, company);
    }
    const rel = toRel(r);
    const amount = Number(rel.properties.amount ?? 0);
    addPayment(
      company.payments,
      payer,
      amount,
      String(rel.properties.date ?? rel.properties.time ?? ''),
      rel,
    );
  };
  const ledger = await store.read<{ pl: string; pk: string; c: RawNode; r: RawRel }>(
    `MATCH (p)-[r:COLLECTIVE_PAYMENT]->(c:Company) WHERE r.date <= date($asOf)
     RETURN head(labels(p)) AS pl, coalesce(p.villageKey, p.orgKey) AS pk, ${nodeEv('c')} AS c, ${relEv('r')} AS r`,
    { asOf },
  );
  for (const row of ledger) take(row.c, payers.ofNode(row.pl, row.pk), row.r);
  const bank = await store.read<{ no: string; c: RawNode; r: RawRel }>(
    `UNWIND $accounts AS no
     MATCH (:Account {accountNo: no})-[t:TRANSFER]->(:Account)<-[:OWNS_ACCOUNT]-(c:Company)
     WHERE t.time <= localdatetime($end)
     RETURN no, ${nodeEv('c')} AS c, ${relEv('t')} AS r`,
    { accounts: payers.accountNumbers(), end: endOfDay(asOf) },
  );
  for (const row of bank) take(row.c, payers.byAccount.get(row.no), row.r);
  for (const company of out.values()) company.total = company.payments.reduce((s, p) => s + p.amount, 0);
  return out;
}
