// Answer shapes of the Qingfeng HTTP API as the viewer reads them (the viewer never imports server code).

/** One entity of a graph payload (engine/graph/payload.ts). `id` is the Neo4j element id. */
export interface PayloadNode {
  id: string;
  type: string;
  key: string;
  label: string;
  props: Record<string, unknown>;
}

export interface PayloadEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  props: Record<string, unknown>;
}

/** THE graph shape every API answer uses: any answer's `graph` can be merged onto the canvas. */
export interface GraphPayload {
  nodes: PayloadNode[];
  edges: PayloadEdge[];
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Me {
  username: string;
  displayName?: string | null;
  role: string;
  clearance?: boolean;
  permissions: string[];
  roleName?: Bilingual;
}

export interface SchemaProperty {
  name: string;
  type: string;
  zh: string;
  en: string;
}

export interface SchemaEntity {
  label: string;
  zh: string;
  en: string;
  key: string;
  caption: string;
  color: string;
  icon: string;
  properties: SchemaProperty[];
}

export interface SchemaRelation {
  type: string;
  zh: string;
  en: string;
  from: string[];
  to: string[];
  color?: string;
  monetary: boolean;
  symmetric: boolean;
  properties: SchemaProperty[];
}

export interface SchemaAnswer {
  entities: SchemaEntity[];
  relations: SchemaRelation[];
}

export interface SearchItem extends PayloadNode {
  match: { kind: 'key' | 'phone' | 'name'; field: string; how: string };
  score: number;
}

export interface SearchAnswer {
  q: string;
  items: SearchItem[];
}

export interface NeighbourSummary {
  id: string;
  edges: number;
  amount: number;
  shown: number;
  relations: { type: string; direction: 'out' | 'in'; edges: number; amount: number }[];
}

export interface Neighbourhood {
  center: string;
  graph: GraphPayload;
  neighbours: NeighbourSummary[];
  total: number;
  offset: number;
  returned: number;
  more: number;
}

export interface SourceRef {
  source: string;
  file: string;
  sheet: string | null;
  row: number | null;
}

export interface ClueSummary {
  id: string;
  model: string | null;
  status: string | null;
  score: number | null;
  amount: number | null;
  summary: string | null;
  summaryEn: string | null;
  active: boolean | null;
  role: string | null;
}

export interface EntityDetail {
  node: PayloadNode;
  provenance: {
    sources: SourceRef[];
    capped: boolean;
    firstRun: string | null;
    run: { runId: string; startedAt: string | null; finishedAt: string | null } | null;
  };
  degree: { total: number; byType: { type: string; direction: 'out' | 'in'; count: number }[] };
  clues: { total: number; items: ClueSummary[] };
}

export interface KeyPerson {
  id: string;
  key: string;
  label: string;
  type: string;
  rank: number;
  score: number;
  reason: string;
}

export interface KeyPersonsAnswer {
  persons: KeyPerson[];
  graph: GraphPayload;
}

export interface CommunitiesAnswer {
  count: number;
  modularity: number;
  /** Element id → community number. */
  membership: Record<string, number>;
  graph: GraphPayload;
}

/** The body of every error answer. */
export interface ErrorBody {
  error: { id: string; message: string; field?: string; details?: Record<string, unknown> };
}
