// Canvas commands, each one undoable: show an answer, drop, expand (paged), collapse, pin, hide, remove, move.

import type { GraphPayload, PayloadNode } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { t } from '../i18n/index.ts';
import { groupNodes, ungroupNode } from './group.ts';
import { applyCommunities, applyScores, type MergeOptions, mergePayload } from './model.ts';

/** Neighbours fetched per expansion page (the API caps at 500). */
export const EXPAND_PAGE = 40;

export class Commands {
  private shape = '';

  constructor(private readonly ctx: AppContext) {
    ctx.history.onChange(() => this.afterChange());
  }

  /** Graph changed through the history (commands, undo, redo): filters, canvas, layout, selection follow. */
  private afterChange(): void {
    const { graph, filters, canvas, layout, selection, bus } = this.ctx;
    filters.recompute();
    canvas.tuneForSize();
    canvas.refresh();
    selection.keepOnly((id) => graph.hasNode(id));
    const shape = `${graph.order}:${graph.size}`;
    if (shape !== this.shape) {
      this.shape = shape;
      layout.restartSoon();
    }
    bus.emit('graph', {});
  }

  /** THE entry for any answer: merges its graph payload (undoable), optionally highlighting it. */
  show(
    payload: GraphPayload,
    options: MergeOptions & { label?: string; highlight?: boolean } = {},
  ): string[] {
    const { history, schema, filters } = this.ctx;
    const result = history.run(options.label ?? 'cmd.show', (edit) =>
      mergePayload(edit, schema, payload, options),
    );
    if (options.highlight) {
      filters.setHighlight(
        payload.nodes.map((n) => n.id),
        payload.edges.map((e) => e.id),
      );
      this.ctx.canvas.refresh();
      this.ctx.bus.emit('view', {});
    }
    return result.addedNodes;
  }

  /** Drops one entity (a search hit) onto the canvas, selects it and shows its detail. */
  drop(node: PayloadNode): void {
    const first = this.ctx.graph.order === 0;
    this.show({ nodes: [node], edges: [] }, { seeds: 'all', label: 'cmd.drop' });
    this.ctx.selection.set([node.id]);
    this.ctx.bus.emit('focus', { id: node.id });
    requestAnimationFrame(() => (first ? this.ctx.canvas.fit() : this.ctx.canvas.focusNode(node.id)));
  }

  /**
   * Expands a node's neighbourhood, one page at a time: the first call loads the first page, later calls (or
   * `more`) the next page while the API says there are more. Groups are ungrouped instead.
   */
  async expand(id: string, options: { more?: boolean; types?: string[] } = {}): Promise<void> {
    const { graph, api, history, schema, bus } = this.ctx;
    if (!graph.hasNode(id)) return;
    const attrs = graph.getNodeAttributes(id);
    if (attrs.type === 'Group') {
      this.ungroup(id);
      return;
    }
    const state = attrs.expansion;
    const next = (options.more || (state && state.more > 0)) && state ? state.loaded : 0;
    if (state && next === 0 && state.more === 0 && !options.types) {
      bus.emit('notice', { text: t('notice.allShown', { name: attrs.label }) });
      return;
    }
    bus.emit('notice', { text: t('notice.expanding', { name: attrs.label }) });
    const answer = await api.neighbours(id, { limit: EXPAND_PAGE, offset: next, types: options.types });
    history.run(
      'cmd.expand',
      (edit) => {
        mergePayload(edit, schema, answer.graph, { around: id });
        if (!options.types)
          edit.setNode(id, 'expansion', {
            loaded: answer.offset + answer.returned,
            total: answer.total,
            more: answer.more,
          });
      },
      answer.graph.nodes.length + answer.graph.edges.length,
    );
    bus.emit('notice', {
      text:
        answer.more > 0
          ? t('notice.expandedMore', { n: answer.returned, more: answer.more })
          : t('notice.expanded', { n: answer.returned }),
    });
  }

  /**
   * Collapses a node: removes what hangs only on it — the parts of the canvas that would be cut off without it
   * and hold no seed or pinned node.
   */
  collapse(id: string): void {
    const { graph, history } = this.ctx;
    if (!graph.hasNode(id)) return;
    const adjacent = (n: string): string[] => {
      const out = graph.neighbors(n);
      const a = graph.getNodeAttributes(n);
      if (a.members) out.push(...a.members);
      if (a.groupId) out.push(a.groupId);
      return out;
    };
    const seen = new Set<string>([id]);
    const removal: string[] = [];
    for (const start of adjacent(id)) {
      if (seen.has(start)) continue;
      const component: string[] = [];
      let anchored = false;
      const queue = [start];
      seen.add(start);
      while (queue.length) {
        const n = queue.pop()!;
        component.push(n);
        const a = graph.getNodeAttributes(n);
        if (a.seed || a.fixed) anchored = true;
        for (const m of adjacent(n))
          if (!seen.has(m)) {
            seen.add(m);
            queue.push(m);
          }
      }
      if (!anchored) removal.push(...component);
    }
    history.run(
      'cmd.collapse',
      (edit) => {
        for (const n of removal) edit.dropNode(n);
        edit.setNode(id, 'expansion', undefined);
      },
      removal.length * 4,
    );
    this.ctx.bus.emit('notice', { text: t('notice.collapsed', { n: removal.length }) });
  }

  pin(ids: readonly string[], on: boolean): void {
    const { history, layout } = this.ctx;
    history.run(on ? 'cmd.pin' : 'cmd.unpin', (edit) => {
      for (const id of ids) edit.setNode(id, 'fixed', on ? true : undefined);
    });
    for (const id of ids) layout.moveNode(id);
  }

  /** Nodes dragged: keep them where they were dropped (pinned); undo puts them back. */
  moved(before: Map<string, { x: number; y: number; fixed: boolean }>): void {
    const { history, layout } = this.ctx;
    history.run('cmd.move', (edit) => {
      for (const [id, b] of before) {
        edit.recordSet(id, 'x', b.x);
        edit.recordSet(id, 'y', b.y);
        edit.setNode(id, 'fixed', true);
      }
    });
    for (const id of before.keys()) layout.moveNode(id);
  }

  hide(ids: readonly string[]): void {
    this.ctx.history.run('cmd.hide', (edit) => {
      for (const id of ids) edit.setNode(id, 'hiddenByUser', true);
    });
    this.ctx.selection.set(this.ctx.selection.list.filter((id) => !ids.includes(id)));
  }

  showHidden(): void {
    const { graph, history } = this.ctx;
    const hidden = graph.filterNodes((_k, a) => !!a.hiddenByUser);
    history.run('cmd.showHidden', (edit) => {
      for (const id of hidden) edit.setNode(id, 'hiddenByUser', undefined);
    });
  }

  remove(ids: readonly string[]): void {
    const { graph, history } = this.ctx;
    history.run('cmd.remove', (edit) => {
      for (const id of ids) {
        if (!graph.hasNode(id)) continue;
        for (const member of graph.getNodeAttribute(id, 'members') ?? []) edit.dropNode(member);
        edit.dropNode(id);
      }
    });
  }

  group(ids: readonly string[]): string | null {
    const { graph, history, schema, selection, bus } = this.ctx;
    const id = history.run('cmd.group', (edit) => groupNodes(edit, schema, ids));
    if (!id) bus.emit('notice', { text: t('notice.groupNeedsTwo'), kind: 'error' });
    else if (graph.hasNode(id)) {
      selection.set([id]);
      bus.emit('focus', { id });
    }
    return id;
  }

  ungroup(id: string): void {
    const { graph, history, selection } = this.ctx;
    const members = graph.hasNode(id) ? (graph.getNodeAttribute(id, 'members') ?? []) : [];
    history.run('cmd.ungroup', (edit) => ungroupNode(edit, id));
    if (members.length) selection.set(members);
  }

  clear(): void {
    const { graph, history, filters } = this.ctx;
    history.run(
      'cmd.clear',
      (edit) => {
        for (const id of graph.nodes()) edit.dropNode(id);
      },
      graph.order + graph.size,
    );
    filters.setHighlight(null);
  }

  undo(): void {
    const label = this.ctx.history.undo();
    if (label) this.ctx.bus.emit('notice', { text: t('notice.undone', { what: t(label as never) }) });
  }

  redo(): void {
    const label = this.ctx.history.redo();
    if (label) this.ctx.bus.emit('notice', { text: t('notice.redone', { what: t(label as never) }) });
  }

  /**
   * Seeds for analysis calls: every entity on the canvas while that is at most 150, else the user's seeds;
   * one hop around them (the API's hops=0 projects the seeds without their ties).
   */
  private analysisScope(): { seeds: string[]; hops: number } {
    const { graph } = this.ctx;
    const drawn = graph.filterNodes((_k, a) => a.type !== 'Group');
    if (drawn.length <= 150) return { seeds: drawn, hops: 1 };
    const seeds = graph.filterNodes((_k, a) => !!a.seed && a.type !== 'Group');
    return { seeds: (seeds.length ? seeds : drawn).slice(0, 150), hops: 1 };
  }

  /** Sizes nodes by key-person score (GET /api/analysis/keypersons around the canvas). */
  async scoreKeyPersons(): Promise<number> {
    const { api, history, schema, bus } = this.ctx;
    const { seeds, hops } = this.analysisScope();
    if (!seeds.length) return 0;
    bus.emit('notice', { text: t('notice.working') });
    const answer = await api.keyPersons(seeds, hops);
    const scores = new Map(answer.persons.map((p) => [p.id, p.score]));
    history.run('cmd.keyPersons', (edit) => applyScores(edit, schema, scores));
    const scored = answer.persons.filter((p) => this.ctx.graph.hasNode(p.id)).length;
    bus.emit('notice', { text: t('notice.scored', { n: scored }) });
    return scored;
  }

  /** Community numbers for the canvas (GET /api/analysis/communities around it); colours follow on toggle. */
  async detectCommunities(): Promise<number> {
    const { api, history, bus } = this.ctx;
    const { seeds, hops } = this.analysisScope();
    if (!seeds.length) return 0;
    bus.emit('notice', { text: t('notice.working') });
    const answer = await api.communities(seeds, hops);
    const membership = new Map(Object.entries(answer.membership));
    history.run('cmd.communities', (edit) => applyCommunities(edit, membership));
    const found = new Set([...membership].filter(([id]) => this.ctx.graph.hasNode(id)).map(([, c]) => c))
      .size;
    bus.emit('notice', { text: t('notice.communities', { n: found }) });
    return found;
  }
}
