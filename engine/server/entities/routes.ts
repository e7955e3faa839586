// /api/entities: search by name or key, one entity with provenance and clues, and capped neighbourhood expansion.
import { entityDetail } from '../../graph/detail.ts';
import { resolveEntityRef } from '../../graph/entities.ts';
import { neighbourhood } from '../../graph/neighbours.ts';
import { searchEntities } from '../../graph/search.ts';
import { defineRoute } from '../route.ts';
import { EntityParam, NeighbourQuery, SearchQuery } from './schema.ts';

const NOT_FOUND = { 404: 'No such entity (entity.notFound)' };

export const entityRoutes = [
  // Declared before /entities/:id so that `search` is never taken for an id.
  defineRoute(
    {
      method: 'get',
      path: '/entities/search',
      tag: 'entities',
      summary: 'Search entities by name (Chinese, partial), ID number, account, credit code or phone',
      access: 'graph.read',
      query: SearchQuery,
      audit: 'entity.search',
    },
    async ({ query, store, audit }) => {
      const items = await searchEntities(store(), query);
      audit.target = query.q;
      audit.rows = items.length;
      return { q: query.q, items };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/entities/:id',
      tag: 'entities',
      summary: 'One entity: every property, provenance (file and row), degree per relationship type, clues',
      access: 'graph.read',
      params: EntityParam,
      audit: 'entity.view',
      responses: NOT_FOUND,
    },
    async ({ params, store, audit }) => {
      const handle = await resolveEntityRef(store(), params.id, { field: 'params.id' });
      audit.target = handle.ref;
      audit.rows = 1;
      return entityDetail(store(), handle);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/entities/:id/neighbours',
      tag: 'entities',
      summary: 'Neighbourhood of an entity as a graph payload, capped by neighbour, with the count of more',
      access: 'graph.read',
      params: EntityParam,
      query: NeighbourQuery,
      audit: 'entity.expand',
      responses: NOT_FOUND,
    },
    async ({ params, query, store, audit }) => {
      const handle = await resolveEntityRef(store(), params.id, { field: 'params.id' });
      audit.target = handle.ref;
      const result = await neighbourhood(store(), handle, query);
      audit.rows = result.returned;
      return result;
    },
  ),
];
