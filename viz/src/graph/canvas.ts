// The sigma v4 canvas: shapes and rings by type, reducers from the FilterEngine, clicks, drag-to-pin, box select.
import type { Attributes } from 'graphology-types';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import type { Settings } from 'sigma/settings';
import { BoxSelect } from './box-select.ts';
import type { FilterEngine } from './filters.ts';
import { type CanvasGraph, createCanvasGraph, type EdgeAttrs, type NodeAttrs } from './model.ts';
import {
  type CanvasPrimitives,
  type CanvasSigma,
  canvasPrimitives,
  FONT_STACK,
  leanPrimitives,
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

/**
 * `full`: curved parallel edges, loops and arrowheads. `lean` (big graphs): straight edges without arrowheads,
 * no edges or labels while the camera moves (see leanPrimitives for why a separate renderer).
 */
type RenderMode = 'full' | 'lean';
/** Above either figure the canvas turns lean; below both of the lower ones it turns full again (no flapping). */
const LEAN_ABOVE = { order: 1500, size: 3000 };
const FULL_BELOW = { order: 1200, size: 2400 };

export class Canvas {
  /** Created on first use, so a first answer too big for the full renderer does not compile its shaders. */
  private current: CanvasSigma | null = null;
  private mode: RenderMode = 'full';
  private dragBefore: Map<string, { x: number; y: number; fixed: boolean }> | null = null;
  private readonly boxSelect: BoxSelect;
  private releasePointer: (() => void) | null = null;
  private pointerDown = false;
  private lastInteraction = 0;
  /** Time sigma spent on its last process + render, in ms (the layout paces itself by it). */
  frameCost = 0;
  private readonly empty = createCanvasGraph();
  /** The renderer is on the empty graph while a batch runs; the next refresh puts the canvas graph back. */
  private detached = false;
  /** Settings changed at run time (edge labels…): a new renderer starts with them too. */
  private readonly overrides: Partial<Settings> = {};
  private readonly renderListeners = new Set<() => void>();

  constructor(
    readonly container: HTMLElement,
    readonly graph: CanvasGraph,
    private readonly schema: SchemaIndex,
    private readonly filters: FilterEngine,
    private readonly handlers: CanvasHandlers,
  ) {
    this.boxSelect = new BoxSelect(container, graph, filters, () => this.renderer, handlers.boxSelect);
    this.bindContainer();
    this.tuneForSize();
  }

  /** The current sigma renderer (replaced when the graph crosses the big-graph line: do not keep it). */
  get sigma(): CanvasSigma {
    return this.renderer;
  }

  private get renderer(): CanvasSigma {
    return this.current ?? this.createNow();
  }

  private createNow(): CanvasSigma {
    this.mode = this.wantedMode();
    this.current = this.createRenderer(this.detached ? this.empty : this.graph);
    return this.current;
  }

  private createRenderer(graph: CanvasGraph): CanvasSigma {
    const lean = this.mode === 'lean';
    const symmetric = (type: string) => this.schema.isSymmetric(type);
    const filters = this.filters;
    const s = new Sigma<NodeAttrs, EdgeAttrs, Attributes, NoState, NoState, NoState, CanvasPrimitives>(
      graph,
      this.container,
      {
        primitives: lean ? leanPrimitives() : canvasPrimitives(),
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
            lean
              ? { head: 'none', parallelPath: 'line', selfLoopPath: 'line' }
              : {
                  head: (a: EdgeAttrs) => (symmetric(a.type) ? 'none' : 'arrow'),
                  parallelPath: 'curved',
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
          getDraggedNodes: (node) => this.handlers.draggedNodes(node),
          stagePadding: 60,
          hideEdgesOnMove: lean,
          hideLabelsOnMove: lean,
          ...this.overrides,
        },
      },
    );
    this.bindRenderer(s);
    return s;
  }

  /** Listeners on the container and window: bound once, whatever renderer draws. */
  private bindContainer(): void {
    // No hover effects while a button is down (panning, dragging): they would redraw for nothing.
    this.container.addEventListener('mousedown', () => {
      this.pointerDown = true;
    });
    this.releasePointer = () => {
      this.pointerDown = false;
    };
    window.addEventListener('mouseup', this.releasePointer);
    this.container.addEventListener(
      'wheel',
      () => {
        this.lastInteraction = performance.now();
      },
      { passive: true },
    );
  }

  /** Listeners on one renderer: clicks, hover, drag, frame timing, box select. */
  private bindRenderer(s: CanvasSigma): void {
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
      if (!this.boxSelect.active) this.handlers.clickStage();
    });
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
      for (const listener of this.renderListeners) listener();
    });
    this.boxSelect.attach(s);
  }

  /** Hears every frame drawn, whichever renderer draws it. */
  onRender(listener: () => void): () => void {
    this.renderListeners.add(listener);
    return () => this.renderListeners.delete(listener);
  }

  /** Changes a sigma setting now and for any later renderer. */
  setSetting<K extends keyof Settings>(key: K, value: Settings[K]): void {
    this.overrides[key] = value;
    this.renderer.setSetting(key, value);
  }

  /**
   * Runs a big change (≥ 300 graph steps) with sigma on an empty graph: sigma would otherwise process every
   * added node and edge on its own. The next refresh() (Commands.afterChange) puts the graph back, so sigma
   * indexes it once instead of twice (once on reattaching, once more on the refresh).
   */
  batch<T>(size: number, work: () => T): T {
    if (size < 300 || this.detached) return work();
    this.detached = true;
    this.current?.setGraph(this.empty);
    try {
      return work();
    } catch (error) {
      this.reattach();
      throw error;
    }
  }

  private reattach(): void {
    if (!this.detached) return;
    this.detached = false;
    const wanted = this.wantedMode();
    // No renderer yet: created now, on the canvas graph, in the mode its size asks for.
    if (!this.current) this.createNow();
    else if (wanted !== this.mode) this.swap(wanted);
    else this.current.setGraph(this.graph);
  }

  private wantedMode(): RenderMode {
    const { order, size } = this.graph;
    if (order > LEAN_ABOVE.order || size > LEAN_ABOVE.size) return 'lean';
    if (order < FULL_BELOW.order && size < FULL_BELOW.size) return 'full';
    return this.mode ?? 'full';
  }

  /** A new renderer for the other mode, on the same graph and camera. */
  private swap(mode: RenderMode): void {
    const camera = this.renderer.getCamera().getState();
    this.renderer.kill();
    this.mode = mode;
    this.current = this.createRenderer(this.graph);
    this.current.getCamera().setState(camera);
  }

  /** Big graphs: the lean renderer, and a hover that redraws only what it touches. */
  tuneForSize(): void {
    if (this.current && !this.detached) {
      const wanted = this.wantedMode();
      if (wanted !== this.mode) this.swap(wanted);
    }
    this.filters.view.dimOnHover = this.graph.order <= 1500 && this.graph.size <= 4000;
  }

  /** Which renderer draws (tests and the bench read it). */
  get renderMode(): RenderMode {
    return this.mode;
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
    if (this.detached) this.reattach();
    else this.renderer.refresh({ schedule: true });
  }

  /**
   * Nodes the layout moved: sigma re-reads just these and uploads their places, without re-indexing the
   * graph (labels keep their placement until the next refresh; picking and edges follow at once).
   */
  nodesMoved(keys: string[]): void {
    if (this.detached) return;
    try {
      this.renderer.refresh({ partialGraph: { nodes: keys }, skipIndexation: true, schedule: true });
    } catch {
      this.refresh();
    }
  }

  /** After nodesMoved: one pass over the nodes places labels anew and updates the extent the camera frames. */
  reindex(): void {
    if (this.detached || !this.current) return;
    this.current.refresh({ partialGraph: { nodes: [] }, skipIndexation: false, schedule: true });
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
    this.boxSelect.kill();
    if (this.releasePointer) window.removeEventListener('mouseup', this.releasePointer);
    this.current?.kill();
  }
}
