// /api/clues: list and filter clues (with counts for the filter UI), one clue with its evidence graph, status changes.
import { z } from 'zod';
import { listModels } from '../../detect/run.ts';
import { type ClueCount, type ClueFilter, getClue, listClues } from '../../detect/store/query.ts';
import { STATUS_LABELS, STATUSES } from '../../detect/store/records.ts';
import { TRANSITIONS, updateClueStatus } from '../../detect/store/status.ts';
import { type ClueRecord, MODEL_IDS } from '../../detect/types.ts';
import { chars, idParam, paging, queryNumber, splitList, text, words } from '../fields.ts';
import { defineRoute } from '../route.ts';
import { clueGraph } from './graph.ts';
import { clueLists } from './lists.ts';
import { modelRoutes } from './models.ts';

/** `a,b` or repeated `?x=a&x=b`, each item checked by `item`. */
const listOf = <T extends z.ZodType>(item: T) => z.preprocess(splitList, z.array(item).min(1)).optional();

const modelId = z.enum(MODEL_IDS);

/** A status id (new, checking…) or its Chinese name (新线索, 核查中…), or its English name in any case (parseStatus). */
const statusName = words(
  STATUSES.flatMap((s) => [s, STATUS_LABELS[s].zh]),
  STATUSES.map((s) => STATUS_LABELS[s].en),
);

const ClueListQuery = z.object({
  model: listOf(modelId),
  status: listOf(statusName),
  /** A village key 'town/village', a village name, or a town name. */
  village: text(100).optional(),
  minAmount: queryNumber(),
  maxAmount: queryNumber(),
  minScore: queryNumber(),
  /** A key of a subject: ID number, credit code, account number… */
  subject: text(100).optional(),
  /** Only clues the latest run still raises (default), only inactive ones, or all. */
  active: z.enum(['true', 'false', 'all']).default('true'),
  sort: z.enum(['score', 'amount', 'raisedAt', 'updatedAt']).default('score'),
  ...paging(1000, 50),
});

const StatusBody = z.object({
  /** The new status: an id or its Chinese/English name; the engine checks the move. */
  status: statusName,
  /** Why: required to conclude, hand over or reopen a clue. */
  comment: chars(2000).trim().optional(),
});

const TITLES = new Map(listModels().map((m) => [m.id as string, m.title]));

/** A clue as one clue is answered: titles for display and the statuses it may move to next (`moves`). */
const shown = <C extends ClueRecord>(clue: C) => ({
  ...clue,
  modelTitle: TITLES.get(clue.model),
  statusLabel: STATUS_LABELS[clue.status],
  moves: [...(TRANSITIONS[clue.status] ?? [])],
});

/** A clue as lists show it: no evidence (the detail route has it), titles for display. */
function listItem(clue: ClueRecord) {
  const { evidence: _evidence, ...rest } = clue;
  return { ...rest, modelTitle: TITLES.get(clue.model), statusLabel: STATUS_LABELS[clue.status] };
}

/** Counts by model and by status (every model and status listed, zero or not), among active, inactive or all. */
function filterCounts(rows: ClueCount[], active: boolean | 'all') {
  const kept = rows.filter((r) => active === 'all' || r.active === active);
  const byModel = MODEL_IDS.map((model) => {
    const mine = kept.filter((r) => r.model === model);
    return {
      model,
      title: TITLES.get(model),
      count: mine.reduce((n, r) => n + r.count, 0),
      amount: mine.reduce((n, r) => n + (r.amount ?? 0), 0),
    };
  });
  const byStatus = STATUSES.map((status) => ({
    status,
    label: STATUS_LABELS[status],
    count: kept.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0),
  }));
  return { byModel, byStatus };
}

export const clueRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/clues',
      tag: 'clues',
      summary:
        'Clues by model, status, village, amount, score or subject, best first, with counts by model and status',
      access: 'clues.read',
      query: ClueListQuery,
      audit: 'clue.list',
    },
    async ({ query, store, audit, services }) => {
      const active = query.active === 'all' ? 'all' : query.active === 'true';
      const filter: ClueFilter = {
        ...(query.model ? { model: query.model } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.village ? { village: query.village } : {}),
        ...(query.minAmount !== undefined ? { minAmount: query.minAmount } : {}),
        ...(query.maxAmount !== undefined ? { maxAmount: query.maxAmount } : {}),
        ...(query.minScore !== undefined ? { minScore: query.minScore } : {}),
        ...(query.subject ? { subject: query.subject } : {}),
        active,
        sort: query.sort,
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      };
      // Investigators paging the same list at the same moment share one read (see single-flight.ts).
      const list = await clueLists(services).run(JSON.stringify(filter), () => listClues(store(), filter));
      audit.rows = list.clues.length;
      return {
        total: list.total,
        clues: list.clues.map(listItem),
        counts: filterCounts(list.counts, active),
      };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/clues/:id',
      tag: 'clues',
      summary: 'One clue with its evidence, history and evidence graph (subjects, nodes and relationships)',
      access: 'clues.read',
      params: idParam,
      audit: 'clue.view',
      responses: { 404: 'No such clue' },
    },
    async ({ params, store, audit }) => {
      audit.target = params.id;
      const clue = await getClue(store(), params.id);
      const evidenceGraph = await clueGraph(store(), clue.clueId, clue.evidence);
      audit.rows = evidenceGraph.graph.nodes.length;
      return {
        clue: shown(clue),
        ...evidenceGraph,
      };
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/clues/:id/status',
      tag: 'clues',
      summary:
        'Move a clue through 新线索 → 核查中 → 属实/不属实/已移交, recorded with the session user and the comment',
      access: 'clues.update',
      params: idParam,
      body: StatusBody,
      audit: 'clue.status',
      responses: {
        400: 'Unknown status, a move the workflow does not allow (clue.badTransition), or a missing comment',
        404: 'No such clue',
      },
    },
    async ({ params, body, store, user, audit, services }) => {
      audit.target = params.id;
      audit.params = { to: body.status, comment: body.comment ?? null };
      const clue = await updateClueStatus(store(), params.id, {
        status: body.status,
        user: user.username,
        ...(body.comment ? { comment: body.comment } : {}),
      });
      clueLists(services).forget();
      const change = clue.history.at(-1);
      audit.params = { from: change?.from ?? null, to: clue.status, comment: body.comment ?? null };
      audit.rows = 1;
      return {
        clue: shown(clue),
      };
    },
  ),
  ...modelRoutes,
];
