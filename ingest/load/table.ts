// One table's journey on the main thread: a worker reads and builds it, batches are written in order here.
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../../engine/errors.ts';
import type { IngestLimits } from '../../engine/settings.ts';
import { todayInChina } from '../normalise/index.ts';
import type { FieldMapping } from '../profiles/detect.ts';
import type { SourceRecord, SourceTable } from '../readers/types.ts';
import type { FileSummary } from '../types.ts';
import type { BuildJob, WorkerCommand } from './build-worker.ts';
import type { QuarantineEntry, QuarantineReport } from './quarantine.ts';
import type { BatchItem, GraphWriter } from './writer.ts';

export type BuildMessage =
  | {
      type: 'batch';
      items: BatchItem[];
      entries: QuarantineEntry[];
      rows: number;
      quarantined: number;
      skipped: number;
      warnings: number;
    }
  | { type: 'end' }
  | { type: 'fault'; engine: boolean; id: string; message: string };

export function fileLabel(table: Pick<SourceTable, 'file' | 'sheet'>): string {
  return table.sheet ? `${basename(table.file)}:${table.sheet}` : basename(table.file);
}

/** Structural problems the readers pass through for us to quarantine (malformed JSON lines, surplus cells). */
export function structuralProblem(
  record: SourceRecord,
): { field: string; reason: string; value: string } | undefined {
  if ('__malformed' in record.values) {
    return { field: '*', reason: 'row.malformed: not a JSON object', value: record.values.__malformed ?? '' };
  }
  const extra = Object.keys(record.values).filter((k) => k.startsWith('__extra') && record.values[k] !== '');
  if (extra.length) {
    return {
      field: '*',
      reason: `row.extraCells: ${extra.length} more cells than headers`,
      value: extra.map((k) => record.values[k]).join('|'),
    };
  }
  return undefined;
}

const WORKER = new URL('./build-worker.mjs', import.meta.url);

/** The plausible range of event dates: from the configured earliest day to today (China) plus the margin. */
export function plausibleDates(limits: IngestLimits, now = new Date()): { earliest: string; latest: string } {
  const latest = new Date(`${todayInChina(now)}T00:00:00Z`);
  latest.setUTCDate(latest.getUTCDate() + limits.latestDaysAhead);
  return { earliest: limits.earliestDate, latest: latest.toISOString().slice(0, 10) };
}

/**
 * The build worker of one ingest run, started on first use and reused for every table: starting a worker (and
 * its TypeScript loader) costs about a second, which a folder of small departmental files would pay per file.
 */
export class BuildWorkers {
  private worker: Worker | undefined;

  /** The live worker, started if needed. */
  acquire(): Worker {
    if (!this.worker) {
      const worker = new Worker(WORKER);
      // A crashed worker is dropped; the next table starts a fresh one.
      worker.once('error', () => {
        if (this.worker === worker) this.worker = undefined;
      });
      worker.once('exit', () => {
        if (this.worker === worker) this.worker = undefined;
      });
      this.worker = worker;
    }
    return this.worker;
  }

  /** Stops the worker of a table that failed half-way, so no stale batch of it reaches the next table. */
  async discard(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  async close(): Promise<void> {
    await this.discard();
  }
}

/**
 * Reads and builds `table` in the run's worker while this thread writes: batch N is written as batch N+1 is
 * built. Resolves when every row is accounted for; rejects with the reader's fault (rows before it are written).
 */
export function ingestTableInWorker(
  table: SourceTable,
  mapping: FieldMapping,
  writer: GraphWriter,
  report: QuarantineReport,
  summary: FileSummary,
  run: {
    batchSize: number;
    workers: BuildWorkers;
    limits: IngestLimits;
    /** The run's register by company name, for shareholder and key-personnel tables. */
    companyCodes?: Readonly<Record<string, string>>;
    onProgress?: (progress: { file: string; rows: number }) => void;
  },
): Promise<void> {
  const { batchSize, workers, limits, onProgress } = run;
  const job: BuildJob = {
    path: table.file,
    ...(table.sheet ? { sheet: table.sheet } : {}),
    kind: mapping.kind,
    fields: mapping.fields,
    ...(mapping.profile ? { profile: { spec: mapping.profile.spec, origin: mapping.profile.origin } } : {}),
    batchSize,
    limits,
    dateRange: plausibleDates(limits),
    ...(run.companyCodes ? { companyCodes: run.companyCodes } : {}),
  };
  const worker = workers.acquire();
  const label = fileLabel(table);
  return new Promise<void>((resolvePromise, reject) => {
    // Batches start in file order, each once the previous one's nodes are written (see GraphWriter.writeBatch).
    let nodesOfPrevious: Promise<void> = Promise.resolve();
    const inFlight = new Set<Promise<void>>();
    let settled = false;
    const detach = () => {
      worker.off('error', fail);
      worker.off('message', onMessage);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      detach();
      void workers.discard();
      reject(error);
    };
    const write = async (
      message: Extract<BuildMessage, { type: 'batch' }>,
      gate: Promise<void>,
      open: () => void,
    ) => {
      try {
        await gate;
      } catch {
        // The previous batch failed; its own task reports that.
      }
      summary.rows += message.rows;
      summary.quarantined += message.quarantined;
      summary.skipped += message.skipped;
      summary.warnings += message.warnings;
      for (const entry of message.entries) report.add(entry);
      if (message.items.length) {
        const dispositions = await writer.writeBatch(message.items, open);
        dispositions.forEach((d, i) => {
          if (!message.items[i]?.uncounted) summary[d] += 1;
        });
      } else open();
      if (!settled) worker.postMessage({ type: 'credit' } satisfies WorkerCommand);
      onProgress?.({
        file: label,
        rows: summary.loaded + summary.merged + summary.quarantined + summary.skipped,
      });
    };
    const onMessage = (message: BuildMessage) => {
      if (settled) return;
      if (message.type === 'batch') {
        const gate = nodesOfPrevious;
        let open = () => {};
        nodesOfPrevious = new Promise<void>((r) => (open = r));
        const task = write(message, gate, () => open()).finally(() => open());
        inFlight.add(task);
        task.then(() => inFlight.delete(task), fail);
      } else if (message.type === 'end') {
        Promise.all(inFlight)
          .then(() => {
            if (settled) return;
            settled = true;
            detach();
            resolvePromise();
          })
          .catch(fail);
      } else {
        const error = message.engine
          ? new InvalidInputError(message.id, message.message)
          : new Error(message.message);
        Promise.allSettled(inFlight).then(() => fail(error));
      }
    };
    worker.on('error', fail);
    worker.on('message', onMessage);
    worker.postMessage({ type: 'job', job } satisfies WorkerCommand);
  });
}
