// One table's journey on the main thread: a worker reads and builds it, batches are written in order here.
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../../engine/errors.ts';
import type { FieldMapping } from '../profiles/detect.ts';
import type { SourceRecord, SourceTable } from '../readers/types.ts';
import type { FileSummary } from '../types.ts';
import type { BuildJob } from './build-worker.ts';
import type { QuarantineEntry, QuarantineReport } from './quarantine.ts';
import type { BatchItem, GraphWriter } from './writer.ts';

export type BuildMessage =
  | {
      type: 'batch';
      items: BatchItem[];
      entries: QuarantineEntry[];
      rows: number;
      quarantined: number;
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

/**
 * Reads and builds `table` in a worker while this thread writes: batch N is written as batch N+1 is built.
 * Resolves when every row is accounted for; rejects with the reader's fault (rows before it are written).
 */
export function ingestTableInWorker(
  table: SourceTable,
  mapping: FieldMapping,
  writer: GraphWriter,
  report: QuarantineReport,
  summary: FileSummary,
  batchSize: number,
  onProgress?: (progress: { file: string; rows: number }) => void,
): Promise<void> {
  const job: BuildJob = {
    path: table.file,
    ...(table.sheet ? { sheet: table.sheet } : {}),
    kind: mapping.kind,
    fields: mapping.fields,
    ...(mapping.profile ? { profile: { spec: mapping.profile.spec, origin: mapping.profile.origin } } : {}),
    batchSize,
  };
  const worker = new Worker(WORKER, { workerData: job });
  const label = fileLabel(table);
  return new Promise<void>((resolvePromise, reject) => {
    // Batches start in file order, each once the previous one's nodes are written (see GraphWriter.writeBatch).
    let nodesOfPrevious: Promise<void> = Promise.resolve();
    const inFlight = new Set<Promise<void>>();
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
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
      summary.warnings += message.warnings;
      for (const entry of message.entries) report.add(entry);
      if (message.items.length) {
        for (const d of await writer.writeBatch(message.items, open)) summary[d] += 1;
      } else open();
      worker.postMessage('credit');
      onProgress?.({ file: label, rows: summary.loaded + summary.merged + summary.quarantined });
    };
    worker.on('error', fail);
    worker.on('message', (message: BuildMessage) => {
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
          .then(async () => {
            if (settled) return;
            settled = true;
            await worker.terminate();
            resolvePromise();
          })
          .catch(fail);
      } else {
        const error = message.engine
          ? new InvalidInputError(message.id, message.message)
          : new Error(message.message);
        Promise.allSettled(inFlight).then(() => fail(error));
      }
    });
  });
}
