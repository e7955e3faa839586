// Accounts and transfers looked up by key for the money-flow models: holders, villages, and transfer evidence.
import { endOfDay, epochMs } from '../clue.ts';
import { nodeEv, type RawNode, type RawRel, relEv, toNode, toRel, villagesOf } from '../evidence.ts';
import type { EvidenceNode, EvidenceRelationship, Reader } from '../types.ts';

export interface AccountInfo {
  node: EvidenceNode;
  owners: { node: EvidenceNode; rel: EvidenceRelationship }[];
  villages: string[];
  /** The holder's name as known: the owner's, else the name on the account. */
  label: string;
}

/** Accounts by number, with their holders (OWNS_ACCOUNT) and the villages those holders belong to. */
export async function accountsInfo(
  store: Reader,
  numbers: Iterable<string>,
): Promise<Map<string, AccountInfo>> {
  const rows = await store.read<{ a: RawNode; owners: { h: RawNode; o: RawRel; villages: string[] }[] }>(
    `UNWIND $nos AS no
     MATCH (a:Account {accountNo: no})
     OPTIONAL MATCH (a)<-[o:OWNS_ACCOUNT]-(h)
     WITH a, collect(CASE WHEN o IS NULL THEN null ELSE {h: ${nodeEv('h')}, o: ${relEv('o')}, villages: ${villagesOf('h')}} END) AS owners
     RETURN ${nodeEv('a')} AS a, owners`,
    { nos: [...new Set(numbers)] },
  );
  const out = new Map<string, AccountInfo>();
  for (const row of rows) {
    const node = toNode(row.a);
    const owners = row.owners.map((o) => ({ node: toNode(o.h), rel: toRel(o.o) }));
    const named = owners.find((o) => o.node.type !== 'PersonMention') ?? owners[0];
    out.set(node.key, {
      node,
      owners,
      villages: [...new Set(row.owners.flatMap((o) => o.villages))],
      label: named?.node.name ?? String(node.properties.holderName ?? node.key),
    });
  }
  return out;
}

/** Transfers by their keys (the txKey uniqueness constraint's index), as evidence. */
export async function transfersByKey(
  store: Reader,
  keys: Iterable<string>,
): Promise<Map<string, EvidenceRelationship>> {
  const rows = await store.read<{ r: RawRel }>(
    `UNWIND $keys AS k MATCH ()-[t:TRANSFER {txKey: k}]->() RETURN ${relEv('t')} AS r`,
    { keys: [...new Set(keys)] },
  );
  const out = new Map<string, EvidenceRelationship>();
  for (const row of rows) {
    const rel = toRel(row.r);
    if (rel.key) out.set(rel.key, rel);
  }
  return out;
}

/** A transfer as the flow models walk it: ends, amount, time in epoch ms and its key. */
export interface Flow {
  from: string;
  to: string;
  amount: number;
  time: number;
  key: string;
}

interface FlowRow {
  a: string;
  b: string;
  amount: number;
  time: string;
  k: string;
}

/**
 * Transfers of at least `minAmount` up to asOf, streamed: the amount index narrows them (hinted: the planner would
 * otherwise take the time index, whose `≤ asOf` range is nearly every transfer). Reading them once into arrays keeps the walk in memory, not in the store.
 */
export async function largeTransfers(store: Reader, minAmount: number, asOf: string): Promise<Flow[]> {
  const out: Flow[] = [];
  await store.stream<FlowRow>(
    `MATCH (a:Account)-[t:TRANSFER]->(b:Account) USING INDEX t:TRANSFER(amount)
     WHERE t.amount >= $min AND t.time <= localdatetime($end)
     RETURN a.accountNo AS a, b.accountNo AS b, t.amount AS amount, toString(t.time) AS time, t.txKey AS k`,
    { min: minAmount, end: endOfDay(asOf) },
    (row) => {
      out.push({ from: row.a, to: row.b, amount: row.amount, time: epochMs(row.time), key: row.k });
    },
    {
      onStart: () => {
        out.length = 0;
      },
    },
  );
  return out;
}

/** '2026-03-05 14:02' from epoch ms. */
export function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
