// What bench:api asks for: search terms, entities to expand and cadres for a template, drawn from the loaded county.

import { Rng } from '../../engine/demo/rng.ts';
import { listClues } from '../../engine/detect/store/query.ts';
import { MODEL_IDS } from '../../engine/detect/types.ts';
import { resolveEntityRef } from '../../engine/graph/entities.ts';
import { neighbourhood } from '../../engine/graph/neighbours.ts';
import { searchEntities } from '../../engine/graph/search.ts';
import { DEFAULT_SETTINGS } from '../../engine/settings.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { runLimits, runTemplate } from '../../queries/index.ts';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** One scenario: the i-th request over HTTP, and the same work as a direct engine call. */
export interface Sample {
  name: string;
  http: (i: number) => HttpCall;
  direct: (store: Store, i: number) => Promise<unknown>;
}

const TEMPLATE = 'cadre_relatives_companies';
const SEARCH_LIMIT = 20;
const EXPAND_LIMIT = 50;

async function column(store: Store, cypher: string): Promise<string[]> {
  const rows = await store.read<{ v: string }>(cypher);
  return rows
    .map((r) => r.v)
    .filter(Boolean)
    .sort();
}

/**
 * Seeded draws, so every run asks the same things: name fragments, ID numbers and account numbers to search;
 * people, accounts (the ten busiest among them) and companies to expand; cadres for the relatives template.
 */
export async function sampleTargets(store: Store): Promise<Sample[]> {
  const rng = new Rng(20261129, 'bench-api');
  const names = await column(store, 'MATCH (p:Person) RETURN p.name AS v');
  const ids = await column(store, 'MATCH (p:Person) RETURN p.idNumber AS v');
  const accounts = await column(store, 'MATCH (a:Account) RETURN a.accountNo AS v');
  const companies = await column(store, 'MATCH (c:Company) RETURN c.creditCode AS v');
  const cadres = await column(store, 'MATCH (p:Person)-[:HOLDS_POST]->() RETURN DISTINCT p.idNumber AS v');
  const hubs = await column(
    store,
    `MATCH (a:Account) WITH a, COUNT { (a)-[:TRANSFER]-() } AS d ORDER BY d DESC LIMIT 10 RETURN a.accountNo AS v`,
  );
  const terms = Array.from({ length: 300 }, (_, i) =>
    i % 5 < 3 ? rng.pick(names).slice(0, 2) : i % 5 === 3 ? rng.pick(ids) : rng.pick(accounts),
  );
  const expand = Array.from({ length: 300 }, (_, i) =>
    i % 10 === 0
      ? `Account:${rng.pick(hubs)}`
      : i % 3 === 0
        ? `Person:${rng.pick(ids)}`
        : i % 3 === 1
          ? `Account:${rng.pick(accounts)}`
          : `Company:${rng.pick(companies)}`,
  );
  const cadreKeys = Array.from({ length: 300 }, () => rng.pick(cadres));
  // The clue screen as investigators page it: the default list, one model, one status, later pages.
  const clueFilters = Array.from({ length: 300 }, (_, i) =>
    i % 4 === 0
      ? {}
      : i % 4 === 1
        ? { model: rng.pick([...MODEL_IDS]) }
        : i % 4 === 2
          ? { status: 'new' }
          : { offset: 50 * rng.int(0, 2) },
  );
  const at = <T>(list: T[], i: number) => list[i % list.length] as T;
  const limits = runLimits(DEFAULT_SETTINGS);
  return [
    {
      name: 'search',
      http: (i) => ({
        method: 'GET',
        path: `/api/entities/search?q=${encodeURIComponent(at(terms, i))}&limit=${SEARCH_LIMIT}`,
      }),
      direct: (s, i) => searchEntities(s, { q: at(terms, i), limit: SEARCH_LIMIT }),
    },
    {
      name: 'expand',
      http: (i) => ({
        method: 'GET',
        path: `/api/entities/${encodeURIComponent(at(expand, i))}/neighbours?limit=${EXPAND_LIMIT}`,
      }),
      direct: async (s, i) =>
        neighbourhood(s, await resolveEntityRef(s, at(expand, i), { field: 'params.id' }), {
          limit: EXPAND_LIMIT,
        }),
    },
    {
      name: 'clues',
      http: (i) => ({
        method: 'GET',
        path: `/api/clues?${new URLSearchParams(
          Object.entries(at(clueFilters, i)).map(([k, v]) => [k, String(v)]),
        ).toString()}`,
      }),
      direct: (s, i) => listClues(s, at(clueFilters, i)),
    },
    {
      name: `template ${TEMPLATE}`,
      http: (i) => ({
        method: 'POST',
        path: `/api/templates/${TEMPLATE}/run`,
        body: JSON.stringify({ params: { cadre: at(cadreKeys, i) } }),
      }),
      direct: (s, i) => runTemplate(s, TEMPLATE, { cadre: at(cadreKeys, i) }, limits),
    },
  ];
}
