// Fund-flow layout: a traced chain laid out left to right by hop time, pinned; amounts and dates as edge labels.
import type { AppContext } from '../app/context.ts';
import { formatAmount } from '../i18n/index.ts';
import type { EdgeAttrs } from './model.ts';

export interface FlowHop {
  id: string;
  from: { id: string };
  to: { id: string };
  amount: number | null;
  time: string | null;
}

const COLUMN = 4;
const ROW = 1.6;

/** Epoch ms of a local date-time text, read as UTC (as the canvas reads `time`). */
export function hopTime(text: string | null): number {
  if (!text) return Number.NaN;
  return Date.parse(
    text.length <= 10 ? `${text}T00:00:00Z` : /Z$|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`,
  );
}

/**
 * The time each account sits at: forward (out) the earliest time money reached it, backward (in) the latest
 * time it paid on; the traced account before (or after) everyone.
 */
export function flowTimes(
  start: string,
  chains: { hops: FlowHop[] }[],
  direction: 'out' | 'in',
): Map<string, number> {
  const times = new Map<string, number>();
  for (const chain of chains)
    for (const hop of chain.hops) {
      const t = hopTime(hop.time);
      if (!Number.isFinite(t)) continue;
      const node = direction === 'out' ? hop.to.id : hop.from.id;
      if (node === start) continue;
      const known = times.get(node);
      if (known === undefined || (direction === 'out' ? t < known : t > known)) times.set(node, t);
    }
  const all = [...times.values()];
  const edge = all.length ? (direction === 'out' ? Math.min(...all) - 1 : Math.max(...all) + 1) : 0;
  times.set(start, edge);
  return times;
}

/** Positions: one column per distinct time (ascending to the right), rows in order of first appearance. */
export function flowPositions(
  start: string,
  chains: { hops: FlowHop[] }[],
  direction: 'out' | 'in',
  centre: { x: number; y: number } = { x: 0, y: 0 },
): Map<string, { x: number; y: number }> {
  const times = flowTimes(start, chains, direction);
  const order: string[] = [start];
  for (const chain of chains)
    for (const hop of chain.hops)
      for (const id of [hop.from.id, hop.to.id]) if (!order.includes(id)) order.push(id);
  const columns = [...new Set([...times.values()])].sort((a, b) => a - b);
  const rows = new Map<number, string[]>();
  for (const id of order) {
    const t = times.get(id);
    if (t === undefined) continue;
    const column = columns.indexOf(t);
    const list = rows.get(column) ?? [];
    list.push(id);
    rows.set(column, list);
  }
  const positions = new Map<string, { x: number; y: number }>();
  const width = (columns.length - 1) * COLUMN;
  for (const [column, ids] of rows)
    ids.forEach((id, i) => {
      positions.set(id, {
        x: centre.x - width / 2 + column * COLUMN,
        y: centre.y + ((ids.length - 1) / 2 - i) * ROW,
      });
    });
  return positions;
}

/** The centre of what is drawn (new layouts go there). */
export function canvasCentre(ctx: AppContext): { x: number; y: number } {
  let x = 0;
  let y = 0;
  ctx.graph.forEachNode((_k, a) => {
    x += a.x;
    y += a.y;
  });
  const n = Math.max(1, ctx.graph.order);
  return { x: x / n, y: y / n };
}

/** Moves and pins nodes in one undoable step, so ForceAtlas2 leaves them where they are put. */
export function placePinned(
  ctx: AppContext,
  label: 'cmd.flowLayout' | 'cmd.equityLayout',
  positions: ReadonlyMap<string, { x: number; y: number }>,
  labels: ReadonlyMap<string, string> = new Map(),
): void {
  ctx.history.run(label, (edit) => {
    for (const [id, p] of positions) {
      if (!ctx.graph.hasNode(id)) continue;
      edit.setNode(id, 'x', p.x);
      edit.setNode(id, 'y', p.y);
      edit.setNode(id, 'fixed', true);
    }
    for (const [id, text] of labels) if (ctx.graph.hasNode(id)) edit.setNode(id, 'label', text);
  });
  for (const id of positions.keys()) ctx.layout.moveNode(id);
}

/** Edge labels (amount · date) on the chain's transfers, and sigma's edge labels switched on. */
export function labelEdges(ctx: AppContext, labels: ReadonlyMap<string, string>): void {
  for (const [id, text] of labels)
    if (ctx.graph.hasEdge(id)) ctx.graph.setEdgeAttribute(id, 'label' as keyof EdgeAttrs, text as never);
  ctx.canvas.setSetting('renderEdgeLabels', true);
  ctx.canvas.refresh();
}

/** `¥12.5万 · 2023-04-01` for a transfer. */
export function hopLabel(hop: { amount: number | null; time: string | null }): string {
  const amount = hop.amount === null ? '' : `¥${formatAmount(hop.amount, true)}`;
  const date = hop.time ? hop.time.slice(0, 10) : '';
  return [amount, date].filter(Boolean).join(' · ');
}
