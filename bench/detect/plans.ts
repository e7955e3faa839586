// Query plans of the models: record each query, PROFILE or EXPLAIN it, report whole-label or -type scans.
import neo4j from 'neo4j-driver';
import type { DetectStore } from '../../engine/detect/run.ts';
import type { ConnectionInfo } from '../../engine/store/connection.ts';
import type { Params, Store } from '../../engine/store/gateway.ts';

export interface RecordedQuery {
  model: string;
  cypher: string;
  params: Params;
}

/** A store that passes every call through and remembers each distinct query text with its first parameters. */
export class RecordingStore implements DetectStore {
  model = '';
  readonly queries = new Map<string, RecordedQuery>();
  private readonly inner: Store;

  constructor(inner: Store) {
    this.inner = inner;
  }

  private note(cypher: string, params: Params = {}): void {
    if (!this.queries.has(cypher)) this.queries.set(cypher, { model: this.model, cypher, params });
  }

  read: Store['read'] = (cypher, params = {}, options = {}) => {
    this.note(cypher, params);
    return this.inner.read(cypher, params, options);
  };

  stream: Store['stream'] = (cypher, params, onRow, options = {}) => {
    this.note(cypher, params);
    return this.inner.stream(cypher, params, onRow, options);
  };

  write: Store['write'] = (cypher, params = {}) => this.inner.write(cypher, params);
}

export interface PlanReport {
  model: string;
  cypher: string;
  /** Operators that read a whole label or relationship type, e.g. `NodeByLabelScan(Person)`. */
  scans: string[];
  /** Index operators used, e.g. `DirectedRelationshipIndexSeekByRange(transfer_amount)`. */
  indexes: string[];
  dbHits?: number;
  rows?: number;
  ms?: number;
  /** True when a whole-type scan of TRANSFER appears: the thing to avoid where a window or key narrows. */
  transferScan: boolean;
}

interface PlanNode {
  operatorType: string;
  identifiers?: string[];
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
  dbHits?: number;
  rows?: number;
}

const SCAN = /AllNodesScan|NodeByLabelScan|RelationshipTypeScan|UnionNodeByLabelsScan/;
const INDEX = /Index|NodeUniqueIndexSeek|ByElementId/;

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function detail(node: PlanNode): string {
  const details = String(node.arguments?.Details ?? '');
  return details.length > 120 ? `${details.slice(0, 117)}…` : details;
}

/** Plans every recorded query (PROFILE runs it; EXPLAIN only plans) in a read transaction. */
export async function planQueries(
  connection: ConnectionInfo,
  queries: Iterable<RecordedQuery>,
  mode: 'profile' | 'explain',
): Promise<PlanReport[]> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  const reports: PlanReport[] = [];
  try {
    for (const q of queries) {
      const session = driver.session({
        database: connection.database,
        defaultAccessMode: neo4j.session.READ,
      });
      const started = performance.now();
      try {
        const result = await session.executeRead((tx) =>
          tx.run(`${mode.toUpperCase()} ${q.cypher}`, q.params),
        );
        const root = (mode === 'profile' ? result.summary.profile : result.summary.plan) as unknown as
          | PlanNode
          | false;
        const scans: string[] = [];
        const indexes: string[] = [];
        let dbHits = 0;
        let rows = 0;
        if (root) {
          walk(root, (n) => {
            const op = n.operatorType.replace(/@neo4j$/, '');
            if (SCAN.test(op)) scans.push(`${op}(${detail(n)})`);
            else if (INDEX.test(op)) indexes.push(`${op}(${detail(n)})`);
            dbHits += Number(n.dbHits ?? 0);
          });
          rows = Number(root.rows ?? 0);
        }
        reports.push({
          model: q.model,
          cypher: q.cypher.replace(/\s+/g, ' ').slice(0, 240),
          scans,
          indexes,
          ...(mode === 'profile' ? { dbHits, rows, ms: Math.round(performance.now() - started) } : {}),
          transferScan: scans.some((s) => /TRANSFER/.test(s) && /RelationshipTypeScan/.test(s)),
        });
      } finally {
        await session.close();
      }
    }
  } finally {
    await driver.close();
  }
  return reports;
}

/** One line per query: model, time and hits, scans (flagged for TRANSFER) and indexes. */
export function planTable(reports: readonly PlanReport[]): string {
  return reports
    .map((r) => {
      const cost = r.dbHits !== undefined ? ` ${r.ms} ms, ${r.dbHits} db hits, ${r.rows} rows` : '';
      const scans = r.scans.length
        ? `\n    scans: ${r.scans.join('; ')}${r.transferScan ? '  <-- TRANSFER type scan' : ''}`
        : '';
      const indexes = r.indexes.length ? `\n    indexes: ${r.indexes.join('; ')}` : '';
      return `[${r.model}]${cost}\n    ${r.cypher.slice(0, 160)}${scans}${indexes}`;
    })
    .join('\n');
}
