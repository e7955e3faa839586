// Runs ForceAtlas2 in its worker and shows the positions it posts, a time-boxed slice of nodes per animation frame.
import { type FromLayout, iterationBudget, layoutSettings, type ToLayout } from './layout-protocol.ts';
import type { CanvasGraph } from './model.ts';

const PPN = 10;
const PPE = 3;

export interface LayoutStatus {
  running: boolean;
  iterations: number;
  rate: number;
}

/** The page the positions go to (the Canvas). */
export interface LayoutView {
  /** True while the user pans, zooms or drags: positions wait (the camera moves smoothly meanwhile). */
  interacting(): boolean;
  /** The cost in ms of the page's last redraw: the next slice waits twice as long, so the page stays free. */
  readonly frameCost: number;
  /** These nodes' x/y changed: redraw them without re-indexing the whole graph. */
  nodesMoved(keys: string[]): void;
  /** Re-index the nodes once they are all shown: labels placed anew, the extent the camera frames updated. */
  reindex(): void;
}

/** Main-thread time one slice may take: well under the 100 ms that makes a page feel stuck. */
const SLICE_BUDGET_MS = 30;

export class LayoutRunner {
  private worker: Worker | null = null;
  private nextApply = 0;
  private timer = 0;
  view: LayoutView | null = null;
  /** Newest positions from the worker, and how far the page has shown them. */
  private latest: FromLayout | null = null;
  private cursor = 0;
  /** Nodes not yet shown at the newest positions (a sweep starts wherever the cursor is). */
  private unshown = 0;
  /** Measured cost of redrawing one moved node, in ms (sizes the next slice). */
  private perNode = 0.02;
  private run = 0;
  private order: string[] = [];
  private indexOf = new Map<string, number>();
  private frame = 0;
  private restartTimer = 0;
  status: LayoutStatus = { running: false, iterations: 0, rate: 0 };
  private readonly listeners = new Set<(status: LayoutStatus) => void>();

  constructor(private readonly graph: CanvasGraph) {}

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./layout.worker.ts', import.meta.url), {
        type: 'module',
        name: 'fa2',
      });
      this.worker.onmessage = (event: MessageEvent<FromLayout>) => this.receive(event.data);
    }
    return this.worker;
  }

  private send(message: ToLayout, transfer: Transferable[] = []): void {
    this.ensureWorker().postMessage(message, transfer);
  }

  /** (Re)starts the layout from the current positions; pinned nodes stay where they are. */
  start(): void {
    const graph = this.graph;
    if (graph.order < 2) {
      this.stop();
      return;
    }
    this.order = graph.nodes();
    this.indexOf = new Map(this.order.map((key, i) => [key, i]));
    const nodes = new Float32Array(this.order.length * PPN);
    graph.forEachNode((key, a) => {
      const j = this.indexOf.get(key)! * PPN;
      nodes[j] = a.x;
      nodes[j + 1] = a.y;
      nodes[j + 6] = 1; // mass: 1 + weighted degree, added below
      nodes[j + 7] = 1; // convergence
      nodes[j + 8] = a.size || 1;
      nodes[j + 9] = a.fixed ? 1 : 0;
    });
    // One weighted tie per pair of nodes: 30 transfers between two accounts must not pull like 30 ties.
    // Keyed a * order + b (a < b): numbers, not strings, so 80,000 edges cost no string per edge.
    const n = this.order.length;
    const pairs = new Map<number, number>();
    graph.forEachEdge((_key, attrs, source, target) => {
      if (source === target || attrs.via) return;
      const a = this.indexOf.get(source)!;
      const b = this.indexOf.get(target)!;
      const id = a < b ? a * n + b : b * n + a;
      pairs.set(id, (pairs.get(id) ?? 0) + 1);
    });
    const edges = new Float32Array(pairs.size * PPE);
    let j = 0;
    for (const [id, count] of pairs) {
      const a = Math.floor(id / n);
      const b = id % n;
      const weight = 1 + Math.log(count);
      edges[j] = a * PPN;
      edges[j + 1] = b * PPN;
      edges[j + 2] = weight;
      nodes[a * PPN + 6]! += weight;
      nodes[b * PPN + 6]! += weight;
      j += PPE;
    }
    this.run++;
    this.latest = null;
    this.cursor = 0;
    this.unshown = 0;
    this.status = { running: true, iterations: 0, rate: 0 };
    this.emit();
    const order = this.order.length;
    this.send(
      {
        kind: 'start',
        run: this.run,
        nodes,
        edges,
        settings: layoutSettings(order),
        maxIterations: iterationBudget(order),
      },
      [nodes.buffer, edges.buffer],
    );
  }

  stop(): void {
    if (this.worker) this.send({ kind: 'stop' });
    this.status = { ...this.status, running: false };
    this.emit();
  }

  toggle(): void {
    if (this.status.running) this.stop();
    else this.start();
  }

  /** The graph changed (nodes added or removed): restart soon, once, from where things are. */
  restartSoon(delayMs = 120): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = window.setTimeout(() => this.start(), delayMs);
  }

  /** A node was dragged or pinned: the worker takes its place and holds it (or releases it). */
  moveNode(key: string): void {
    const index = this.indexOf.get(key);
    if (index === undefined || !this.status.running || !this.graph.hasNode(key)) return;
    const a = this.graph.getNodeAttributes(key);
    this.send({ kind: 'move', index, x: a.x, y: a.y, fixed: !!a.fixed });
  }

  private receive(message: FromLayout): void {
    if (message.run !== this.run) return;
    this.latest = message;
    this.unshown = this.order.length;
    // Every node's attributes take the newest place at once (cheap, and exports or a saved view read them);
    // the renderer is told in slices (show()).
    const { xy } = message;
    const indexOf = this.indexOf;
    this.graph.forEachNode((key, attrs) => {
      const i = indexOf.get(key);
      if (i === undefined || attrs.fixed) return;
      attrs.x = xy[i * 2]!;
      attrs.y = xy[i * 2 + 1]!;
    });
    // Running until the last positions are on the screen, not just in the worker's message.
    this.status = { running: true, iterations: message.iterations, rate: message.rate };
    this.schedule();
  }

  /** Next frame, unless the user is moving the view or the last redraw asks for a pause. */
  private schedule(): void {
    if (this.frame || this.timer || this.unshown === 0) return;
    const interacting = this.view?.interacting() ?? false;
    const wait = interacting ? 120 : this.nextApply - performance.now();
    if (wait > 0) {
      this.timer = window.setTimeout(() => {
        this.timer = 0;
        this.schedule();
      }, wait);
      return;
    }
    this.frame = requestAnimationFrame(() => this.show());
  }

  /**
   * Shows the newest positions: all at once on a small graph; on a big one a slice of nodes per frame, as many
   * as fit the time budget, because sigma re-indexing 20,000 nodes in one go blocks the page for half a second.
   * Once the layout is done and every node shown, one re-index places the labels.
   */
  private show(): void {
    this.frame = 0;
    const message = this.latest;
    const view = this.view;
    if (!message || !view) return;
    if (view.interacting() && !message.done) {
      this.schedule();
      return;
    }
    const order = this.order.length;
    const slice = Math.max(200, Math.floor(SLICE_BUDGET_MS / this.perNode));
    const started = performance.now();
    if (slice >= order) {
      view.nodesMoved(this.order.filter((key) => this.graph.hasNode(key)));
      view.reindex();
      this.perNode = 0.7 * this.perNode + (0.3 * (performance.now() - started)) / Math.max(1, order);
      this.cursor = 0;
      this.unshown = 0;
    } else {
      const start = this.cursor;
      const end = Math.min(order, start + Math.min(slice, this.unshown));
      const keys = this.order.slice(start, end).filter((key) => this.graph.hasNode(key));
      view.nodesMoved(keys);
      this.perNode = 0.7 * this.perNode + (0.3 * (performance.now() - started)) / Math.max(1, keys.length);
      this.cursor = end === order ? 0 : end;
      this.unshown = Math.max(0, this.unshown - (end - start));
      if (this.unshown === 0 && message.done) view.reindex();
    }
    this.nextApply = performance.now() + Math.max(0, 2 * view.frameCost);
    if (this.unshown === 0 && message.done) this.status = { ...this.status, running: false };
    this.emit();
    this.schedule();
  }

  /** Hears the status after positions are applied and when the layout starts or stops. */
  onStatus(listener: (status: LayoutStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.status);
  }

  kill(): void {
    clearTimeout(this.restartTimer);
    clearTimeout(this.timer);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.view = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
