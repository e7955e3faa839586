// Hand-written EXPLAIN plans and the verdict a guard gives on them, shared by the guard and reach tests.
import type { QueryPlan } from '../../../engine/store/gateway.ts';

/** A plan of `queryType` whose operators are `[name, details]` pairs, all on the `neo4j` database. */
export function planOf(queryType: string, ...ops: [string, string?][]): QueryPlan {
  return {
    queryType,
    columns: [],
    operators: ops.map(([name, details]) => ({ name, database: 'neo4j', details: details ?? null })),
  };
}

/** `id:status:reason` of the refusal `work` throws, or `accepted`. */
export function verdict(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    const e = error as { id?: string; status?: number; details?: { reason?: string } };
    return `${e.id}:${e.status}:${e.details?.reason}`;
  }
  return 'accepted';
}
