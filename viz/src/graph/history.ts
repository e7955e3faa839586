// Undo/redo: every canvas command edits the graph through a GraphEdit, which records primitive, invertible steps.
import type { Attributes } from 'graphology-types';
import type { CanvasGraph, EdgeAttrs, NodeAttrs } from './model.ts';

interface SavedEdge {
  key: string;
  source: string;
  target: string;
  attrs: EdgeAttrs;
}

type Step =
  | { kind: 'addNode'; key: string; attrs: NodeAttrs }
  | { kind: 'dropNode'; key: string; attrs: NodeAttrs; edges: SavedEdge[] }
  | { kind: 'addEdge'; edge: SavedEdge }
  | { kind: 'dropEdge'; edge: SavedEdge }
  | { kind: 'setNode'; key: string; name: keyof NodeAttrs; before: unknown; after: unknown };

const copy = <T extends Attributes>(attrs: T): T => ({ ...attrs });

/** The graph changes of one command, applied as they are recorded. */
export class GraphEdit {
  readonly steps: Step[] = [];

  constructor(readonly graph: CanvasGraph) {}

  addNode(key: string, attrs: NodeAttrs): void {
    if (this.graph.hasNode(key)) return;
    this.graph.addNode(key, attrs);
    this.steps.push({ kind: 'addNode', key, attrs: copy(attrs) });
  }

  dropNode(key: string): void {
    if (!this.graph.hasNode(key)) return;
    const edges: SavedEdge[] = this.graph.mapEdges(key, (edge, attrs, source, target) => ({
      key: edge,
      source,
      target,
      attrs: copy(attrs),
    }));
    const attrs = copy(this.graph.getNodeAttributes(key));
    this.graph.dropNode(key);
    this.steps.push({ kind: 'dropNode', key, attrs, edges });
  }

  addEdge(key: string, source: string, target: string, attrs: EdgeAttrs): void {
    if (this.graph.hasEdge(key) || !this.graph.hasNode(source) || !this.graph.hasNode(target)) return;
    this.graph.addDirectedEdgeWithKey(key, source, target, attrs);
    this.steps.push({ kind: 'addEdge', edge: { key, source, target, attrs: copy(attrs) } });
  }

  dropEdge(key: string): void {
    if (!this.graph.hasEdge(key)) return;
    const edge = {
      key,
      source: this.graph.source(key),
      target: this.graph.target(key),
      attrs: copy(this.graph.getEdgeAttributes(key)),
    };
    this.graph.dropEdge(key);
    this.steps.push({ kind: 'dropEdge', edge });
  }

  /** Sets a node attribute (undefined removes it), recording the value it had. */
  setNode<K extends keyof NodeAttrs>(key: string, name: K, value: NodeAttrs[K]): void {
    if (!this.graph.hasNode(key)) return;
    const before = this.graph.getNodeAttribute(key, name);
    if (before === value) return;
    this.write(key, name, value);
    this.steps.push({ kind: 'setNode', key, name, before, after: value });
  }

  /** Records a change already made outside (a drag moved the node): `before` is what undo restores. */
  recordSet<K extends keyof NodeAttrs>(key: string, name: K, before: NodeAttrs[K]): void {
    if (!this.graph.hasNode(key)) return;
    const after = this.graph.getNodeAttribute(key, name);
    if (before !== after) this.steps.push({ kind: 'setNode', key, name, before, after });
  }

  private write(key: string, name: keyof NodeAttrs, value: unknown): void {
    if (value === undefined) this.graph.removeNodeAttribute(key, name);
    else this.graph.setNodeAttribute(key, name, value as never);
  }

  /** Replays the steps backwards, each inverted. */
  undo(): void {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i]!;
      switch (step.kind) {
        case 'addNode':
          if (this.graph.hasNode(step.key)) this.graph.dropNode(step.key);
          break;
        case 'dropNode':
          this.graph.addNode(step.key, copy(step.attrs));
          for (const e of step.edges)
            if (!this.graph.hasEdge(e.key) && this.graph.hasNode(e.source) && this.graph.hasNode(e.target))
              this.graph.addDirectedEdgeWithKey(e.key, e.source, e.target, copy(e.attrs));
          break;
        case 'addEdge':
          if (this.graph.hasEdge(step.edge.key)) this.graph.dropEdge(step.edge.key);
          break;
        case 'dropEdge': {
          const e = step.edge;
          if (this.graph.hasNode(e.source) && this.graph.hasNode(e.target))
            this.graph.addDirectedEdgeWithKey(e.key, e.source, e.target, copy(e.attrs));
          break;
        }
        case 'setNode':
          if (this.graph.hasNode(step.key)) this.write(step.key, step.name, step.before);
      }
    }
  }

  /** Replays the steps forwards again. */
  redo(): void {
    const steps = this.steps.splice(0);
    for (const step of steps) {
      switch (step.kind) {
        case 'addNode':
          this.addNode(step.key, copy(step.attrs));
          break;
        case 'dropNode':
          this.dropNode(step.key);
          break;
        case 'addEdge':
          this.addEdge(step.edge.key, step.edge.source, step.edge.target, copy(step.edge.attrs));
          break;
        case 'dropEdge':
          this.dropEdge(step.edge.key);
          break;
        case 'setNode':
          this.setNode(step.key, step.name, step.after as never);
      }
    }
  }
}

export interface HistoryEntry {
  /** A translatable command name (`cmd.expand`…), shown in the undo button's tooltip. */
  label: string;
  edit: GraphEdit;
}

/** The command stack: run(), undo(), redo(); listeners hear every change of the graph through it. */
export class History {
  private readonly done: HistoryEntry[] = [];
  private readonly undone: HistoryEntry[] = [];
  private readonly listeners = new Set<() => void>();
  /**
   * Runs a change of about `size` steps; the canvas sets it to detach the renderer during big changes (one
   * redraw at the end instead of one per node and edge).
   */
  batch: <T>(size: number, work: () => T) => T = (_size, work) => work();

  constructor(
    private readonly graph: CanvasGraph,
    private readonly limit = 200,
  ) {}

  /** Runs `work` as one undoable command; a command that changed nothing is not kept. */
  run<T>(label: string, work: (edit: GraphEdit) => T, sizeHint = 0): T {
    const edit = new GraphEdit(this.graph);
    const result = this.batch(sizeHint, () => work(edit));
    if (edit.steps.length) {
      this.done.push({ label, edit });
      if (this.done.length > this.limit) this.done.shift();
      this.undone.length = 0;
      this.emit();
    }
    return result;
  }

  undo(): string | undefined {
    const entry = this.done.pop();
    if (!entry) return undefined;
    this.batch(entry.edit.steps.length, () => entry.edit.undo());
    this.undone.push(entry);
    this.emit();
    return entry.label;
  }

  redo(): string | undefined {
    const entry = this.undone.pop();
    if (!entry) return undefined;
    this.batch(entry.edit.steps.length, () => entry.edit.redo());
    this.done.push(entry);
    this.emit();
    return entry.label;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get nextUndo(): string | undefined {
    return this.done.at(-1)?.label;
  }

  get nextRedo(): string | undefined {
    return this.undone.at(-1)?.label;
  }

  /** Forgets every command (a new canvas). */
  reset(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.emit();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
