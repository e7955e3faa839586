// Small pieces the analysis and template panels share: error notices, labelled fields, node names.
import { ApiError } from '../api/client.ts';
import type { AppContext } from '../app/context.ts';
import { type StringKey, sideOf, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';

/** A status-bar error from any failed call. */
export function reportError(ctx: AppContext, error: unknown): void {
  ctx.bus.emit('notice', {
    text: error instanceof ApiError ? sideOf(error.message) : String(error),
    kind: 'error',
  });
}

/** A labelled form field. */
export function field(label: StringKey, input: HTMLElement): HTMLElement {
  return h('label', { class: 'af-field' }, h('span', { i18n: label }), input);
}

export function numberInput(id: string, value: number, min: number, max: number, step = 1): HTMLInputElement {
  return h('input', {
    type: 'number',
    id,
    value: String(value),
    min: String(min),
    max: String(max),
    step: String(step),
  });
}

/** The label of a canvas node (or its id when it left the canvas). */
export function nodeName(ctx: AppContext, id: string | undefined): string {
  if (!id) return t('analysis.none');
  return ctx.graph.hasNode(id) ? ctx.graph.getNodeAttribute(id, 'label') : id;
}
