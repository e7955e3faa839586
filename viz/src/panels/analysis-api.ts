// Answer shapes and calls of /api/analysis (paths, trace, ubo) and /api/templates for the analysis panels.

import type { HopView as EngineHopView, EntityRef } from '../../../engine/analysis/store/service.ts';
import type { QueryValue } from '../api/client.ts';
import type { GraphPayload } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';

/** An entity as analysis answers name it (`id` is the element id once the server mapped it): the engine's shape. */
export type AnalysisRef = EntityRef;

/** A hop of a path or chain; the routes add the relationship type where the engine's hop has none. */
export type HopView = EngineHopView & { type?: string };

export interface PathsAnswer {
  from: AnalysisRef;
  to: AnalysisRef;
  paths: { hops: number; nodes: AnalysisRef[]; edges: HopView[] }[];
  graph: GraphPayload;
}

export interface TraceAnswer {
  account: AnalysisRef;
  direction: 'out' | 'in';
  truncated: boolean;
  endpointCount: number;
  chainCount: number;
  endpoints: (AnalysisRef & { total: number; chains: number; minHops: number })[];
  chains: { hops: HopView[] }[];
  graph: GraphPayload;
}

export interface UboRow {
  id: string | null;
  type: string;
  key: string;
  name: string;
  ratio: number;
  paths: { id: string | null; key: string; name: string }[][];
}

export interface UboAnswer {
  company?: AnalysisRef;
  holder?: AnalysisRef;
  owners?: UboRow[];
  controls?: UboRow[];
  graph: GraphPayload;
}

export interface TemplateParam {
  name: string;
  type: 'string' | 'integer' | 'float' | 'date' | 'enum' | 'entityKey';
  zh: string;
  en?: string;
  help?: string;
  required: boolean;
  default?: string | number | null;
  options?: string[];
  labels?: string[];
  min?: number;
  max?: number;
}

export interface TemplateSummary {
  id: string;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  cypher: string;
  params: TemplateParam[];
  tags: string[];
  builtin: boolean;
  version: number;
}

export interface QueryAnswer {
  columns: string[];
  rows: Record<string, unknown>[];
  graph: GraphPayload;
  truncated: boolean;
  limit: number;
  elapsedMs: number;
}

/** The calls the analysis and template panels make, over the shared client. */
export function analysisApi(ctx: AppContext) {
  const get = <T>(path: string, query: Record<string, QueryValue>) => ctx.api.get<T>(path, query);
  return {
    paths: (from: string, to: string, maxHops: number, k: number) =>
      get<PathsAnswer>('/analysis/paths', { from, to, maxHops, k }),
    trace: (q: {
      account: string;
      direction: 'out' | 'in';
      maxHops: number;
      windowDays?: number;
      minAmount?: number;
    }) => get<TraceAnswer>('/analysis/trace', { ...q, chains: 50 }),
    ubo: (q: { company?: string; holder?: string; threshold: number }) => get<UboAnswer>('/analysis/ubo', q),
    templates: () => get<{ templates: TemplateSummary[] }>('/templates', {}),
    runTemplate: (id: string, params: Record<string, unknown>) =>
      ctx.api.post<QueryAnswer>(`/templates/${encodeURIComponent(id)}/run`, { params, limit: 500 }),
    cypher: (cypher: string) => ctx.api.post<QueryAnswer>('/cypher', { cypher, params: {}, limit: 500 }),
    saveTemplate: (title: string, cypher: string) =>
      ctx.api.post<{ template: TemplateSummary }>('/templates', { title, cypher }),
  };
}
