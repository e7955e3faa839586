// The application context every component receives: API, user, schema, graph, commands, and an event bus.
import type { ApiClient } from '../api/client.ts';
import type { GraphPayload, Me } from '../api/types.ts';
import type { Canvas } from '../graph/canvas.ts';
import type { Commands } from '../graph/commands.ts';
import type { FilterEngine } from '../graph/filters.ts';
import type { History } from '../graph/history.ts';
import type { LayoutRunner } from '../graph/layout.ts';
import type { CanvasGraph } from '../graph/model.ts';
import type { SchemaIndex } from '../graph/style.ts';
import type { Lang } from '../i18n/index.ts';

/** Events components send each other (panels added later listen and send the same ones). */
export interface AppEvents {
  /** The selection changed (canvas clicks, box select, panels). */
  selection: { ids: string[] };
  /** An entity should be shown in the detail panel. */
  focus: { id: string };
  /** The canvas graph changed (any command, undo, redo). */
  graph: Record<string, never>;
  /** Filters or view options changed (reducers re-ran). */
  view: Record<string, never>;
  lang: { lang: Lang };
  /** A clue was asked for (detail panel → the clue panel opens its evidence). */
  'clue:open': { id: string };
  /** An answer's graph to draw, from any panel: merged by the one merge function. */
  'graph:show': { payload: GraphPayload; seeds?: 'all' | string[]; highlight?: boolean; title?: string };
  /** A short message in the status bar. */
  notice: { text: string; kind?: 'info' | 'error' };
  /** A panel should come to the front of the dock. */
  'panel:open': { id: string };
}

type Listener<T> = (payload: T) => void;

export class EventBus<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        console.error(`[qingfeng] listener of ${String(name)} failed`, error);
      }
    }
  }
}

/** Selected node ids, in the order they were chosen (the path finder takes the first two). */
export class Selection {
  private ids: string[] = [];

  constructor(
    private readonly bus: EventBus<AppEvents>,
    private readonly onChange: (ids: ReadonlySet<string>) => void,
  ) {}

  get list(): readonly string[] {
    return this.ids;
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.ids.includes(id);
  }

  set(ids: Iterable<string>): void {
    this.ids = [...new Set(ids)];
    this.changed();
  }

  toggle(id: string): void {
    this.ids = this.has(id) ? this.ids.filter((x) => x !== id) : [...this.ids, id];
    this.changed();
  }

  add(ids: Iterable<string>): void {
    this.set([...this.ids, ...ids]);
  }

  /** Drops ids no longer on the canvas (after undo, collapse…). */
  keepOnly(exists: (id: string) => boolean): void {
    const kept = this.ids.filter(exists);
    if (kept.length !== this.ids.length) {
      this.ids = kept;
      this.changed();
    }
  }

  clear(): void {
    if (this.ids.length) this.set([]);
  }

  private changed(): void {
    this.onChange(new Set(this.ids));
    this.bus.emit('selection', { ids: [...this.ids] });
  }
}

export interface AppContext {
  api: ApiClient;
  me: Me;
  schema: SchemaIndex;
  graph: CanvasGraph;
  history: History;
  filters: FilterEngine;
  layout: LayoutRunner;
  canvas: Canvas;
  commands: Commands;
  selection: Selection;
  bus: EventBus<AppEvents>;
  /** True when the user's role grants `permission` (from GET /api/auth/me). */
  can: (permission: string) => boolean;
}
