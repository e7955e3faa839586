// Equity layout: the shareholding graph around a company (owners above) or a holder (companies below), top-down.
import type { GraphPayload } from '../api/types.ts';

const LEVEL = 2.5;
const SPREAD = 2.2;

/**
 * Levels by SHAREHOLDER distance from the start: upwards through holders for a company, downwards through
 * holdings for a holder; each level is a row, spread evenly around the centre.
 */
export function equityPositions(
  start: string,
  graph: GraphPayload,
  mode: 'owners' | 'controls',
  centre: { x: number; y: number } = { x: 0, y: 0 },
): Map<string, { x: number; y: number }> {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.type !== 'SHAREHOLDER') continue;
    const [a, b] = mode === 'owners' ? [e.target, e.source] : [e.source, e.target];
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const depth = new Map<string, number>([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    for (const n of next.get(id) ?? [])
      if (!depth.has(n)) {
        depth.set(n, depth.get(id)! + 1);
        queue.push(n);
      }
  }
  const deepest = Math.max(0, ...depth.values());
  for (const n of graph.nodes) if (!depth.has(n.id)) depth.set(n.id, deepest + 1);
  const levels = new Map<number, string[]>();
  for (const [id, d] of depth) levels.set(d, [...(levels.get(d) ?? []), id]);
  const positions = new Map<string, { x: number; y: number }>();
  // sigma draws larger y higher: owners above the company, controlled companies below the holder.
  const sign = mode === 'owners' ? 1 : -1;
  for (const [d, ids] of levels)
    ids.forEach((id, i) => {
      positions.set(id, {
        x: centre.x + (i - (ids.length - 1) / 2) * SPREAD,
        y: centre.y + sign * d * LEVEL,
      });
    });
  return positions;
}

/** `32.5%` from a ratio 0..1. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio >= 0.1 ? 1 : 2)}%`;
}
