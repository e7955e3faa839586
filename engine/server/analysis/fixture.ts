// Shared set-up of the /api/analysis tests: the departmental files loaded, a clue, element ids by key, the API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Store } from '../../../engine/store/gateway.ts';
import { ingestFiles } from '../../../ingest/load/run.ts';
import { ID, writeDepartmentalFiles } from '../../../test/fixtures/departmental.ts';
import { type ApiAnswer, startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

export const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;

export interface Graph {
  nodes: { id: string; type: string; key: string; label: string }[];
  edges: { id: string; type: string; source: string; target: string }[];
}

export interface AnalysisFixture {
  api: TestApi;
  store: Store;
  /** Element id by key (ID number, credit code, account number). */
  idOf: Map<string, string>;
  get: (path: string, query: Record<string, string | number>, token?: string) => Promise<ApiAnswer>;
}

/** Cleans the graph, loads the departmental files, adds one clue on the deceased elder, starts the API. */
export async function loadAnalysisFixture(): Promise<AnalysisFixture> {
  const store = await cleanGraph();
  const dir = mkdtempSync(join(tmpdir(), 'qf-api-analysis-'));
  await writeDepartmentalFiles(dir);
  await ingestFiles(store, [dir], { outDir: mkdtempSync(join(tmpdir(), 'qf-api-analysis-out-')) });
  const rows = await store.read<{ id: string; key: string }>(
    `MATCH (n) WHERE n:Person OR n:Company OR n:Account
     RETURN elementId(n) AS id, coalesce(n.idNumber, n.creditCode, n.accountNo) AS key`,
  );
  await store.write(
    `MATCH (p:Person {idNumber: $elder})
     CREATE (:Clue {clueId: 'CL-A-1', model: 'deceased_receiving', status: 'new', score: 0.9})
       -[:CLUE_SUBJECT {role: 'subject'}]->(p)`,
    { elder: ID.elder },
  );
  const api = await startApi();
  return {
    api,
    store,
    idOf: new Map(rows.map((r) => [r.key, r.id])),
    get: (path, query, token = 'analyst') => api.call('get', `/analysis/${path}`, { token, query }),
  };
}

/** Every edge joins nodes of the payload, and every id named is one of its nodes (or edges). */
export function expectDrawable(graph: Graph, nodeIds: string[], edgeIds: string[] = []): void {
  const nodes = new Set(graph.nodes.map((n) => n.id));
  const edges = new Set(graph.edges.map((e) => e.id));
  for (const e of graph.edges) expect(nodes.has(e.source) && nodes.has(e.target)).toBe(true);
  for (const id of nodeIds) expect(nodes.has(id)).toBe(true);
  for (const id of edgeIds) expect(edges.has(id)).toBe(true);
}
