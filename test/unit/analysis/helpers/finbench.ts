// Loads the LDBC FinBench example snapshot (../shared/data/ldbc_finbench_example) into an analysis graph.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import type { AnalysisGraph, EdgeAttrs, NodeAttrs } from '../../../../engine/analysis/graph.ts';

export const FINBENCH_DIR = join(
  import.meta.dirname,
  '../../../../../shared/data/ldbc_finbench_example/snapshot',
);

/** Rows of a pipe-delimited snapshot file as objects keyed by its header. */
function rows(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(join(FINBENCH_DIR, file), 'utf8').trim().split('\n');
  const names = header!.split('|');
  return lines.map((line) => {
    const values = line.split('|');
    return Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']));
  });
}

/** "2020-06-29 02:33:46.538" (UTC) → epoch ms. */
export function finbenchTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

export interface Transfer {
  id: string;
  from: string;
  to: string;
  amount: number;
  time: number;
  type: 'TRANSFER' | 'WITHDRAW';
}

export interface FinBench {
  graph: AnalysisGraph;
  /** Every transfer and withdrawal, as loaded (edge ids t… and w…). */
  transfers: Transfer[];
  /** Person id → their account node ids. */
  accountsOf: Map<string, string[]>;
  /** Account node ids signed in by a blocked medium → the blocked medium ids. */
  blockedSignIns: Map<string, string[]>;
  /** Loan id → deposit account node id and loan amount. */
  loans: Map<string, { account: string; amount: number }>;
}

/** Accounts become `Account:<id>` nodes; transfers TRANSFER edges, withdrawals WITHDRAW edges. */
export function loadFinBench(): FinBench {
  const graph: AnalysisGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  const account = (id: string) => {
    const node = `Account:${id}`;
    if (!graph.hasNode(node)) graph.addNode(node, { type: 'Account', key: id, label: id });
    return node;
  };
  for (const row of rows('Account.csv')) account(row.accountId!);
  const transfers: Transfer[] = [];
  const add = (file: string, type: Transfer['type'], prefix: string) => {
    rows(file).forEach((row, i) => {
      const transfer: Transfer = {
        id: `${prefix}${i}`,
        from: account(row.fromId!),
        to: account(row.toId!),
        amount: Number(row.amount),
        time: finbenchTime(row.createTime!),
        type,
      };
      transfers.push(transfer);
      graph.addDirectedEdgeWithKey(transfer.id, transfer.from, transfer.to, {
        type,
        amount: transfer.amount,
        time: transfer.time,
      });
    });
  };
  add('AccountTransferAccount.csv', 'TRANSFER', 't');
  add('AccountWithdrawAccount.csv', 'WITHDRAW', 'w');

  const accountsOf = new Map<string, string[]>();
  for (const row of rows('PersonOwnAccount.csv')) {
    const list = accountsOf.get(row.personId!) ?? [];
    list.push(account(row.accountId!));
    accountsOf.set(row.personId!, list);
  }
  const blocked = new Set(
    rows('Medium.csv')
      .filter((r) => r.isBlocked === 'true')
      .map((r) => r.mediumId!),
  );
  const blockedSignIns = new Map<string, string[]>();
  for (const row of rows('MediumSignInAccount.csv')) {
    if (!blocked.has(row.mediumId!)) continue;
    const node = account(row.accountId!);
    const list = blockedSignIns.get(node) ?? [];
    if (!list.includes(row.mediumId!)) list.push(row.mediumId!);
    blockedSignIns.set(node, list);
  }
  const loans = new Map<string, { account: string; amount: number }>();
  for (const row of rows('LoanDepositAccount.csv'))
    if (!loans.has(row.loanId!))
      loans.set(row.loanId!, { account: account(row.accountId!), amount: Number(row.amount) });
  return { graph, transfers, accountsOf, blockedSignIns, loans };
}
