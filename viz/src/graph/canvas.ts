// The sigma v4 canvas: shapes and rings by type, reducers from the FilterEngine, clicks, drag-to-pin, box select.
import type { Attributes } from 'graphology-types';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import type { FilterEngine } from './filters.ts';
import { type CanvasGraph, createCanvasGraph, type EdgeAttrs, type NodeAttrs } from './model.ts';
import {
  type CanvasPrimitives,
  type CanvasSigma,
  canvasPrimitives,
  FONT_STACK,
  type NoState,
} from './programs.ts';
import type { SchemaIndex } from './style.ts';

export interface CanvasHandlers {
  /** Plain click on a node (select it, show it); `additive` with Shift/Ctrl/Cmd. */
  clickNode: (id: string, additive: boolean) => void;
  doubleClickNode: (id: string) => void;
  rightClickNode: (id: string, x: number, y: number) => void;
  clickStage: () => void;
  /** A box drawn with Shift+drag on the stage: the nodes inside it. */
  boxSelect: (ids: string[]) => void;
  /** Nodes dragged to a new place: their positions before the drag. */
  moved: (before: Map<string, { x: number; y: number; fixed: boolean }>) => void;
  /** Nodes that a drag moves: the selection when the grabbed node is selected, else the node. */
  draggedNodes: (id: string) => string[];
}

export class Canvas {
  readonly sigma: CanvasSigma;
  private dragBefore: Map<string, { x: number; y: number; fixed: boolean }> | null = null;
  private box: { x0: number; y0: number; el: HTMLDivElement } | null = null;
  private finishBox: ((e: MouseEvent) => void) | null = null;
  private releasePointer: (() => void) | null = null;
  private pointerDown = false;
  private lastInteraction = 0;
  /** Time sigma spent on its last process + render, in ms (the layout paces itself by it). */
  frameCost = 0;
  private readonly detached = createCanvasGraph();
  /** A big graph (see tuneForSize): cheaper drawing choices. */
  private big = false;
  private batching = false;

  constructor(
    readonly container: HTMLElement,
    readonly graph: CanvasGraph,
    schema: SchemaIndex,
    private readonly filters: FilterEngine,
    private readonly handlers: CanvasHandlers,
  ) {
    const symmetric = (type: string) => schema.isSymmetric(type);
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs, Attributes, NoState, NoState, NoState, CanvasPrimitives>(
      graph,
      container,
      {
        primitives: canvasPrimitives(),
        styles: {
          nodes: [
            DEFAULT_STYLES.nodes,
            {
              shape: { attribute: 'shape', defaultValue: 'circle' },
              ringColor: { attribute: 'ringColor', defaultValue: '#00000000' },
              ringWidth: { attribute: 'ringWidth', defaultValue: 0 },
              labelFont: FONT_STACK,
              labelColor: '#1f2933',
              labelSize: 12,
            },
          ],
          edges: [
            DEFAULT_STYLES.edges,
            {
              head: (a: EdgeAttrs) => (symmetric(a.type) ? 'none' : 'arrow'),
              // Curves for repeated ties between two nodes; straight (far fewer vertices) on big graphs.
              parallelPath: () => (this.big ? 'line' : 'curved'),
              selfLoopPath: 'loop',
            },
          ],
        },
        nodeReducer: (key, data, attrs) => filters.nodeReducer(key, data, attrs) as never,
        edgeReducer: (key, data, attrs) => filters.edgeReducer(key, data, attrs),
        settings: {
          itemSizesReference: 'screen',
          renderEdgeLabels: false,
          enableNodeDrag: true,
          enableCameraRotation: false,
          enableCameraMouseRotation: false,
          labelDensity: 0.8,
          labelGridCellSize: 110,
          labelRenderedSizeThreshold: 4,
          minEdgeThickness: 1,
          zoomToSizeRatioFunction: (ratio) => Math.sqrt(ratio),
          getDraggedNodes: (node) => handlers.draggedNodes(node),
          stagePadding: 60,
        },
      },
    );
    this.bindEvents();
    this.tuneForSize();
  }

  private bindEvents(): void {
    const s = this.sigma;
    s.on('clickNode', ({ node, event }) => {
      const e = event.original as MouseEvent;
      this.handlers.clickNode(node, e.shiftKey || e.ctrlKey || e.metaKey);
    });
    s.on('doubleClickNode', ({ node, preventSigmaDefault }) => {
      preventSigmaDefault();
      this.handlers.doubleClickNode(node);
    });
    s.on('rightClickNode', ({ node, event }) => {
      const e = event.original as MouseEvent;
      e.preventDefault();
      this.handlers.rightClickNode(node, event.x, event.y);
    });
    s.on('clickStage', () => {
      if (!this.box) this.handlers.clickStage();
    });
    // No hover effects while a button is down (panning, dragging): they would redraw for nothing.
    this.container.addEventListener('mousedown', () => {
      this.pointerDown = true;
    });
    this.releasePointer = () => {
      this.pointerDown = false;
    };
    window.addEventListener('mouseup', this.releasePointer);
    s.on('enterNode', ({ node }) => {
      if (!this.pointerDown) this.hover(node);
    });
    s.on('leaveNode', () => {
      if (this.filters.view.hovered) this.hover(null);
    });
    s.on('nodeDragStart', ({ allDraggedNodes }) => {
      this.dragBefore = new Map(
        allDraggedNodes.map((id) => {
          const a = this.graph.getNodeAttributes(id);
          return [id, { x: a.x, y: a.y, fixed: !!a.fixed }];
        }),
      );
    });
    s.on('nodeDragEnd', () => {
      const before = this.dragBefore;
      this.dragBefore = null;
      if (before) this.handlers.moved(before);
    });
    this.container.addEventListener(
      'wheel',
      () => {
        this.lastInteraction = performance.now();
      },
      { passive: true },
    );
    let started = 0;
    s.on('beforeProcess', () => {
      started = performance.now();
    });
    s.on('beforeRender', () => {
      if (!started) started = performance.now();
    });
    s.on('afterRender', () => {
      if (started) this.frameCost = performance.now() - started;
      started = 0;
    });
    this.bindBoxSelect();
  }

  /** Shift+drag on the empty stage draws a selection box instead of panning. */
  private bindBoxSelect(): void {
    const s = this.sigma;
    s.on('downStage', ({ event }) => {
      const e = event.original as MouseEvent;
      if (!e.shiftKey || e.button !== 0) return;
      const el = document.createElement('div');
      el.className = 'select-box';
      this.container.appendChild(el);
      this.box = { x0: event.x, y0: event.y, el };
      this.drawBox(event.x, event.y);
    });
    s.on('moveBody', ({ event, preventSigmaDefault }) => {
      if (!this.box) return;
      preventSigmaDefault();
      this.drawBox(event.x, event.y);
    });
    const finish = (e: MouseEvent) => {
      if (!this.box) return;
      const rect = this.container.getBoundingClientRect();
      const { x0, y0, el } = this.box;
      const x1 = e.clientX - rect.left;
      const y1 = e.clientY - rect.top;
      el.remove();
      const [minX, maxX] = [Math.min(x0, x1), Math.max(x0, x1)];
      const [minY, maxY] = [Math.min(y0, y1), Math.max(y0, y1)];
      const inside: string[] = [];
      if (maxX - minX > 3 || maxY - minY > 3)
        this.graph.forEachNode((id) => {
          const data = s.getNodeDisplayData(id);
          if (!data || data.visibility === 'hidden' || this.filters.hiddenNodes.has(id)) return;
          const p = s.framedGraphToViewport(data);
          if (p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY) inside.push(id);
        });
      // Let the click that ends the drag pass before the box is forgotten (it must not clear the selection).
      setTimeout(() => {
        this.box = null;
      }, 0);
      if (inside.length) this.handlers.boxSelect(inside);
    };
    this.finishBox = finish;
    window.addEventListener('mouseup', finish);
  }

  private drawBox(x: number, y: number): void {
    if (!this.box) return;
    const { x0, y0, el } = this.box;
    Object.assign(el.style, {
      left: `${Math.min(x0, x)}px`,
      top: `${Math.min(y0, y)}px`,
      width: `${Math.abs(x - x0)}px`,
      height: `${Math.abs(y - y0)}px`,
    });
  }

  /**
   * Runs a big change (≥ 300 graph steps) with sigma detached from the graph: sigma would otherwise process
   * every added node and edge on its own; reattached, it draws everything once.
   */
  batch<T>(size: number, work: () => T): T {
    if (size < 300 || this.batching) return work();
    this.batching = true;
    this.sigma.setGraph(this.detached);
    try {
      return work();
    } finally {
      this.batching = false;
      this.sigma.setGraph(this.graph);
    }
  }

  /** Big graphs: no edges or labels while the camera moves, and a hover that redraws only what it touches. */
  tuneForSize(): void {
    const big = this.graph.size > 3000 || this.graph.order > 1500;
    this.big = big;
    if (this.sigma.getSetting('hideEdgesOnMove') !== big) {
      this.sigma.setSetting('hideEdgesOnMove', big);
      this.sigma.setSetting('hideLabelsOnMove', big);
    }
    this.filters.view.dimOnHover = this.graph.order <= 1500 && this.graph.size <= 4000;
  }

  /** Hover on/off: the whole view when hover dims the rest, else just the two neighbourhoods involved. */
  private hover(node: string | null): void {
    const view = this.filters.view;
    const before = view.hovered;
    const touched = before ? [before, ...view.hoverNeighbours] : [];
    this.filters.setHovered(node);
    if (view.dimOnHover) {
      this.refresh();
      return;
    }
    if (node) touched.push(node, ...view.hoverNeighbours);
    const edges: string[] = [];
    for (const n of [before, node]) if (n && this.graph.hasNode(n)) edges.push(...this.graph.edges(n));
    this.refreshItems(touched, edges);
  }

  /** Re-runs the reducers (after a filter or view change); the graph itself is untouched. */
  refresh(): void {
    this.sigma.refresh({ schedule: true });
  }

  /** Re-runs the reducers of a few nodes and edges only (selection, hover). */
  refreshItems(nodes: readonly string[], edges: readonly string[] = []): void {
    const graph = this.graph;
    try {
      this.sigma.refresh({
        partialGraph: {
          nodes: nodes.filter((n) => graph.hasNode(n)),
          edges: edges.filter((e) => graph.hasEdge(e)),
        },
        skipIndexation: true,
        schedule: true,
      });
    } catch {
      // An item sigma is not drawing right now (hidden while the camera moves): redraw everything instead.
      this.refresh();
    }
  }

  /** True while the user moves the camera or drags (the layout holds its updates meanwhile). */
  interacting(): boolean {
    return this.pointerDown || performance.now() - this.lastInteraction < 250;
  }

  /** Frames everything drawn. */
  fit(): void {
    void this.sigma.getCamera().reset({ duration: 300 });
  }

  /** Centres the camera on a node (keeping the zoom). */
  focusNode(id: string): void {
    const data = this.sigma.getNodeDisplayData(id);
    if (!data) return;
    void this.sigma.getCamera().animate({ x: data.x, y: data.y }, { duration: 300 });
  }

  kill(): void {
    if (this.finishBox) window.removeEventListener('mouseup', this.finishBox);
    if (this.releasePointer) window.removeEventListener('mouseup', this.releasePointer);
    this.sigma.kill();
  }
}
