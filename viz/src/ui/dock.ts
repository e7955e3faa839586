// The right-hand dock: one tab per registered panel the user may see; panels are mounted once and kept.
import type { AppContext } from '../app/context.ts';
import { type PanelInstance, registeredPanels } from '../panels/registry.ts';
import { h } from './dom.ts';

export interface Dock {
  element: HTMLElement;
  open: (id: string) => void;
  active: () => string | null;
}

export function createDock(ctx: AppContext): Dock {
  const tabs = h('div', { class: 'dock-tabs', role: 'tablist' });
  const bodies = h('div', { class: 'dock-bodies' });
  const element = h('aside', { class: 'dock', id: 'dock' }, tabs, bodies);
  const mounted = new Map<
    string,
    { tab: HTMLElement; body: HTMLElement; instance: PanelInstance | undefined }
  >();
  let current: string | null = null;

  const open = (id: string) => {
    const next = mounted.get(id);
    if (!next || current === id) return;
    if (current) {
      const previous = mounted.get(current)!;
      previous.tab.classList.remove('active');
      previous.tab.setAttribute('aria-selected', 'false');
      previous.body.hidden = true;
      previous.instance?.hidden?.();
    }
    current = id;
    next.tab.classList.add('active');
    next.tab.setAttribute('aria-selected', 'true');
    next.body.hidden = false;
    next.instance?.shown?.();
  };

  for (const spec of registeredPanels()) {
    if (spec.permission && !ctx.can(spec.permission)) continue;
    const tab = h('button', {
      type: 'button',
      class: 'dock-tab',
      role: 'tab',
      i18n: spec.title,
      dataset: { panel: spec.id },
      onclick: () => open(spec.id),
    });
    const body = h('div', { class: 'dock-body', role: 'tabpanel', dataset: { panel: spec.id } });
    body.hidden = true;
    tabs.append(tab);
    bodies.append(body);
    let instance: PanelInstance | undefined;
    try {
      instance = spec.mount(body, ctx);
    } catch (error) {
      console.error(`[qingfeng] panel ${spec.id} failed to mount`, error);
      body.append(h('p', { class: 'error', text: String(error) }));
    }
    mounted.set(spec.id, { tab, body, instance });
  }
  const first = mounted.keys().next();
  if (!first.done) open(first.value);
  // Any component can bring a panel forward; a focused entity brings the detail panel.
  ctx.bus.on('panel:open', ({ id }) => open(id));
  ctx.bus.on('focus', () => open('detail'));
  return { element, open, active: () => current };
}
