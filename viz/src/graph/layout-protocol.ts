// Messages between the page and the ForceAtlas2 worker, and the layout settings for a graph of a given size.

export interface LayoutSettings {
  linLogMode: boolean;
  outboundAttractionDistribution: boolean;
  adjustSizes: boolean;
  edgeWeightInfluence: number;
  scalingRatio: number;
  strongGravityMode: boolean;
  gravity: number;
  slowDown: number;
  barnesHutOptimize: boolean;
  barnesHutTheta: number;
}

export type ToLayout =
  | {
      kind: 'start';
      run: number;
      /** graphology-layout-forceatlas2's node matrix (10 floats per node) and edge matrix (3 per edge). */
      nodes: Float32Array;
      edges: Float32Array;
      settings: LayoutSettings;
      maxIterations: number;
    }
  | { kind: 'stop' }
  | { kind: 'move'; index: number; x: number; y: number; fixed: boolean };

export interface FromLayout {
  kind: 'positions';
  run: number;
  /** x0, y0, x1, y1… in the order of the start message's nodes. */
  xy: Float32Array;
  iterations: number;
  /** Iterations per second since the start. */
  rate: number;
  done: boolean;
}

/** Settings that suit the canvas: Barnes-Hut from a few hundred nodes, gentle gravity, slower for big graphs. */
export function layoutSettings(order: number): LayoutSettings {
  return {
    linLogMode: false,
    outboundAttractionDistribution: false,
    adjustSizes: false,
    edgeWeightInfluence: 1,
    scalingRatio: order > 500 ? 20 : 10,
    strongGravityMode: true,
    gravity: 0.05,
    slowDown: 1 + Math.log(Math.max(1, order)),
    barnesHutOptimize: order > 300,
    barnesHutTheta: 0.6,
  };
}

/** Iterations before the worker stops on its own (it also stops earlier once the layout settles). */
export function iterationBudget(order: number): number {
  if (order <= 200) return 1500;
  if (order <= 2000) return 800;
  return 500;
}
