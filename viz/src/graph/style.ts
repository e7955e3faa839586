// Visual encoding from the schema: colour and shape per entity type, sizes, edge widths, community palette.
import type { SchemaAnswer, SchemaEntity, SchemaRelation } from '../api/types.ts';

/** Node shapes the canvas program knows (sigma SDF shapes registered in canvas.ts). */
export type NodeShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'rectangle';

/** The shape of each entity type; types not listed are circles. */
const SHAPES: Record<string, NodeShape> = {
  Person: 'circle',
  PersonMention: 'circle',
  Company: 'square',
  Account: 'diamond',
  Village: 'triangle',
  Organisation: 'rectangle',
  Household: 'square',
  Phone: 'diamond',
  Address: 'triangle',
  Clue: 'diamond',
  Group: 'square',
};

/** Base radius in screen pixels when no key-person score is known. */
const BASE_SIZE: Record<string, number> = {
  Person: 9,
  PersonMention: 8,
  Company: 9,
  Account: 7.5,
  Village: 11,
  Organisation: 10,
  Household: 8,
  Phone: 6.5,
  Address: 6.5,
  Clue: 8,
  Group: 13,
};

/** The cadre marker: a public official is a Person drawn with this ring. */
export const CADRE_RING = '#b3261e';
export const SELECTION_RING = '#16191d';
export const GROUP_COLOR = '#6b7785';
export const DIM_NODE = '#d9dee4';
export const DIM_EDGE = '#eceff3';
export const DEFAULT_EDGE = '#b8c0cc';

/** Tableau-like palette for communities (colour-blind friendly first ten, then muted variants). */
const COMMUNITY_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#2f4b7c',
  '#a05195',
  '#d45087',
  '#665191',
  '#ffa600',
  '#008080',
];

export function communityColor(community: number): string {
  return COMMUNITY_PALETTE[Math.abs(community) % COMMUNITY_PALETTE.length]!;
}

/** The legend class of a node: its type, except that public officials form their own class. */
export function classOf(type: string, cadre: boolean | undefined): string {
  return type === 'Person' && cadre ? 'Cadre' : type;
}

/** Lookups over GET /api/schema, built once after login. */
export class SchemaIndex {
  readonly entities = new Map<string, SchemaEntity>();
  readonly relations = new Map<string, SchemaRelation>();

  constructor(readonly answer: SchemaAnswer) {
    for (const entity of answer.entities) this.entities.set(entity.label, entity);
    for (const relation of answer.relations) this.relations.set(relation.type, relation);
  }

  colorOf(type: string): string {
    if (type === 'Group') return GROUP_COLOR;
    return this.entities.get(type)?.color ?? '#8a94a6';
  }

  shapeOf(type: string): NodeShape {
    return SHAPES[type] ?? 'circle';
  }

  baseSize(type: string): number {
    return BASE_SIZE[type] ?? 8;
  }

  relationColor(type: string): string {
    return this.relations.get(type)?.color ?? DEFAULT_EDGE;
  }

  isMonetary(type: string): boolean {
    return this.relations.get(type)?.monetary ?? false;
  }

  isSymmetric(type: string): boolean {
    return this.relations.get(type)?.symmetric ?? false;
  }

  /** The name of a role a model gives a subject; none for a role a user typed. */
  subjectRole(role: string): { zh: string; en: string } | undefined {
    return this.answer.subjectRoles?.[role];
  }
}

/** Node radius: the key-person score (0..1) when known, else the type's base size. */
export function nodeSize(index: SchemaIndex, type: string, score: number | undefined): number {
  if (score === undefined || !Number.isFinite(score)) return index.baseSize(type);
  return 6 + Math.max(0, Math.min(1, score)) * 18;
}

/** Edge width by amount on a log scale (1,000 元 → 1 px … 1 亿 → 5 px); 1 px without an amount. */
export function edgeWidth(amount: number | undefined): number {
  if (amount === undefined || !(amount > 0)) return 1;
  return Math.max(1, Math.min(5, 1 + (Math.log10(amount) - 3) * 0.8));
}

/** The amount of an edge (TRANSFER, COLLECTIVE_PAYMENT, SUBSIDY carry `amount`). */
export function amountOf(props: Record<string, unknown>): number | undefined {
  const value = props.amount;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The time of an edge in epoch ms: `time` (transfers) or `date` (payments, subsidies, guarantees). */
export function timeOf(props: Record<string, unknown>): number | undefined {
  for (const name of ['time', 'date']) {
    const value = props[name];
    if (typeof value === 'string' && value) {
      const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
      if (Number.isFinite(ms)) return ms;
    }
  }
  return undefined;
}

/** Inline SVG of a node shape, for the legend and the search list (same look as the canvas). */
export function shapeSvg(shape: NodeShape, color: string, size = 14, ring?: string): string {
  const s = size;
  const stroke = ring ? ` stroke="${ring}" stroke-width="2"` : '';
  const c = s / 2;
  let body: string;
  switch (shape) {
    case 'square':
      body = `<rect x="2" y="2" width="${s - 4}" height="${s - 4}" rx="2"${stroke}/>`;
      break;
    case 'rectangle':
      body = `<rect x="1" y="${c - s * 0.3}" width="${s - 2}" height="${s * 0.6}" rx="2"${stroke}/>`;
      break;
    case 'diamond':
      body = `<polygon points="${c},1 ${s - 1},${c} ${c},${s - 1} 1,${c}"${stroke}/>`;
      break;
    case 'triangle':
      body = `<polygon points="${c},1.5 ${s - 1.5},${s - 2} 1.5,${s - 2}"${stroke}/>`;
      break;
    default:
      body = `<circle cx="${c}" cy="${c}" r="${c - 1.5}"${stroke}/>`;
  }
  return `<svg class="shape" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}" fill="${color}" aria-hidden="true">${body}</svg>`;
}
