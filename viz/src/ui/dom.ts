// Small DOM helpers (no framework): h() builds elements, icon() draws the UI's inline SVG icons.
import { bindAttributes, bindText, type StringKey } from '../i18n/index.ts';

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, unknown> & {
  class?: string;
  text?: string;
  /** Translatable text: a string key, kept in sync with the language toggle. */
  i18n?: StringKey;
  i18nTitle?: StringKey;
  i18nPlaceholder?: StringKey;
  dataset?: Record<string, string>;
  style?: Partial<CSSStyleDeclaration>;
};

/** `h('button', {class: 'btn', onclick: fn, i18n: 'toolbar.undo'}, child…)` */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = String(value);
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'dataset') Object.assign(el.dataset, value as Record<string, string>);
    else if (name === 'style') Object.assign(el.style, value as Partial<CSSStyleDeclaration>);
    else if (name === 'i18n' || name === 'i18nTitle' || name === 'i18nPlaceholder') continue;
    else if (name.startsWith('on') && typeof value === 'function')
      el.addEventListener(name.slice(2), value as EventListener);
    else if (name in el && typeof value !== 'string')
      (el as unknown as Record<string, unknown>)[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  const attrs = { title: props.i18nTitle, placeholder: props.i18nPlaceholder };
  if (props.i18n) bindText(el, props.i18n, attrs);
  else if (props.i18nTitle || props.i18nPlaceholder) bindAttributes(el, attrs);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

/** Inline SVG from trusted markup (icons defined in this file, shapes from style.ts). */
export function svg(markup: string): SVGElement {
  const holder = document.createElement('span');
  holder.innerHTML = markup;
  return holder.firstElementChild as SVGElement;
}

/** 24×24 stroke icons (drawn here, nothing fetched): search, undo, redo, expand… */
const ICONS: Record<string, string> = {
  search: '<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5"/>',
  undo: '<path d="M9 7L4 12l5 5"/><path d="M4 12h10a6 6 0 0 1 0 12h-2" transform="translate(0 -6)"/>',
  redo: '<path d="M15 7l5 5-5 5"/><path d="M20 12H10a6 6 0 0 0 0 12h2" transform="translate(0 -6)"/>',
  expand:
    '<circle cx="12" cy="12" r="3"/><path d="M12 3v4M12 17v4M3 12h4M17 12h4M5.6 5.6l2.8 2.8M15.6 15.6l2.8 2.8M5.6 18.4l2.8-2.8M15.6 8.4l2.8-2.8"/>',
  collapse: '<circle cx="12" cy="12" r="3"/><path d="M4 4l4 4M20 4l-4 4M4 20l4-4M20 20l-4-4"/>',
  pin: '<path d="M9 3h6l-1 6 3 3H7l3-3z"/><path d="M12 12v9"/>',
  hide: '<path d="M3 12s3.5-6 9-6 9 6 9 6-3.5 6-9 6-9-6-9-6z"/><path d="M4 4l16 16"/>',
  show: '<path d="M3 12s3.5-6 9-6 9 6 9 6-3.5 6-9 6-9-6-9-6z"/><circle cx="12" cy="12" r="2.5"/>',
  group:
    '<rect x="3" y="3" width="18" height="18" rx="3" stroke-dasharray="3 2"/><circle cx="9" cy="10" r="2"/><circle cx="15" cy="14" r="2"/>',
  ungroup:
    '<circle cx="7" cy="8" r="2.5"/><circle cx="17" cy="16" r="2.5"/><path d="M3 21L21 3" stroke-dasharray="2 2"/>',
  remove: '<path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"/>',
  layout:
    '<circle cx="6" cy="6" r="2"/><circle cx="18" cy="8" r="2"/><circle cx="10" cy="18" r="2"/><path d="M8 6.5l8 1M7 8l2.5 8M16.5 9.5L11.5 16.5"/>',
  stop: '<rect x="6" y="6" width="12" height="12" rx="1"/>',
  fit: '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
  community: '<circle cx="8" cy="9" r="4"/><circle cx="16" cy="9" r="4"/><circle cx="12" cy="16" r="4"/>',
  keyperson:
    '<circle cx="12" cy="8" r="4"/><path d="M4 21c1-4 4-6 8-6s7 2 8 6"/><path d="M18 3l1 2 2 .3-1.5 1.4.4 2.1-1.9-1-1.9 1 .4-2.1L15 5.3l2-.3z"/>',
  image:
    '<rect x="3" y="5" width="18" height="14" rx="2"/><circle cx="9" cy="10" r="2"/><path d="M21 16l-5-5-8 8"/>',
  vector:
    '<path d="M5 19L19 5"/><rect x="3" y="17" width="4" height="4"/><rect x="17" y="3" width="4" height="4"/><path d="M5 5c6 0 8 4 14 14"/>',
  trash: '<path d="M5 7h14M9 7V4h6v3M7 7l1 13h8l1-13M10 11v6M14 11v6"/>',
  globe: '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18"/>',
  logout: '<path d="M14 4h5v16h-5M10 8l-4 4 4 4M6 12h10"/>',
  close: '<path d="M6 6l12 12M18 6L6 18"/>',
  filter: '<path d="M4 5h16l-6 7v6l-4 2v-8z"/>',
  upload: '<path d="M12 16V4M7 9l5-5 5 5"/><path d="M4 15v5h16v-5"/>',
  more: '<circle cx="6" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/><circle cx="18" cy="12" r="1.5"/>',
};

export function icon(name: keyof typeof ICONS | string, size = 16): SVGElement {
  const body = ICONS[name] ?? ICONS.more;
  return svg(
    `<svg class="icon" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`,
  );
}

/** A toolbar button with an icon and a translated tooltip (and optional visible text). */
export function iconButton(
  name: string,
  title: StringKey,
  onClick: () => void,
  options: { label?: StringKey; id?: string; class?: string } = {},
): HTMLButtonElement {
  const button = h('button', {
    type: 'button',
    class: `tool ${options.class ?? ''}`.trim(),
    i18nTitle: title,
    id: options.id,
    onclick: onClick,
  });
  button.append(icon(name));
  if (options.label) button.append(h('span', { i18n: options.label }));
  return button;
}
