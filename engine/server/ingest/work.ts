// What an ingest job does: ingestFiles over the uploaded files with progress, then a summary by file name.
import { createReadStream, existsSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { parse } from 'csv-parse';
import type { QuarantineEntry } from '../../../ingest/load/quarantine.ts';
import { ingestFiles } from '../../../ingest/load/run.ts';
import { restoreCell } from '../../../ingest/normalise/formula.ts';
import type { Profile } from '../../../ingest/profiles/profile.ts';
import { loadSavedProfiles } from '../../../ingest/profiles/store.ts';
import type { Kind } from '../../../ingest/types.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import type { IngestLimits } from '../../settings.ts';
import type { Store } from '../../store/gateway.ts';
import { redactDeep } from '../errors.ts';
import type { ApiServices } from '../services.ts';
import { type Job, type JobView, type JobWork, jobQueue } from './jobs.ts';
import type { UploadedFile } from './upload.ts';

/** The ingest run id of a job: the job's own stamp, so its quarantine report can be found even if it failed. */
export const runIdOf = (jobId: string) => jobId.replace(/^job-/, 'run-');

/** Text for the job's owner: paths inside the upload folder become file names, other server insides go. */
export function uploadRelative<T>(value: T, uploadDir: string | undefined): T {
  if (!uploadDir) return redactDeep(value);
  const prefix = uploadDir.endsWith(sep) ? uploadDir : uploadDir + sep;
  return redactDeep(value, (text) => text.split(prefix).join(''));
}

/** `name.xlsx:Sheet1` (a progress label) → `name.xlsx`. */
function fileOfLabel(label: string, names: string[]): string | undefined {
  if (names.includes(label)) return label;
  return names.find((n) => label.startsWith(`${n}:`));
}

export function ingestWork(
  store: () => Store,
  files: UploadedFile[],
  options: {
    kind?: Kind;
    outDir: string;
    limits?: IngestLimits;
    profiles?: Profile[];
    /** A plan's profile for a table, by upload name and sheet: it wins over every other mapping. */
    tableProfiles?: (name: string, sheet?: string) => Profile | undefined;
  },
): JobWork {
  return async (job: Job) => {
    const names = files.map((f) => f.name);
    // The server-side path stays on the server: the job and its refusals show the uploaded file's name.
    const nameOf = (path: string) => files.find((f) => f.path === path)?.name ?? basename(path);
    const rowsByLabel = new Map<string, number>();
    const runId = runIdOf(job.jobId);
    job.internal.quarantineFile = join(options.outDir, runId, 'quarantine.csv');
    const result = await ingestFiles(
      store(),
      files.map((f) => f.path),
      {
        ...(options.kind ? { kind: options.kind } : {}),
        outDir: options.outDir,
        runId,
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.profiles?.length ? { profiles: options.profiles } : {}),
        ...(options.tableProfiles
          ? { tableProfiles: (path: string, sheet?: string) => options.tableProfiles?.(nameOf(path), sheet) }
          : {}),
        displayName: nameOf,
        onProgress: ({ file: label, rows }) => {
          rowsByLabel.set(label, rows);
          const name = fileOfLabel(label, names);
          const index = name === undefined ? -1 : names.indexOf(name);
          if (index < 0) return;
          // Files are ingested in the order given: all before this one are done.
          job.files.forEach((f, i) => {
            if (i < index) f.done = true;
          });
          const entry = job.files[index];
          if (entry)
            entry.rows = [...rowsByLabel].reduce((s, [l, r]) => (fileOfLabel(l, [name!]) ? s + r : s), 0);
          job.progress = {
            files: job.files.length,
            filesDone: index,
            rows: [...rowsByLabel.values()].reduce((a, b) => a + b, 0),
          };
        },
      },
    );
    const summary = uploadRelative(
      result.files.map(({ path, ...counts }) => ({ file: nameOf(path), ...counts })),
      files[0] && dirname(files[0].path),
    );
    for (const entry of job.files) {
      entry.done = true;
      entry.rows = summary.filter((s) => s.file === entry.name).reduce((n, s) => n + s.rows, 0);
    }
    const sum = (k: 'rows' | 'loaded' | 'merged' | 'quarantined' | 'skipped' | 'warnings') =>
      summary.reduce((n, s) => n + s[k], 0);
    job.progress = { files: job.files.length, filesDone: job.files.length, rows: sum('rows') };
    job.internal.quarantineFile = result.quarantineFile;
    return {
      runId: result.runId,
      files: summary,
      totals: {
        rows: sum('rows'),
        loaded: sum('loaded'),
        merged: sum('merged'),
        quarantined: sum('quarantined'),
        skipped: sum('skipped'),
        warnings: sum('warnings'),
        refusedFiles: summary.filter((s) => s.refused).length,
      },
      familyTies: result.familyTies,
      resolvedMentions: result.resolvedMentions,
    };
  };
}

/**
 * Queues an ingest job over files already uploaded to `dir` (a direct upload, or a plan being started, whose
 * tables come with their own profiles). The analysts' saved profiles are matched for every other table.
 */
export function enqueueIngest(
  services: ApiServices,
  user: SessionUser,
  jobId: string,
  dir: string,
  files: UploadedFile[],
  options: {
    kind?: Kind;
    tableProfiles?: (name: string, sheet?: string) => Profile | undefined;
    jobOptions?: Record<string, unknown>;
  } = {},
): JobView {
  const queue = jobQueue(services);
  const job = queue.create('ingest', user, jobId);
  job.options = { ...(options.kind ? { kind: options.kind } : {}), ...options.jobOptions };
  job.files = files.map((f) => ({ name: f.name, size: f.size, rows: 0, done: false }));
  job.progress = { files: job.files.length, filesDone: 0, rows: 0 };
  job.internal.dir = dir;
  queue.enqueue(
    job,
    ingestWork(services.store, files, {
      ...(options.kind ? { kind: options.kind } : {}),
      outDir: join(services.settings.home, 'ingest-runs'),
      limits: services.settings.ingestLimits,
      profiles: loadSavedProfiles(services.settings.home),
      ...(options.tableProfiles ? { tableProfiles: options.tableProfiles } : {}),
    }),
  );
  return queue.view(job);
}

export interface QuarantinePage {
  total: number;
  entries: QuarantineEntry[];
}

/** A page of a job's quarantine report (rows read back from its CSV), file paths shown as upload names. */
export async function readQuarantine(
  file: string,
  page: { limit: number; offset: number; disposition?: QuarantineEntry['disposition'] },
  nameOf: (path: string) => string,
  uploadDir?: string,
): Promise<QuarantinePage> {
  if (!existsSync(file)) return { total: 0, entries: [] };
  const entries: QuarantineEntry[] = [];
  let total = 0;
  const parser = createReadStream(file).pipe(parse({ bom: true, from_line: 2, relax_column_count: true }));
  for await (const written of parser as AsyncIterable<string[]>) {
    // The report's cells were neutralised against formula injection for spreadsheets; the API gives them back.
    const cells = written.map(restoreCell);
    const [path = '', sheet, row, field = '', reason = '', value, disposition, raw] = cells;
    if (page.disposition && disposition !== page.disposition) continue;
    total += 1;
    if (total <= page.offset || entries.length >= page.limit) continue;
    entries.push({
      file: nameOf(path),
      ...(sheet ? { sheet } : {}),
      row: Number(row),
      field,
      // A refused file's reason quotes the reader's message, which names the file by its server path.
      reason: uploadRelative(reason, uploadDir),
      ...(value ? { value } : {}),
      disposition: disposition as QuarantineEntry['disposition'],
      ...(raw ? { raw: JSON.parse(raw) as Record<string, string> } : {}),
    });
  }
  return { total, entries };
}
