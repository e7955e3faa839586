// Runs ForceAtlas2 in its worker and applies the positions it posts, at most once per animation frame.
import { type FromLayout, iterationBudget, layoutSettings, type ToLayout } from './layout-protocol.ts';
import type { CanvasGraph } from './model.ts';

const PPN = 10;
const PPE = 3;

export interface LayoutStatus {
  running: boolean;
  iterations: number;
  rate: number;
}

/** What the runner asks of the page before applying positions. */
export interface LayoutPacing {
  /** True while the user pans, zooms or drags: positions wait (the camera moves smoothly meanwhile). */
  interacting: () => boolean;
  /** The cost in ms of the page's last redraw: the next batch waits twice as long, so the page stays free. */
  frameCost: () => number;
}

export class LayoutRunner {
  private worker: Worker | null = null;
  private nextApply = 0;
  private timer = 0;
  pacing: LayoutPacing = { interacting: () => false, frameCost: () => 0 };
  private run = 0;
  private order: string[] = [];
  private indexOf = new Map<string, number>();
  private pending: FromLayout | null = null;
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
    const pairs = new Map<string, number>();
    graph.forEachEdge((_key, attrs, source, target) => {
      if (source === target || attrs.via) return;
      const a = this.indexOf.get(source)!;
      const b = this.indexOf.get(target)!;
      const id = a < b ? `${a},${b}` : `${b},${a}`;
      pairs.set(id, (pairs.get(id) ?? 0) + 1);
    });
    const edges = new Float32Array(pairs.size * PPE);
    let j = 0;
    for (const [id, count] of pairs) {
      const comma = id.indexOf(',');
      const a = Number(id.slice(0, comma));
      const b = Number(id.slice(comma + 1));
      const weight = 1 + Math.log(count);
      edges[j] = a * PPN;
      edges[j + 1] = b * PPN;
      edges[j + 2] = weight;
      nodes[a * PPN + 6]! += weight;
      nodes[b * PPN + 6]! += weight;
      j += PPE;
    }
    this.run++;
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
    this.pending = message;
    this.schedule();
  }

  /** Next frame, unless the user is moving the view or the last redraw asks for a pause. */
  private schedule(): void {
    if (this.frame || this.timer) return;
    const wait = this.pacing.interacting() ? 120 : this.nextApply - performance.now();
    if (wait > 0) {
      this.timer = window.setTimeout(() => {
        this.timer = 0;
        this.schedule();
      }, wait);
      return;
    }
    this.frame = requestAnimationFrame(() => this.apply());
  }

  /** Applies the newest batch only (older ones are dropped): one graph update per frame at most. */
  private apply(): void {
    this.frame = 0;
    const message = this.pending;
    this.pending = null;
    if (!message) return;
    if (this.pacing.interacting() && !message.done) {
      this.pending = message;
      this.schedule();
      return;
    }
    this.nextApply = performance.now() + Math.max(0, 2 * this.pacing.frameCost());
    const { xy } = message;
    const indexOf = this.indexOf;
    this.graph.updateEachNodeAttributes(
      (key, attrs) => {
        const i = indexOf.get(key);
        if (i === undefined || attrs.fixed) return attrs;
        attrs.x = xy[i * 2]!;
        attrs.y = xy[i * 2 + 1]!;
        return attrs;
      },
      { attributes: ['x', 'y'] },
    );
    this.status = { running: !message.done, iterations: message.iterations, rate: message.rate };
    this.emit();
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
    this.worker?.terminate();
    this.worker = null;
  }
}
