// Draws a case graph as a self-contained SVG from positioned nodes: no browser, same input → same bytes.
import { byText, esc } from './format.ts';

export interface DrawNode {
  id: string;
  x: number;
  y: number;
  label: string;
  type: string;
  color: string;
  /** Subjects of the case are drawn larger, outlined and always labelled. */
  subject: boolean;
  /** Radius hint from a saved view (clamped). */
  size?: number;
}

export interface DrawEdge {
  source: string;
  target: string;
  type: string;
  color: string;
  /** Relationships of this type between the pair, and their summed amount. */
  count: number;
  amount: number;
}

export interface DrawInput {
  nodes: DrawNode[];
  edges: DrawEdge[];
  /** Types present, with caption and colour, for the legend. */
  legend: { caption: string; color: string }[];
  /** Graph coordinates grow upward (sigma's convention): flip them for the page. Default true. */
  yUp?: boolean;
}

const WIDTH = 1000;
const HEIGHT = 720;
const PAD = 48;
/** Room right of the drawing for the labels of the rightmost nodes. */
const LABEL_ROOM = 150;
/** Longest label drawn, in characters (the tables carry full names). */
const LABEL_CHARS = 16;
const LEGEND_ROW = 18;
/** Beyond this many nodes only subjects carry a label (the drawing would be unreadable otherwise). */
const LABEL_ALL_UNDER = 120;

const n1 = (v: number) => (Math.round(v * 10) / 10).toFixed(1);
const HEX = /^#[0-9a-fA-F]{3,8}$/;

/** A colour as given when it is a plain hex colour, else the fallback (nothing from a view reaches the SVG unchecked). */
export function safeColor(value: unknown, fallback: string): string {
  return typeof value === 'string' && HEX.test(value) ? value : fallback;
}

function shorten(label: string): string {
  const chars = [...label];
  return chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS - 1).join('')}…` : label;
}

function edgeWidth(edge: DrawEdge): number {
  const money = edge.amount > 0 ? Math.log10(1 + edge.amount / 10_000) : 0;
  return Math.min(4, 0.8 + 0.4 * Math.log2(edge.count) + money);
}

export function renderGraphSvg(input: DrawInput): string {
  const legendRows = Math.ceil(input.legend.length / 5);
  const drawHeight = HEIGHT - legendRows * LEGEND_ROW - 8;
  const nodes = [...input.nodes].sort((a, b) => Number(a.subject) - Number(b.subject) || byText(a.id, b.id));
  const flip = input.yUp ?? true;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => (flip ? -n.y : n.y));
  const lowX = xs.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const lowY = ys.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const spanX = Math.max(xs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY) - lowX, 1e-9);
  const spanY = Math.max(ys.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY) - lowY, 1e-9);
  const drawWidth = WIDTH - LABEL_ROOM;
  const scale = Math.min((drawWidth - 2 * PAD) / spanX, (drawHeight - 2 * PAD) / spanY);
  // Centred: a one-dimensional drawing (a line of nodes) sits in the middle, not at an edge.
  const offX = (drawWidth - Math.min(spanX * scale, drawWidth - 2 * PAD)) / 2;
  const offY = (drawHeight - Math.min(spanY * scale, drawHeight - 2 * PAD)) / 2;
  const pos = new Map<string, { x: number; y: number }>();
  for (const [i, node] of nodes.entries()) {
    pos.set(
      node.id,
      nodes.length === 1
        ? { x: WIDTH / 2, y: drawHeight / 2 }
        : { x: offX + ((xs[i] ?? 0) - lowX) * scale, y: offY + ((ys[i] ?? 0) - lowY) * scale },
    );
  }
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff" stroke="#d0d0d0"/>`,
    '<g class="edges" fill="none" stroke-linecap="round">',
  ];
  const edges = [...input.edges].sort(
    (a, b) => byText(a.source, b.source) || byText(a.target, b.target) || byText(a.type, b.type),
  );
  for (const edge of edges) {
    const a = pos.get(edge.source);
    const b = pos.get(edge.target);
    if (!a || !b) continue;
    out.push(
      `<line x1="${n1(a.x)}" y1="${n1(a.y)}" x2="${n1(b.x)}" y2="${n1(b.y)}" stroke="${esc(edge.color)}" stroke-opacity="0.7" stroke-width="${n1(edgeWidth(edge))}"/>`,
    );
  }
  out.push('</g>', '<g class="nodes">');
  const labelAll = nodes.length <= LABEL_ALL_UNDER;
  for (const node of nodes) {
    const p = pos.get(node.id)!;
    const r = node.size !== undefined ? Math.min(14, Math.max(3, node.size)) : node.subject ? 9 : 6;
    const ring = node.subject ? ' stroke="#222222" stroke-width="2"' : ' stroke="#ffffff" stroke-width="1"';
    out.push(`<circle cx="${n1(p.x)}" cy="${n1(p.y)}" r="${n1(r)}" fill="${esc(node.color)}"${ring}/>`);
    if (labelAll || node.subject) {
      const weight = node.subject ? ' font-weight="bold"' : '';
      out.push(
        `<text x="${n1(p.x + r + 3)}" y="${n1(p.y + 4)}" font-size="${node.subject ? 13 : 11}"${weight} fill="#222222" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(shorten(node.label))}</text>`,
      );
    }
  }
  out.push('</g>', '<g class="legend" font-size="12">');
  for (const [i, item] of input.legend.entries()) {
    const x = 16 + (i % 5) * 196;
    const y = drawHeight + 8 + Math.floor(i / 5) * LEGEND_ROW;
    out.push(
      `<circle cx="${x + 6}" cy="${y + 6}" r="6" fill="${esc(item.color)}"/>`,
      `<text x="${x + 18}" y="${y + 10}" fill="#333333">${esc(item.caption)}</text>`,
    );
  }
  out.push('</g>', '</svg>');
  return out.join('\n');
}
