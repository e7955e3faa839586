// The bad-file suite: every probe of test/fixtures/bad-files.ts through the CLI and the API upload, in one job
// between two good files; each answers its stable id, the good files load, and every row is accounted for.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreCell } from '../../ingest/normalise/formula.ts';
import { codeOf, GOOD_FILE, PROBES, type Probe, writeProbe } from '../fixtures/bad-files.ts';
import { startApi, type TestApi } from '../setup/api.ts';
import { CLI } from '../setup/cli.ts';
import { cleanGraph, testServerEnv } from '../setup/store.ts';

/** What both paths report for one file: its counts and refusal, and its quarantine report lines. */
interface FileAnswer {
  rows: number;
  loaded: number;
  merged: number;
  quarantined: number;
  warnings: number;
  refused?: { id: string; message: string };
}
interface Entry {
  file: string;
  reason: string;
  value?: string;
  disposition: string;
}

const dir = mkdtempSync(join(tmpdir(), 'qf-bad-files-'));
/** The good statement twice under two names, before and after the bad files: both must load. */
const GOOD = ['good-first.csv', 'good-last.csv'];
let files: string[] = [];

beforeAll(async () => {
  await cleanGraph();
  writeFileSync(join(dir, GOOD[0]!), GOOD_FILE.content);
  // Other accounts, so the last file's rows are new facts rather than merged repeats of the first file's.
  writeFileSync(join(dir, GOOD[1]!), GOOD_FILE.content.toString('utf8').replaceAll('62220000', '62229999'));
  const bad = [];
  for (const probe of PROBES) bad.push(await writeProbe(dir, probe));
  files = [join(dir, GOOD[0]!), ...bad, join(dir, GOOD[1]!)];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The checks every probe gets, whichever path it came through. */
function checkProbe(probe: Probe, answer: FileAnswer | undefined, entries: Entry[]): void {
  expect(answer, `${probe.name} is in the summary`).toBeDefined();
  const f = answer!;
  expect(f.loaded + f.merged + f.quarantined).toBe(f.rows);
  const { refused, rows, quarantined, warned } = probe.expected;
  if (refused) {
    expect(f.refused?.id).toBe(refused);
    expect(f.refused?.message).toContain(probe.name);
    expect(f.refused?.message).not.toContain(dir);
    expect(f.refused?.message).not.toMatch(/\n\s+at /);
    expect(entries.some((e) => e.disposition === 'refused' && codeOf(e.reason) === refused)).toBe(true);
    return;
  }
  expect(f.refused).toBeUndefined();
  if (rows !== undefined) expect(f.rows).toBe(rows);
  const count = (disposition: string, code: string) =>
    entries.filter((e) => e.disposition === disposition && codeOf(e.reason) === code).length;
  if (quarantined) {
    expect(f.quarantined).toBe(quarantined.count);
    expect(count('quarantined', quarantined.code)).toBe(quarantined.count);
  }
  if (warned) expect(count('warning', warned.code)).toBe(warned.count);
}

describe('bad files through `qingfeng ingest`', () => {
  let code: number;
  let stdout: string;
  let stderr: string;
  let summary: { files: (FileAnswer & { path: string })[]; quarantineFile: string };
  let entries: Entry[];
  let rawReport: string;
  let peakKib: number;

  beforeAll(async () => {
    // GNU time reports the peak resident set of the CLI process, its build worker thread included.
    const args = [
      '-f',
      'maxrss=%M',
      process.execPath,
      CLI,
      'ingest',
      ...files,
      '--json',
      '--out',
      join(dir, 'runs'),
    ];
    ({ code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (done) => {
        const child = spawn('/usr/bin/time', args, {
          env: testServerEnv(),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c) => (out += c));
        child.stderr.on('data', (c) => (err += c));
        child.on('exit', (exit) => done({ code: exit ?? 1, stdout: out, stderr: err }));
      },
    ));
    peakKib = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
    summary = JSON.parse(stdout);
    rawReport = readFileSync(summary.quarantineFile, 'utf8');
    const cells: string[][] = parse(rawReport, { bom: true, from_line: 2, relax_column_count: true });
    entries = cells
      .map((c) => c.map(restoreCell))
      .map(([file = '', , , , reason = '', value, disposition = '']) => ({
        file: basename(file),
        reason,
        ...(value ? { value } : {}),
        disposition,
      }));
  });

  it('answers with the JSON summary, exit 1 for the refused files, no stack trace, peak RSS under 1 GiB', () => {
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/意外错误|\n\s+at /);
    expect(summary.files.length).toBe(files.length);
    expect(peakKib).toBeLessThan(1024 * 1024);
  });

  it('loads the good files before and after the bad ones', () => {
    for (const name of GOOD) {
      const f = summary.files.find((s) => basename(s.path) === name);
      expect(f).toMatchObject({ rows: GOOD_FILE.rows, loaded: GOOD_FILE.rows, quarantined: 0 });
      expect(f?.refused).toBeUndefined();
    }
  });

  it.each(PROBES)('$name ($what)', (probe) => {
    const answer = summary.files.find((s) => basename(s.path) === probe.name);
    checkProbe(
      probe,
      answer,
      entries.filter((e) => e.file === probe.name),
    );
  });

  it('writes formula cells into quarantine.csv neutralised, and reads them back intact', () => {
    expect(rawReport).toContain(",'=1+1,");
    expect(rawReport).toContain(",'@SUM(A1),");
    expect(rawReport).not.toMatch(/(^|,)=1\+1/m);
    expect(entries.some((e) => e.value === '=1+1')).toBe(true);
  });
});

describe('bad files through POST /api/ingest', () => {
  const home = mkdtempSync(join(tmpdir(), 'qf-bad-files-api-'));
  let api: TestApi;
  // biome-ignore lint/suspicious/noExplicitAny: the job is read field by field
  let job: any;
  let entries: Entry[];

  beforeAll(async () => {
    await cleanGraph();
    api = await startApi({ settings: { home } });
    const form = new FormData();
    for (const path of files) form.append('files', new Blob([readFileSync(path)]), basename(path));
    const res = await fetch(`${api.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.tokens.analyst}` },
      body: form,
    });
    expect(res.status).toBe(202);
    const { job: queued } = (await res.json()) as { job: { jobId: string } };
    for (let i = 0; i < 1200 && !['done', 'failed'].includes(job?.state); i += 1) {
      if (i) await new Promise((r) => setTimeout(r, 100));
      job = (await api.call('get', `/ingest/jobs/${queued.jobId}`, { token: 'analyst' })).body.job;
    }
    const page = await api.call('get', `/ingest/jobs/${queued.jobId}/quarantine`, {
      token: 'analyst',
      query: { limit: 1000 },
    });
    entries = page.body.entries;
  });

  afterAll(async () => {
    await api?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('finishes the job (never fails it) and loads the good files before and after the bad ones', () => {
    expect(job.state).toBe('done');
    expect(job.result.totals.refusedFiles).toBe(PROBES.filter((p) => p.expected.refused).length);
    for (const name of GOOD) {
      const f = job.result.files.find((s: { file: string }) => s.file === name);
      expect(f).toMatchObject({ rows: GOOD_FILE.rows, loaded: GOOD_FILE.rows, quarantined: 0 });
    }
  });

  it.each(PROBES)('$name ($what)', (probe) => {
    const answer = job.result.files.find((s: { file: string }) => s.file === probe.name);
    checkProbe(
      probe,
      answer,
      entries.filter((e) => e.file === probe.name),
    );
  });

  it('shows formula cells as they were sent, and no server path anywhere in the job', () => {
    expect(entries.some((e) => e.value === '=1+1')).toBe(true);
    expect(JSON.stringify(job)).not.toContain(home);
    expect(JSON.stringify(entries)).not.toContain(home);
  });
});
