// /api/clues and /api/models over the real app: filters, paging, counts, evidence graph, workflow, masking, audit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractorFixture } from '../../../test/fixtures/detect/companies.ts';
import { AS_OF, deceasedFixture } from '../../../test/fixtures/detect/welfare.ts';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { runModels } from '../../detect/run.ts';

let api: TestApi;
const home = mkdtempSync(join(tmpdir(), 'qf-clues-api-'));
let deceased: ReturnType<typeof deceasedFixture>;
let contractor: ReturnType<typeof contractorFixture>;
const MASKED = /^\d{6}\*{8}\d{3}[\dX]$/;

beforeAll(async () => {
  const store = await cleanGraph();
  deceased = deceasedFixture();
  contractor = contractorFixture();
  await deceased.graph.write(store);
  await contractor.graph.write(store);
  await runModels(store, {
    models: ['deceased_receiving', 'cadre_related_contractor'],
    asOf: AS_OF,
    user: 'tester',
  });
  api = await startApi({ settings: { home } });
});

afterAll(async () => {
  await api?.close();
  rmSync(home, { recursive: true, force: true });
});

const list = (query: Record<string, string | number | boolean> = {}, token = 'analyst') =>
  api.call('get', '/clues', { token, query });

describe('GET /api/clues', () => {
  it('lists every clue best first with the total, and counts by model and status for the filter UI', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(6);
    expect(res.body.clues).toHaveLength(6);
    const scores = res.body.clues.map((c: { score: number }) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(res.body.clues[0]).not.toHaveProperty('evidence');
    expect(res.body.clues[0].statusLabel).toEqual({ zh: '新线索', en: 'New' });
    const byModel = Object.fromEntries(
      res.body.counts.byModel.map((m: { model: string; count: number }) => [m.model, m.count]),
    );
    expect(byModel).toMatchObject({ deceased_receiving: 2, cadre_related_contractor: 4, split_payments: 0 });
    const contractorCount = res.body.counts.byModel.find(
      (m: { model: string }) => m.model === 'cadre_related_contractor',
    );
    expect(contractorCount.title.zh.length).toBeGreaterThan(2);
    expect(res.body.counts.byStatus.find((s: { status: string }) => s.status === 'new').count).toBe(6);
  });

  it('filters by model, status, village, amount, score and subject', async () => {
    const byModel = await list({ model: 'deceased_receiving' });
    expect(byModel.body.total).toBe(2);
    expect(byModel.body.clues.every((c: { model: string }) => c.model === 'deceased_receiving')).toBe(true);
    const two = await list({ model: 'deceased_receiving,cadre_related_contractor' });
    expect(two.body.total).toBe(6);
    expect((await list({ status: '核查中' })).body.total).toBe(0);
    expect((await list({ status: 'new' })).body.total).toBe(6);
    expect((await list({ village: '石桥村' })).body.total).toBe(2);
    // The two fixtures share household numbers, so the deceased recipients' households lie in both villages.
    expect((await list({ village: '石门镇/东岙村' })).body.total).toBe(6);
    expect((await list({ village: '青山镇' })).body.total).toBe(2);
    expect((await list({ village: '北岭村' })).body.total).toBe(0);
    const amounts = (await list()).body.clues
      .map((c: { amount: number }) => c.amount)
      .sort((a: number, b: number) => a - b);
    const mid = amounts[3];
    const rich = await list({ minAmount: mid });
    expect(rich.body.total).toBe(amounts.filter((a: number) => a >= mid).length);
    const poor = await list({ maxAmount: mid });
    expect(poor.body.total).toBe(amounts.filter((a: number) => a <= mid).length);
    expect((await list({ minScore: 2 })).body.total).toBe(0);
    const [flagged] = deceased.expect.flagged;
    const bySubject = await list({ subject: flagged! });
    expect(bySubject.body.total).toBe(1);
    expect(bySubject.body.clues[0].subjects[0].key).toBe(flagged);
    expect((await list({ active: 'false' })).body.total).toBe(0);
    expect((await list({ active: 'all' })).body.total).toBe(6);
  });

  it('pages with limit and offset, and sorts by amount', async () => {
    const all = await list({ sort: 'amount' });
    const amounts = all.body.clues.map((c: { amount: number }) => c.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const page1 = await list({ sort: 'amount', limit: 4 });
    const page2 = await list({ sort: 'amount', limit: 4, offset: 4 });
    expect(page1.body.total).toBe(6);
    expect(page1.body.clues).toHaveLength(4);
    expect(page2.body.clues).toHaveLength(2);
    const ids = [...page1.body.clues, ...page2.body.clues].map((c: { clueId: string }) => c.clueId);
    expect(ids).toEqual(all.body.clues.map((c: { clueId: string }) => c.clueId));
  });

  it('answers 400 with the field at fault, and 401 without a login', async () => {
    const badLimit = await list({ limit: 0 });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error).toMatchObject({ id: 'request.invalid', field: 'query.limit' });
    expect((await list({ limit: 5000 })).body.error.field).toBe('query.limit');
    const badModel = await list({ model: 'no_such_model' });
    expect(badModel.status).toBe(400);
    expect(badModel.body.error.field).toMatch(/^query\.model/);
    const badStatus = await list({ status: 'closed' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.field).toMatch(/^query\.status/);
    expect((await list({ minAmount: 'lots' })).body.error.field).toBe('query.minAmount');
    expect((await list({ sort: 'name' })).body.error.field).toBe('query.sort');
    const anonymous = await api.call('get', '/clues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.id).toBe('auth.required');
  });

  it('masks ID numbers for viewers and investigators, and shows them to analysts', async () => {
    const [flagged] = deceased.expect.flagged;
    const key = (body: { clues: { model: string; subjects: { key: string }[] }[] }) =>
      body.clues.find((c) => c.model === 'deceased_receiving')!.subjects[0]!.key;
    expect(key((await list({ model: 'deceased_receiving' }, 'analyst')).body)).toMatch(/^\d{17}[\dX]$/);
    for (const role of ['viewer', 'investigator']) {
      const res = await list({ model: 'deceased_receiving' }, role);
      expect(res.status).toBe(200);
      expect(key(res.body), role).toMatch(MASKED);
      expect(JSON.stringify(res.body)).not.toContain(flagged);
    }
  });
});

interface Payload {
  nodes: { id: string; type: string; key: string; label: string; props: Record<string, unknown> }[];
  edges: { id: string; type: string; source: string; target: string; props: Record<string, unknown> }[];
}

async function clueOf(model: string, amount: number): Promise<string> {
  const res = await list({ model, sort: 'amount' });
  return res.body.clues.find((c: { amount: number }) => c.amount === amount).clueId;
}

describe('GET /api/clues/:id', () => {
  it('returns the clue with its evidence, history and an evidence graph of its subjects and relationships', async () => {
    const id = await clueOf('cadre_related_contractor', 180_000);
    const res = await api.call('get', `/clues/${encodeURIComponent(id)}`, { token: 'analyst' });
    expect(res.status).toBe(200);
    expect(res.body.clue.clueId).toBe(id);
    expect(res.body.clue.evidence.relationships.length).toBeGreaterThan(0);
    expect(res.body.clue.history.map((h: { event: string }) => h.event)).toEqual(['raised']);
    const graph = res.body.graph as Payload;
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    // Every subject is a node of the graph, by its elementId (never its key).
    expect(res.body.subjects).toHaveLength(res.body.clue.subjects.length);
    for (const subject of res.body.subjects) expect(nodeIds.has(subject.id)).toBe(true);
    const company = graph.nodes.find((n) => n.type === 'Company')!;
    expect(company.key).toBe(contractor.expect.flagged[1]);
    expect(company.id).not.toBe(company.key);
    // The relationships of the evidence, with both ends present and their provenance.
    const types = graph.edges.map((e) => e.type);
    expect(types).toContain('SHAREHOLDER');
    expect(types).toContain('TRANSFER');
    for (const edge of graph.edges) {
      expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
      expect(String(edge.props.sources)).toMatch(/\.(csv|xlsx)#\d+/);
    }
    expect(graph.edges.length).toBe(res.body.clue.evidence.relationships.length);
    expect(res.body.missing).toEqual({ nodes: 0, relationships: 0 });
  });

  it('masks ID numbers in the clue and its graph for viewers and investigators, not for analysts', async () => {
    const id = await clueOf('deceased_receiving', 200);
    const person = deceased.expect.flagged[0]!;
    const analyst = await api.call('get', `/clues/${encodeURIComponent(id)}`, { token: 'analyst' });
    const shown = (analyst.body.graph as Payload).nodes.find((n) => n.type === 'Person')!;
    expect(shown.key).toBe(person);
    expect(shown.props.idNumber).toBe(person);
    expect((analyst.body.graph as Payload).edges.map((e) => e.type)).toContain('SUBSIDY');
    for (const role of ['viewer', 'investigator']) {
      const res = await api.call('get', `/clues/${encodeURIComponent(id)}`, { token: role });
      expect(res.status, role).toBe(200);
      const node = (res.body.graph as Payload).nodes.find((n) => n.type === 'Person')!;
      expect(node.key, role).toMatch(MASKED);
      expect(node.props.idNumber, role).toMatch(MASKED);
      expect(res.body.clue.subjects[0].key, role).toMatch(MASKED);
      expect(JSON.stringify(res.body), role).not.toContain(person);
    }
  });

  it('answers 404 for an unknown clue', async () => {
    const res = await api.call('get', '/clues/no-such-clue', { token: 'viewer' });
    expect(res.status).toBe(404);
    expect(res.body.error.id).toBe('clue.notFound');
  });
});

describe('POST /api/clues/:id/status', () => {
  let id: string;
  const move = (body: unknown, token = 'investigator') =>
    api.call('post', `/clues/${encodeURIComponent(id)}/status`, { token, body });

  beforeAll(async () => {
    id = await clueOf('cadre_related_contractor', 47_000);
  });

  it('moves a clue on, recorded with the session user and the comment, and shows it in the history', async () => {
    const checking = await move({ status: '核查中' });
    expect(checking.status).toBe(200);
    expect(checking.body.clue).toMatchObject({ status: 'checking', statusBy: 'investigator' });
    const noComment = await move({ status: 'confirmed' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.id).toBe('clue.commentRequired');
    const confirmed = await move({ status: '属实', comment: '工商登记与银行流水核实' }, 'analyst');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.clue.status).toBe('confirmed');
    const detail = await api.call('get', `/clues/${encodeURIComponent(id)}`, { token: 'viewer' });
    expect(
      detail.body.clue.history.map((h: { event: string; to: string; by: string; comment?: string }) => [
        h.event,
        h.to,
        h.by,
        h.comment ?? null,
      ]),
    ).toEqual([
      ['raised', 'new', 'tester', null],
      ['status', 'checking', 'investigator', null],
      ['status', 'confirmed', 'analyst', '工商登记与银行流水核实'],
    ]);
    expect((await list({ status: '属实' })).body.total).toBe(1);
  });

  it('refuses a move the workflow does not allow, and an unknown status', async () => {
    const back = await move({ status: 'new', comment: '退回' });
    expect(back.status).toBe(400);
    expect(back.body.error.id).toBe('clue.badTransition');
    expect(back.body.error.details).toMatchObject({ from: 'confirmed', to: 'new' });
    const unknown = await move({ status: 'closed' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ id: 'request.invalid', field: 'body.status' });
    const empty = await move({ comment: 'x' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ id: 'request.invalid', field: 'body.status' });
  });

  it('answers 401, 403 for a viewer, and 404 for an unknown clue', async () => {
    expect((await api.call('post', `/clues/${id}/status`, { body: { status: '核查中' } })).status).toBe(401);
    const viewer = await move({ status: '已移交', comment: '移交' }, 'viewer');
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.id).toBe('auth.forbidden');
    const ghost = await api.call('post', '/clues/no-such-clue/status', {
      token: 'investigator',
      body: { status: '核查中' },
    });
    expect(ghost.status).toBe(404);
    expect(ghost.body.error.id).toBe('clue.notFound');
  });

  it('audits listing, viewing and status changes (from, to, comment), denials included', async () => {
    const audit = (query: Record<string, string>) => api.call('get', '/audit', { token: 'admin', query });
    const changes = await audit({ action: 'clue.status', target: id, outcome: 'ok' });
    expect(
      changes.body.entries.map((e: { user: string; params: Record<string, unknown> }) => [e.user, e.params]),
    ).toEqual([
      ['analyst', { from: 'checking', to: 'confirmed', comment: '工商登记与银行流水核实' }],
      ['investigator', { from: 'new', to: 'checking', comment: null }],
    ]);
    const denied = await audit({ action: 'clue.status', user: 'viewer', outcome: 'denied' });
    expect(denied.body.entries[0]).toMatchObject({ target: id, status: 403 });
    const failed = await audit({ action: 'clue.status', target: id, outcome: 'failed' });
    expect(failed.body.entries.map((e: { errorId: string }) => e.errorId)).toContain('clue.badTransition');
    const lists = await audit({ action: 'clue.list', user: 'analyst', outcome: 'ok' });
    expect(lists.body.entries.some((e: { rows: number }) => e.rows === 6)).toBe(true);
    const views = await audit({ action: 'clue.view', outcome: 'ok' });
    expect(views.body.entries[0].rows).toBeGreaterThan(0);
    expect(views.body.entries.map((e: { user: string }) => e.user)).toEqual(
      expect.arrayContaining(['analyst', 'viewer', 'investigator']),
    );
  });
});

describe('/api/models', () => {
  it('lists the models with Chinese and English titles and their default parameters', async () => {
    const res = await api.call('get', '/models', { token: 'viewer' });
    expect(res.status).toBe(200);
    const split = res.body.models.find((m: { id: string }) => m.id === 'split_payments');
    expect(split.title.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(split.title.en.length).toBeGreaterThan(3);
    expect(split.defaults).toMatchObject({ minCount: 3, windowDays: 15 });
    expect(res.body.models.filter((m: { inDefaultSet: boolean }) => m.inDefaultSet)).toHaveLength(12);
  });

  it('re-runs models as a background job that keeps the status of existing clues', async () => {
    const started = await api.call('post', '/models/run', {
      token: 'analyst',
      body: { models: ['deceased_receiving', 'cadre_related_contractor'], asOf: AS_OF },
    });
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ kind: 'detect', user: 'analyst' });
    const jobId = started.body.job.jobId as string;
    let job = started.body.job;
    for (let i = 0; i < 300 && !['done', 'failed'].includes(job.state); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await api.call('get', `/ingest/jobs/${jobId}`, { token: 'analyst' })).body.job;
    }
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ asOf: AS_OF, clues: 6 });
    expect((await list()).body.total).toBe(6);
    expect((await list({ status: '属实' })).body.total).toBe(1);
    const audit = await api.call('get', '/audit', { token: 'admin', query: { action: 'models.run' } });
    expect(audit.body.entries[0]).toMatchObject({ user: 'analyst', target: jobId, status: 202 });
  });

  it('checks the request before queueing, and is for analysts and admins', async () => {
    const badModel = await api.call('post', '/models/run', { token: 'analyst', body: { models: ['nope'] } });
    expect(badModel.status).toBe(400);
    expect(badModel.body.error.field).toBe('body.models.0');
    const badParam = await api.call('post', '/models/run', {
      token: 'analyst',
      body: { models: ['split_payments'], params: { split_payments: { windowDays: 'soon' } } },
    });
    expect(badParam.status).toBe(400);
    expect(badParam.body.error.id).toBe('detect.badParam');
    const badDate = await api.call('post', '/models/run', { token: 'analyst', body: { asOf: '2026-02-30' } });
    expect(badDate.body.error).toMatchObject({ id: 'request.invalid', field: 'body.asOf' });
    for (const role of ['investigator', 'viewer']) {
      const res = await api.call('post', '/models/run', { token: role, body: {} });
      expect(res.status, role).toBe(403);
    }
  });
});
