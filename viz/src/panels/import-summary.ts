// The import job followed to its end: progress while it runs, then the counts per file (rows = loaded + merged +
// quarantined + skipped), refused files with their reason, and the quarantined rows on demand.
import type { JobFileSummary, JobView } from '../api/types.ts';
import { sideOf, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import type { ImportApi } from './import-api.ts';

/** How often a running job is asked about; short, since small uploads finish in a second or two. */
const POLL_MS = 600;
const QUARANTINE_SHOWN = 100;

const COUNTS = ['rows', 'loaded', 'merged', 'quarantined', 'skipped', 'warnings'] as const;
type Count = (typeof COUNTS)[number];
const COUNT_LABELS = {
  rows: 'import.rows',
  loaded: 'import.loaded',
  merged: 'import.merged',
  quarantined: 'import.quarantined',
  skipped: 'import.skippedCol',
  warnings: 'import.warnings',
} as const;

const countOf = (file: JobFileSummary, key: Count) => file[key] ?? 0;

function progressText(job: JobView): string {
  if (job.state === 'queued') return t('import.queued', { n: job.position ?? 0 });
  return t('import.running', {
    done: job.progress.filesDone,
    files: job.progress.files,
    rows: job.progress.rows,
  });
}

function summaryTable(files: JobFileSummary[]): HTMLElement {
  const body = h('tbody');
  for (const file of files) {
    const name = file.sheet ? `${file.file} · ${file.sheet}` : file.file;
    const row = h(
      'tr',
      { class: file.refused ? 'refused' : '', dataset: { file: file.file } },
      h(
        'td',
        {},
        h('div', { text: name }),
        file.refused
          ? h('div', {
              class: 'imp-note error',
              text: t('import.refusedFile', { reason: sideOf(file.refused.message) }),
            })
          : null,
      ),
      ...COUNTS.map((key) =>
        h('td', { class: 'num', dataset: { count: key }, text: String(countOf(file, key)) }),
      ),
    );
    body.append(row);
  }
  const totals = h(
    'tr',
    { class: 'imp-total' },
    h('td', { i18n: 'import.total' }),
    ...COUNTS.map((key) =>
      h('td', {
        class: 'num',
        dataset: { count: key },
        text: String(files.reduce((n, f) => n + countOf(f, key), 0)),
      }),
    ),
  );
  body.append(totals);
  return h(
    'table',
    { class: 'imp-summary-table', id: 'imp-summary-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { i18n: 'import.file' }),
        ...COUNTS.map((key) => h('th', { class: 'num', i18n: COUNT_LABELS[key] })),
      ),
    ),
    body,
  );
}

/** Fills `root` with the job's progress, then its summary; resolves with the finished job. */
export async function followJob(
  root: HTMLElement,
  api: ImportApi,
  first: JobView,
  alive: () => boolean,
): Promise<JobView> {
  const status = h('div', { class: 'imp-status', id: 'imp-status' });
  clear(root);
  root.append(h('h3', { i18n: 'import.summary' }), status);
  let job = first;
  while (job.state === 'queued' || job.state === 'running') {
    status.textContent = progressText(job);
    await new Promise((done) => setTimeout(done, POLL_MS));
    if (!alive()) return job;
    job = (await api.job(job.jobId)).job;
  }
  if (job.state === 'failed') {
    status.textContent = t('import.failed', { message: sideOf(job.error?.message ?? '') });
    status.classList.add('error');
    return job;
  }
  status.textContent = '';
  const files = job.result?.files ?? [];
  root.append(summaryTable(files));
  const quarantined = files.reduce((n, f) => n + f.quarantined, 0) + files.filter((f) => f.refused).length;
  if (quarantined) {
    const holder = h('div', { class: 'imp-quarantine' });
    const button = h('button', {
      type: 'button',
      class: 'btn small',
      id: 'imp-show-quarantine',
      text: t('import.showQuarantine', { n: quarantined }),
      onclick: () => {
        button.disabled = true;
        void showQuarantine(holder, api, job.jobId).catch((error: unknown) => {
          holder.append(
            h('p', { class: 'error', text: error instanceof Error ? sideOf(error.message) : String(error) }),
          );
        });
      },
    });
    root.append(button, holder);
  }
  return job;
}

async function showQuarantine(root: HTMLElement, api: ImportApi, jobId: string): Promise<void> {
  const page = await api.quarantine(jobId, QUARANTINE_SHOWN);
  clear(root);
  if (page.total > page.entries.length)
    root.append(
      h('p', {
        class: 'muted small',
        text: t('import.quarantineMore', { n: page.entries.length, total: page.total }),
      }),
    );
  root.append(
    h(
      'table',
      { class: 'imp-quarantine-table', id: 'imp-quarantine-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...(['import.file', 'import.row', 'import.field', 'import.reason', 'import.value'] as const).map(
            (k) => h('th', { i18n: k }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...page.entries.map((entry) =>
          h(
            'tr',
            { class: entry.disposition },
            h('td', { text: entry.sheet ? `${entry.file} · ${entry.sheet}` : entry.file }),
            // A refused file has no row: its entry stands for the whole file.
            h('td', { class: 'num', text: entry.row > 0 ? String(entry.row) : '' }),
            h('td', { text: entry.field }),
            h('td', { text: sideOf(entry.reason) }),
            h('td', { class: 'imp-samples', text: entry.value ?? '' }),
          ),
        ),
      ),
    ),
  );
}
