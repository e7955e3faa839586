// Shift+drag on the empty stage draws a selection box; the nodes drawn inside it are handed to a callback.
import type { FilterEngine } from './filters.ts';
import type { CanvasGraph } from './model.ts';
import type { CanvasSigma } from './programs.ts';

export class BoxSelect {
  private box: { x0: number; y0: number; el: HTMLDivElement } | null = null;
  private readonly finish = (e: MouseEvent) => this.end(e);

  constructor(
    private readonly container: HTMLElement,
    private readonly graph: CanvasGraph,
    private readonly filters: FilterEngine,
    private readonly sigma: () => CanvasSigma,
    private readonly done: (ids: string[]) => void,
  ) {
    window.addEventListener('mouseup', this.finish);
  }

  /** True while a box is being drawn (a click that ends it must not clear the selection). */
  get active(): boolean {
    return this.box !== null;
  }

  /** Listens to a renderer's stage events (again after the canvas swaps its renderer). */
  attach(s: CanvasSigma): void {
    s.on('downStage', ({ event }) => {
      const e = event.original as MouseEvent;
      if (!e.shiftKey || e.button !== 0) return;
      const el = document.createElement('div');
      el.className = 'select-box';
      this.container.appendChild(el);
      this.box = { x0: event.x, y0: event.y, el };
      this.draw(event.x, event.y);
    });
    s.on('moveBody', ({ event, preventSigmaDefault }) => {
      if (!this.box) return;
      preventSigmaDefault();
      this.draw(event.x, event.y);
    });
  }

  private end(e: MouseEvent): void {
    if (!this.box) return;
    const s = this.sigma();
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
    if (inside.length) this.done(inside);
  }

  private draw(x: number, y: number): void {
    if (!this.box) return;
    const { x0, y0, el } = this.box;
    Object.assign(el.style, {
      left: `${Math.min(x0, x)}px`,
      top: `${Math.min(y0, y)}px`,
      width: `${Math.abs(x - x0)}px`,
      height: `${Math.abs(y - y0)}px`,
    });
  }

  kill(): void {
    window.removeEventListener('mouseup', this.finish);
  }
}
