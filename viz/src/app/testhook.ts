// window.__qingfeng: a read-mostly window onto the viewer's state for end-to-end tests and the benchmark.
import { lang } from '../i18n/index.ts';
import type { AppContext } from './context.ts';

export interface NodeView {
  id: string;
  label: string;
  /** The label as drawn (reducers may add to it, e.g. "(+35)" for more neighbours). */
  displayLabel: string | null;
  type: string;
  visible: boolean;
  /** Position in the canvas element's pixels (for real mouse clicks in tests). */
  x: number;
  y: number;
  size: number;
  color: string;
  ringColor: string | null;
  pinned: boolean;
  expansionMore: number | null;
}

export interface EdgeView {
  id: string;
  type: string;
  source: string;
  target: string;
  /** As sigma draws it after the reducers. */
  visible: boolean;
}

export interface TestHook {
  ready: boolean;
  ctx: AppContext | null;
  lang: () => string;
  nodes: () => NodeView[];
  edges: () => EdgeView[];
  node: (id: string) => NodeView | null;
  selection: () => string[];
  layout: () => { running: boolean; iterations: number; rate: number };
  history: () => { canUndo: boolean; canRedo: boolean };
}

function nodeView(ctx: AppContext, id: string): NodeView | null {
  const { graph, canvas } = ctx;
  if (!graph.hasNode(id)) return null;
  const attrs = graph.getNodeAttributes(id);
  const data = canvas.sigma.getNodeDisplayData(id) as
    | (ReturnType<typeof canvas.sigma.getNodeDisplayData> & { ringColor?: string })
    | undefined;
  const p = data ? canvas.sigma.framedGraphToViewport(data) : { x: Number.NaN, y: Number.NaN };
  return {
    id,
    label: attrs.label,
    displayLabel: data?.label ?? null,
    type: attrs.type,
    visible: !!data && data.visibility !== 'hidden',
    x: p.x,
    y: p.y,
    size: data?.size ?? attrs.size,
    color: data?.color ?? attrs.color,
    ringColor: data?.ringColor && data.ringColor !== '#00000000' ? data.ringColor : null,
    pinned: !!attrs.fixed,
    expansionMore: attrs.expansion ? attrs.expansion.more : null,
  };
}

const hook: TestHook = {
  ready: false,
  ctx: null,
  lang: () => lang(),
  nodes: () => (hook.ctx ? hook.ctx.graph.nodes().map((id) => nodeView(hook.ctx!, id)!) : []),
  edges: () => {
    const ctx = hook.ctx;
    if (!ctx) return [];
    return ctx.graph.mapEdges((id, attrs, source, target) => {
      const data = ctx.canvas.sigma.getEdgeDisplayData(id);
      return { id, type: attrs.type, source, target, visible: !!data && data.visibility !== 'hidden' };
    });
  },
  node: (id) => (hook.ctx ? nodeView(hook.ctx, id) : null),
  selection: () => (hook.ctx ? [...hook.ctx.selection.list] : []),
  layout: () => hook.ctx?.layout.status ?? { running: false, iterations: 0, rate: 0 },
  history: () => ({ canUndo: !!hook.ctx?.history.canUndo, canRedo: !!hook.ctx?.history.canRedo }),
};

declare global {
  interface Window {
    __qingfeng: TestHook;
  }
}

/** Points the hook at the logged-in workspace (null after logout). */
export function installTestHook(ctx: AppContext | null): void {
  hook.ctx = ctx;
  hook.ready = !!ctx;
  window.__qingfeng = hook;
}
