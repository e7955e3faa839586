// /api/analysis: paths, fund trace, equity penetration, communities and key persons, each with its graph payload.
import {
  communities,
  equity,
  fundTrace,
  keyPersonRanking,
  NETWORK_TYPES,
  relationshipPaths,
} from '../../analysis/store/service.ts';
import { resolveEntityRef } from '../../graph/entities.ts';
import type { Store } from '../../store/gateway.ts';
import { httpError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import { answerGraph, refsIn, withElementIds, withFieldNames } from './graph.ts';
import { CommunitiesQuery, KeyPersonsQuery, PathsQuery, TraceQuery, UboQuery } from './schema.ts';
import { communityAnswer, traceAnswer, uboAnswer } from './shape.ts';

const NOT_FOUND = { 404: 'No such entity (entity.notFound)' };
/** Seeds a community or key-person request may name. */
const MAX_SEEDS = 100;

/** Refuses a time window that ends before it starts. */
function checkWindow(q: { since?: string; until?: string }): void {
  if (q.since && q.until && q.since > q.until)
    throw httpError(400, 'request.invalid', '起始日期晚于截止日期 / since is after until', {
      field: 'query.until',
    });
}

/** The projection filters of a query, named as the service takes them. */
function filters(q: {
  types?: string[];
  since?: string;
  until?: string;
  minAmount?: number;
  maxNodes?: number;
}) {
  checkWindow(q);
  return {
    ...(q.types ? { types: q.types } : {}),
    ...(q.since ? { from: q.since } : {}),
    ...(q.until ? { to: q.until } : {}),
    ...(q.minAmount !== undefined ? { minAmount: q.minAmount } : {}),
    ...(q.maxNodes !== undefined ? { maxNodes: q.maxNodes } : {}),
  };
}

/** The seeds as `Label:key`, each resolved like any entity reference (the field names its position). */
async function seedRefs(store: Store, seeds: string[] | undefined): Promise<string[] | undefined> {
  if (!seeds?.length) return undefined;
  if (seeds.length > MAX_SEEDS)
    throw httpError(400, 'request.invalid', `起点实体最多 ${MAX_SEEDS} 个 / At most ${MAX_SEEDS} seeds`, {
      field: 'query.seeds',
    });
  const refs: string[] = [];
  for (const [i, seed] of seeds.entries())
    refs.push((await resolveEntityRef(store, seed, { field: `query.seeds.${i}` })).ref);
  return refs;
}

export const analysisRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/analysis/paths',
      tag: 'analysis',
      summary: 'The k shortest relationship paths between two entities',
      access: 'graph.read',
      query: PathsQuery,
      audit: 'analysis.paths',
      responses: NOT_FOUND,
    },
    async ({ query, store, audit }) => {
      const from = await resolveEntityRef(store(), query.from, { field: 'query.from' });
      const to = await resolveEntityRef(store(), query.to, { field: 'query.to' });
      if (from.elementId === to.elementId)
        throw httpError(400, 'request.invalid', '起点与终点相同 / from and to are the same entity', {
          field: 'query.to',
        });
      audit.target = `${from.ref} → ${to.ref}`;
      const result = await withFieldNames(() =>
        relationshipPaths(store(), {
          ...filters(query),
          source: from.ref,
          target: to.ref,
          maxHops: query.maxHops,
          k: query.k,
        }),
      );
      audit.rows = result.paths.length;
      const edgeIds = result.paths.flatMap((p) => p.edges.map((e) => e.id));
      const { graph, ids } = await answerGraph(store(), refsIn(result), { edgeIds });
      return { ...withElementIds(result, ids), graph };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/analysis/trace',
      tag: 'analysis',
      summary: 'Time-ordered fund tracing from an account, forward (out) or backward (in)',
      access: 'graph.read',
      query: TraceQuery,
      audit: 'analysis.trace',
      responses: NOT_FOUND,
    },
    async ({ query, store, audit }) => {
      const account = await resolveEntityRef(store(), query.account, {
        field: 'query.account',
        labels: ['Account'],
      });
      audit.target = account.ref;
      checkWindow(query);
      const result = await withFieldNames(
        () =>
          fundTrace(store(), {
            account: account.ref,
            direction: query.direction,
            maxHops: query.maxHops,
            ...(query.windowDays !== undefined ? { windowDays: query.windowDays } : {}),
            ...(query.minAmount !== undefined ? { minAmount: query.minAmount } : {}),
            ...(query.ratio !== undefined ? { amountRatio: query.ratio } : {}),
            ...(query.since ? { from: query.since } : {}),
            ...(query.until ? { to: query.until } : {}),
            ...(query.maxNodes !== undefined ? { maxNodes: query.maxNodes } : {}),
          }),
        { amountRatio: 'ratio', windowMs: 'windowDays' },
      );
      const answer = traceAnswer(result, { endpoints: query.endpoints ?? 200, chains: query.chains ?? 200 });
      audit.rows = answer.chains.length;
      const edgeIds = answer.chains.flatMap((c) => c.hops.map((h) => h.id));
      const { graph, ids } = await answerGraph(store(), refsIn(answer), { edgeIds });
      return { ...withElementIds(answer, ids), graph };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/analysis/ubo',
      tag: 'analysis',
      summary: 'Equity penetration: ultimate owners of a company, or what a holder effectively controls',
      access: 'graph.read',
      query: UboQuery,
      audit: 'analysis.ubo',
      responses: NOT_FOUND,
    },
    async ({ query, store, audit }) => {
      if (!query.company === !query.holder)
        throw httpError(
          400,
          'request.invalid',
          '请指定 company 或 holder 之一 / Give either company or holder',
          {
            field: query.company ? 'query.holder' : 'query.company',
          },
        );
      const start = query.company
        ? await resolveEntityRef(store(), query.company, { field: 'query.company', labels: ['Company'] })
        : await resolveEntityRef(store(), query.holder!, {
            field: 'query.holder',
            labels: ['Person', 'Company', 'PersonMention'],
          });
      audit.target = start.ref;
      const result = await withFieldNames(() =>
        equity(store(), {
          ...(query.company ? { company: start.ref } : { holder: start.ref }),
          threshold: query.threshold,
          maxDepth: query.maxDepth,
        }),
      );
      const answer = await uboAnswer(store(), result);
      audit.rows = (result.owners ?? result.controls ?? []).length;
      return answer;
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/analysis/communities',
      tag: 'analysis',
      summary: 'Communities (Louvain/Leiden) of the whole graph or around seed entities, with summaries',
      access: 'graph.read',
      query: CommunitiesQuery,
      audit: 'analysis.communities',
      responses: NOT_FOUND,
    },
    async ({ query, store, audit }) => {
      const seeds = await seedRefs(store(), query.seeds);
      if (seeds) audit.target = seeds.join(',');
      const result = await withFieldNames(() =>
        communities(store(), {
          ...filters(query),
          ...(seeds ? { seeds, hops: query.hops } : {}),
          ...(query.seed !== undefined ? { seed: query.seed } : {}),
        }),
      );
      const answer = await communityAnswer(store(), result, {
        limit: query.limit ?? 20,
        members: query.members ?? 50,
        graphNodes: query.graphNodes ?? 500,
        types: query.types ?? NETWORK_TYPES,
      });
      audit.rows = answer.communities.length;
      return answer;
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/analysis/keypersons',
      tag: 'analysis',
      summary: 'Key persons ranked by PageRank, betweenness and degree, each with a reason',
      access: 'graph.read',
      query: KeyPersonsQuery,
      audit: 'analysis.keypersons',
      responses: NOT_FOUND,
    },
    async ({ query, store, audit, lang }) => {
      const seeds = await seedRefs(store(), query.seeds);
      if (seeds) audit.target = seeds.join(',');
      const result = await withFieldNames(() =>
        keyPersonRanking(store(), {
          ...filters(query),
          ...(seeds ? { seeds, hops: query.hops } : {}),
          top: query.top,
          lang,
        }),
      );
      audit.rows = result.persons.length;
      const { graph, ids } = await answerGraph(store(), refsIn(result), {
        among: query.types ?? NETWORK_TYPES,
      });
      return { ...withElementIds(result, ids), graph };
    },
  ),
];
