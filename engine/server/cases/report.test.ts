// Case reports on the scale-1 demo county: a case from a demo clue with notes and a saved view, printed to PDF
// (pages rendered with pdftoppm, text read with pdftotext), masking per role, reproducible HTML, CLI, audit.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../ingest/load/run.ts';
import { startApi, TEST_PASSWORD, type TestApi } from '../../../test/setup/api.ts';
import { runCli } from '../../../test/setup/cli.ts';
import { cleanGraph, testServerEnv } from '../../../test/setup/store.ts';
import { maskText } from '../../auth/masking.ts';
import { createUser } from '../../auth/users.ts';
import { yuan } from '../../cases/report/format.ts';
import { generateReport } from '../../cases/report/index.ts';
import { generateDemo, type Truth } from '../../demo/index.ts';
import { SUBJECT_ROLES } from '../../detect/roles.ts';
import { runModels } from '../../detect/run.ts';
import { listClues } from '../../detect/store/query.ts';
import type { ClueRecord } from '../../detect/types.ts';
import type { Store } from '../../store/gateway.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-case-report-'));
let api: TestApi;
let store: Store;
let outsider: string;
let clue: ClueRecord;
let caseId: string;
let cadre: string;
const PROVENANCE = /[^\s#]+\.(?:csv|xlsx|jsonl?|txt)(?::[^#\s]*)?#\d+/;

beforeAll(async () => {
  store = await cleanGraph();
  const demo = await generateDemo({ out: join(dir, 'county'), scale: 1, seed: 1 });
  const truth = JSON.parse(readFileSync(join(dir, 'county', 'truth.json'), 'utf8')) as Truth;
  await ingestFiles(store, [demo.dataDir], { outDir: join(dir, 'runs') });
  await runModels(store, { asOf: truth.asOf, user: 'demo-test' });
  api = await startApi();
  await createUser(store, { username: 'inv2', password: TEST_PASSWORD, role: 'investigator' });
  outsider = (await api.call('post', '/auth/login', { body: { username: 'inv2', password: TEST_PASSWORD } }))
    .body.token;
  [clue] = (await listClues(store, { model: 'kickback_chain', sort: 'amount', limit: 1 })).clues as [
    ClueRecord,
  ];
  cadre = clue.subjects.find((s) => s.role === 'cadre')!.key;
  const [contractor] = (
    await listClues(store, { model: 'cadre_related_contractor', sort: 'amount', limit: 1 })
  ).clues;
  const opened = await api.call('post', '/cases', {
    token: 'investigator',
    body: { fromClue: clue.clueId, clues: [contractor!.clueId] },
  });
  caseId = opened.body.case.caseId;
  await api.call('post', `/cases/${caseId}/notes`, {
    token: 'investigator',
    body: { text: '调取青山镇政府拨款凭证，约谈中间账户户主。' },
  });
  // A view as the viewer would save it: the clue's evidence graph, laid out on a circle.
  const graph = (
    await api.call('get', `/clues/${encodeURIComponent(clue.clueId)}`, { token: 'investigator' })
  ).body.graph;
  const nodes = graph.nodes.map((n: { id: string }, i: number) => ({
    id: n.id,
    x: Math.cos((2 * Math.PI * i) / graph.nodes.length) * 100,
    y: Math.sin((2 * Math.PI * i) / graph.nodes.length) * 100,
  }));
  const saved = await api.call('post', `/cases/${caseId}/views`, {
    token: 'investigator',
    body: { name: '资金回流图', state: { nodes, filters: { types: ['TRANSFER'] } } },
  });
  expect(saved.status).toBe(201);
  // A template run about a subject: the report's appendix lists it.
  const run = await api.call('post', '/templates/cadre_relatives_companies/run', {
    token: 'analyst',
    body: { params: { cadre } },
  });
  expect(run.status).toBe(200);
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function download(token: string, format: 'pdf' | 'html') {
  const res = await fetch(`${api.base}/api/cases/${caseId}/report?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** A PGM page (P5, 8-bit): its size and the share of dark pixels. */
function readPgm(file: string): { width: number; height: number; ink: number } {
  const data = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = data.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 160) dark += 1;
  return { width, height, ink: dark / pixels.length };
}

describe('the case report as PDF', () => {
  let pdfText = '';
  /** The text without any white space: table cells wrap names and amounts across lines. */
  let flat = '';
  let pages = 0;

  it('prints an A4 PDF for a member, every page rendering with ink on it', async () => {
    const started = performance.now();
    const { res, body } = await download(api.tokens.investigator, 'pdf');
    const ms = Math.round(performance.now() - started);
    expect(res.status, body.toString().slice(0, 300)).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${caseId}.pdf"`);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'member.pdf');
    writeFileSync(file, body);
    const info = execFileSync('pdfinfo', [file]).toString();
    pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(info).toMatch(/Page size:\s+59[5-6](\.\d+)? x 84[1-3](\.\d+)? pts \(A4\)/);
    execFileSync('pdftoppm', ['-r', '30', '-gray', file, join(dir, 'page')]);
    const images = readdirSync(dir)
      .filter((f) => /^page-\d+\.pgm$/.test(f))
      .sort();
    expect(images).toHaveLength(pages);
    for (const image of images) {
      const page = readPgm(join(dir, image));
      expect(page.width / page.height, image).toBeCloseTo(210 / 297, 2);
      expect(page.ink, image).toBeGreaterThan(0.002);
    }
    pdfText = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    flat = pdfText.replace(/\s+/g, '');
    process.stdout.write(`\nreport PDF: ${pages} pages, ${body.length} bytes, ${ms} ms over HTTP\n`);
  });

  it('has a text layer with the case, its subjects, amounts, provenance lines and page numbers', () => {
    expect(pdfText).toContain(caseId);
    expect(pdfText).toContain('内部资料 注意保密');
    expect(pdfText).toContain(`第 1 页 / 共 ${pages} 页`);
    for (const s of clue.subjects) expect(flat, s.name).toContain(s.name.replace(/\s+/g, ''));
    // Roles by their Chinese names, not the models' ids.
    for (const s of clue.subjects) expect(flat, s.role).toContain(SUBJECT_ROLES[s.role]!.zh);
    expect(flat).toContain(yuan(clue.amount));
    const provenance = pdfText.split('\n').filter((line) => PROVENANCE.test(line));
    expect(provenance.length).toBeGreaterThan(5);
    for (const title of ['一、案件概况', '四、关键人物', '六、资金链路', '八、问题线索及证据来源', '附录'])
      expect(pdfText).toContain(title);
    expect(flat).toContain('调取青山镇政府拨款凭证');
  });

  it('masks ID numbers for an investigator member', () => {
    expect(flat).not.toContain(cadre);
    expect(flat).toContain(`${cadre.slice(0, 6)}********${cadre.slice(14)}`);
  });

  it('refuses a member-less investigator (403) and a viewer (403), and audits the exports', async () => {
    const outside = await api.call('get', `/cases/${caseId}/report`, { token: outsider });
    expect(outside.status).toBe(403);
    expect(outside.body.error.id).toBe('case.forbidden');
    expect((await api.call('get', `/cases/${caseId}/report`, { token: 'viewer' })).status).toBe(403);
    await api.app.services.audit.flush();
    const audit = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'export.report', target: caseId },
    });
    const entries = audit.body.entries as {
      user: string;
      outcome: string;
      params: Record<string, unknown>;
    }[];
    expect(entries.find((e) => e.user === 'investigator' && e.outcome === 'ok')?.params).toMatchObject({
      format: 'pdf',
      masked: true,
    });
    expect(entries.some((e) => e.user === 'inv2' && e.outcome === 'denied')).toBe(true);
  });
});

describe('the case report as HTML', () => {
  it('is byte-identical across generations, unmasked for analysts, drawn from the saved view', async () => {
    const first = await download(api.tokens.analyst, 'html');
    const second = await download(api.tokens.analyst, 'html');
    expect(first.res.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    const html = first.body.toString('utf8');
    expect(html).toContain(cadre);
    expect(html).toContain('依据保存的视图“资金回流图”');
    expect(html).toMatch(/<svg [^>]*viewBox/);
    // The appendix: the template run about the cadre, the clue view; never the report downloads themselves.
    expect(html).toContain('template.run');
    expect(html).toContain('clue.view');
    expect(html).not.toContain('export.report');
    for (const s of clue.subjects) expect(html, s.role).not.toContain(`<td>${s.role}</td>`);
  });

  it('comes out the same from the CLI with --mask as from the API for an investigator', async () => {
    const member = (await download(api.tokens.investigator, 'html')).body;
    // Nothing is left to mask (18-digit account numbers are not ID numbers and stay).
    expect(maskText(member.toString('utf8')) === member.toString('utf8')).toBe(true);
    expect(member.toString('utf8')).toContain(`${cadre.slice(0, 6)}********${cadre.slice(14)}`);
    const out = join(dir, 'cli.html');
    const cli = await runCli(['report', '--case', caseId, '--out', out, '--mask'], testServerEnv());
    expect(cli.code, cli.stderr).toBe(0);
    expect(readFileSync(out).equals(member)).toBe(true);
    const bad = await runCli(['report', '--case', caseId, '--out', join(dir, 'x.docx')], testServerEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cli.badOption');
  });

  it('says clearly when Chromium is missing, and measures a larger case (printed, not asserted)', async () => {
    const saved = process.env.QINGFENG_CHROMIUM;
    process.env.QINGFENG_CHROMIUM = join(dir, 'no-such-chromium');
    try {
      await expect(generateReport(store, caseId, { format: 'pdf' })).rejects.toMatchObject({
        id: 'report.noChromium',
        message: expect.stringContaining('apt-get install chromium'),
      });
    } finally {
      if (saved === undefined) delete process.env.QINGFENG_CHROMIUM;
      else process.env.QINGFENG_CHROMIUM = saved;
    }
    const more = (await listClues(store, { model: 'cadre_related_contractor', sort: 'amount', limit: 4 }))
      .clues;
    const big = await api.call('post', '/cases', {
      token: 'analyst',
      body: { title: '较大案件计时', fromClue: clue.clueId, clues: more.map((c) => c.clueId) },
    });
    const started = performance.now();
    const report = await generateReport(store, big.body.case.caseId, { format: 'pdf' });
    const ms = Math.round(performance.now() - started);
    process.stdout.write(
      `\nreport timing: ${report.model.summary.entities} entities within two hops of ${report.model.summary.subjects} subjects, ` +
        `PDF in ${ms} ms (collect ${report.timings.collectMs}, print ${report.timings.printMs}); goal 30 s for 1,000\n`,
    );
    expect(report.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
