// IngestRun bookkeeping: who runs it (pid, host, heartbeat), and runs whose process died marked as interrupted.
import { hostname } from 'node:os';
import { pidAlive } from '../../engine/audit/spool.ts';
import type { Store } from '../../engine/store/gateway.ts';

export type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted';

/** How often a running ingest says it is alive. */
export const HEARTBEAT_MS = 30_000;
/**
 * A run silent this long is interrupted even if its pid is alive: the pid may have been reused, or the run
 * belongs to another host whose processes we cannot see.
 */
export const STALE_AFTER_MS = 10 * 60_000;

/** A run's status in Cypher; runs from before statuses are finished or running by their finishedAt. */
export function runStatusCypher(run: string): string {
  return `coalesce(${run}.status, CASE WHEN ${run}.finishedAt IS NULL THEN 'running' ELSE 'finished' END)`;
}

/** Properties set on a new run: the owner, so a later process can tell a live run from a dead one. */
export function runOwner(): { pid: number; host: string } {
  return { pid: process.pid, host: hostname() };
}

/** Refreshes the run's heartbeat until the returned function is called. Failures are ignored (the next beat retries). */
export function startHeartbeat(store: Store, runId: string, everyMs = HEARTBEAT_MS): () => void {
  const timer = setInterval(() => {
    store
      .write('MATCH (r:IngestRun {runId: $runId}) SET r.heartbeatAt = datetime()', { runId })
      .catch(() => {});
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Marks runs without `finishedAt` whose process is gone as `interrupted` (with `finishedAt` now): on this host
 * when their pid is not alive, anywhere when their heartbeat (or start, for runs from before heartbeats) is older
 * than `staleAfterMs`. Returns the run ids marked.
 */
export async function markInterruptedRuns(store: Store, staleAfterMs = STALE_AFTER_MS): Promise<string[]> {
  const open = await store.read<{ runId: string; pid: number | null; host: string | null; quiet: boolean }>(
    `MATCH (r:IngestRun) WHERE r.finishedAt IS NULL
     RETURN r.runId AS runId, r.pid AS pid, r.host AS host,
            coalesce(r.heartbeatAt, r.startedAt) < datetime() - duration({milliseconds: $stale}) AS quiet`,
    { stale: staleAfterMs },
  );
  const host = hostname();
  const stale = open
    .filter(
      (r) => r.quiet || (r.host === host && r.pid !== null && r.pid !== process.pid && !pidAlive(r.pid)),
    )
    .map((r) => r.runId);
  if (!stale.length) return [];
  await store.write(
    `MATCH (r:IngestRun) WHERE r.runId IN $runIds AND r.finishedAt IS NULL
     SET r.status = 'interrupted', r.finishedAt = datetime()`,
    { runIds: stale },
  );
  return stale;
}

/** Runs per status, for `qingfeng stats`. */
export async function runCounts(store: Store): Promise<Record<RunStatus, number>> {
  const rows = await store.read<{ status: RunStatus; n: number }>(
    `MATCH (r:IngestRun) RETURN ${runStatusCypher('r')} AS status, count(r) AS n`,
  );
  const counts: Record<RunStatus, number> = { running: 0, finished: 0, failed: 0, interrupted: 0 };
  for (const { status, n } of rows) counts[status] = n;
  return counts;
}
