// What is shown: filters (types, time range, amount) and highlights, applied by sigma reducers only.
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { CanvasGraph, EdgeAttrs, NodeAttrs } from './model.ts';
import {
  CADRE_RING,
  classOf,
  communityColor,
  DIM_EDGE,
  DIM_NODE,
  type SchemaIndex,
  SELECTION_RING,
} from './style.ts';

export interface FilterState {
  /** Relationship types switched off. */
  hiddenRelations: Set<string>;
  /** Legend classes switched off (entity types, plus `Cadre`). */
  hiddenClasses: Set<string>;
  /** Only timed relationships inside [from, to] (epoch ms) are shown; untimed ones are not affected. */
  timeRange: [number, number] | null;
  /** Only monetary relationships of at least this amount are shown; others are not affected. */
  minAmount: number;
  /** Hide nodes all of whose relationships are filtered out (nodes without any stay). */
  hideOrphans: boolean;
}

export function emptyFilters(): FilterState {
  return {
    hiddenRelations: new Set(),
    hiddenClasses: new Set(),
    timeRange: null,
    minAmount: 0,
    hideOrphans: true,
  };
}

/** Ring, colour and label decisions that are not filters: selection, hover, highlight, community colours. */
export interface ViewState {
  selected: Set<string>;
  hovered: string | null;
  hoverNeighbours: Set<string>;
  /** A highlighted subgraph (a path, a trace): the rest is dimmed. Null when nothing is highlighted. */
  highlight: { nodes: Set<string>; edges: Set<string> } | null;
  colorByCommunity: boolean;
  /** Hover dims everything but the hovered node's neighbourhood (small graphs: it redraws every item). */
  dimOnHover: boolean;
}

type NodeOut = Partial<NodeDisplayData> & { ringColor?: string; ringWidth?: number };

/**
 * Computes, on demand, the sets the reducers read (so a reducer call is a few look-ups): recompute() after
 * the graph or the filters change, then refresh sigma.
 */
export class FilterEngine {
  filters: FilterState = emptyFilters();
  readonly view: ViewState = {
    selected: new Set(),
    hovered: null,
    hoverNeighbours: new Set(),
    highlight: null,
    colorByCommunity: false,
    dimOnHover: true,
  };
  hiddenNodes = new Set<string>();
  hiddenEdges = new Set<string>();

  constructor(
    private readonly graph: CanvasGraph,
    private readonly schema: SchemaIndex,
  ) {}

  /** True when any filter narrows what is drawn. */
  get active(): boolean {
    const f = this.filters;
    return f.hiddenRelations.size > 0 || f.hiddenClasses.size > 0 || f.timeRange !== null || f.minAmount > 0;
  }

  /** A real relationship passes the relationship-level filters (type, time, amount). */
  edgePasses(attrs: EdgeAttrs): boolean {
    const f = this.filters;
    if (f.hiddenRelations.has(attrs.type)) return false;
    if (
      f.timeRange &&
      attrs.time !== undefined &&
      (attrs.time < f.timeRange[0] || attrs.time > f.timeRange[1])
    )
      return false;
    if (f.minAmount > 0 && attrs.amount !== undefined && this.schema.isMonetary(attrs.type))
      return attrs.amount >= f.minAmount;
    return true;
  }

  private nodeStructurallyHidden(attrs: NodeAttrs): boolean {
    return (
      !!attrs.groupId ||
      !!attrs.hiddenByUser ||
      this.filters.hiddenClasses.has(classOf(attrs.type, attrs.cadre))
    );
  }

  recompute(): void {
    const graph = this.graph;
    const hiddenNodes = new Set<string>();
    const hiddenEdges = new Set<string>();
    graph.forEachNode((key, attrs) => {
      if (this.nodeStructurallyHidden(attrs)) hiddenNodes.add(key);
    });
    const hasVisibleEdge = new Set<string>();
    graph.forEachEdge((key, attrs, source, target) => {
      const passes = attrs.via
        ? attrs.via.some((id) => graph.hasEdge(id) && this.edgePasses(graph.getEdgeAttributes(id)))
        : this.edgePasses(attrs);
      if (!passes || hiddenNodes.has(source) || hiddenNodes.has(target)) hiddenEdges.add(key);
      else {
        hasVisibleEdge.add(source);
        hasVisibleEdge.add(target);
      }
    });
    if (this.filters.hideOrphans && this.active)
      graph.forEachNode((key) => {
        if (!hiddenNodes.has(key) && !hasVisibleEdge.has(key) && graph.degree(key) > 0) {
          // Only real (non-group) relationships count: a node whose every tie is filtered out goes too.
          hiddenNodes.add(key);
        }
      });
    this.hiddenNodes = hiddenNodes;
    this.hiddenEdges = hiddenEdges;
  }

  /** Time span and largest amount of the relationships on the canvas (for the slider and amount input). */
  domain(): { timeMin: number | null; timeMax: number | null; amountMax: number } {
    let timeMin = Number.POSITIVE_INFINITY;
    let timeMax = Number.NEGATIVE_INFINITY;
    let amountMax = 0;
    this.graph.forEachEdge((_k, a) => {
      if (a.via) return;
      if (a.time !== undefined) {
        if (a.time < timeMin) timeMin = a.time;
        if (a.time > timeMax) timeMax = a.time;
      }
      if (a.amount !== undefined && a.amount > amountMax) amountMax = a.amount;
    });
    return Number.isFinite(timeMin)
      ? { timeMin, timeMax, amountMax }
      : { timeMin: null, timeMax: null, amountMax };
  }

  /** sigma nodeReducer: filters hide, then selection/hover/highlight decorate. */
  readonly nodeReducer = (key: string, data: NodeDisplayData, attrs: NodeAttrs): NodeOut => {
    if (this.hiddenNodes.has(key)) return { visibility: 'hidden' };
    const view = this.view;
    const out: NodeOut = {};
    if (view.colorByCommunity)
      out.color = attrs.community === undefined ? '#c5ccd6' : communityColor(attrs.community);
    if (attrs.expansion && attrs.expansion.more > 0)
      out.label = `${data.label ?? attrs.label} (+${attrs.expansion.more})`;
    // Without a key-person score, hubs of the canvas grow a little with their degree.
    if (attrs.score === undefined && attrs.type !== 'Group')
      out.size = attrs.size + Math.min(8, Math.log2(1 + this.graph.degree(key)) * 1.2);
    if (view.selected.has(key)) {
      out.ringColor = SELECTION_RING;
      out.ringWidth = 3;
      out.size = (out.size ?? attrs.size) + 2;
      out.labelVisibility = 'visible';
      out.zIndex = 2;
    } else if (attrs.cadre) {
      out.ringColor = CADRE_RING;
      out.ringWidth = 2.5;
    } else if (attrs.fixed) {
      out.ringColor = '#37474f';
      out.ringWidth = 1.5;
    }
    if (view.hovered && !view.dimOnHover) {
      // Big graphs: the hovered neighbourhood comes forward, nothing else is redrawn.
      if (key === view.hovered || view.hoverNeighbours.has(key)) {
        out.labelVisibility = 'visible';
        out.zIndex = Math.max(out.zIndex ?? 0, 1);
      }
      return out;
    }
    const focus = view.hovered ? view.hoverNeighbours : view.highlight?.nodes;
    if (focus && !focus.has(key) && key !== view.hovered && !view.selected.has(key)) {
      out.color = DIM_NODE;
      out.labelVisibility = 'hidden';
      out.ringWidth = 0;
      out.zIndex = -1;
    } else if (focus) {
      out.labelVisibility = 'visible';
      out.zIndex = Math.max(out.zIndex ?? 0, 1);
    }
    return out;
  };

  /** sigma edgeReducer: filters hide, hover/highlight dim the rest. */
  readonly edgeReducer = (
    key: string,
    _data: EdgeDisplayData,
    _attrs: EdgeAttrs,
  ): Partial<EdgeDisplayData> => {
    if (this.hiddenEdges.has(key)) return { visibility: 'hidden' };
    const view = this.view;
    if (view.hovered) {
      const graph = this.graph;
      const incident = graph.source(key) === view.hovered || graph.target(key) === view.hovered;
      if (incident) return { zIndex: 1 };
      return view.dimOnHover ? { color: DIM_EDGE, zIndex: -1 } : {};
    }
    if (view.highlight)
      return view.highlight.edges.has(key) ? { zIndex: 1 } : { color: DIM_EDGE, zIndex: -1 };
    return {};
  };

  /** Hover: the node and its drawn neighbours stay, everything else dims. */
  setHovered(node: string | null): void {
    this.view.hovered = node;
    this.view.hoverNeighbours = new Set(node && this.graph.hasNode(node) ? this.graph.neighbors(node) : []);
  }

  setHighlight(nodes: Iterable<string> | null, edges: Iterable<string> = []): void {
    this.view.highlight = nodes ? { nodes: new Set(nodes), edges: new Set(edges) } : null;
  }
}
