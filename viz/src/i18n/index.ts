// Interface language: Chinese by default, English by a toggle; static texts follow via data-i18n attributes.
import { STRINGS, type StringKey } from './strings.ts';

export type Lang = 'zh' | 'en';
export type { StringKey } from './strings.ts';

const STORAGE_KEY = 'qingfeng.lang';
let current: Lang = readStoredLang();
const listeners = new Set<(lang: Lang) => void>();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function lang(): Lang {
  return current;
}

/** The text of `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const entry = STRINGS[key];
  const text = entry ? entry[current] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : String(vars[name]),
  );
}

/** Picks the current language's side of a `{zh, en}` pair (schema captions, role names). */
export function pick(pair: { zh: string; en: string } | undefined, fallback = ''): string {
  if (!pair) return fallback;
  return (current === 'en' ? pair.en : pair.zh) || pair.zh || pair.en || fallback;
}

/**
 * Server messages come as "中文 / English": the side of the current language (the whole text when it has
 * no separator).
 */
export function sideOf(message: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return current === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

/** Marks an element's text (and optional attributes) as translatable, and fills it now. */
export function bindText(
  el: HTMLElement,
  key: StringKey,
  attrs: { title?: StringKey; placeholder?: StringKey; aria?: StringKey } = {},
): HTMLElement {
  el.dataset.i18n = key;
  el.textContent = t(key);
  return bindAttributes(el, attrs);
}

/** Marks an element's title, placeholder or aria-label as translatable (its text is left alone). */
export function bindAttributes(
  el: HTMLElement,
  attrs: { title?: StringKey; placeholder?: StringKey; aria?: StringKey },
): HTMLElement {
  if (attrs.title) el.dataset.i18nTitle = attrs.title;
  if (attrs.placeholder) el.dataset.i18nPlaceholder = attrs.placeholder;
  if (attrs.aria) el.dataset.i18nAria = attrs.aria;
  applyAttributes(el);
  return el;
}

function applyAttributes(el: HTMLElement): void {
  const { i18nTitle, i18nPlaceholder, i18nAria } = el.dataset;
  if (i18nTitle) el.title = t(i18nTitle as StringKey);
  if (i18nPlaceholder) el.setAttribute('placeholder', t(i18nPlaceholder as StringKey));
  if (i18nAria) el.setAttribute('aria-label', t(i18nAria as StringKey));
}

/** Re-translates every marked element under `root`. */
export function translateTree(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(el.dataset.i18n as StringKey);
  for (const el of root.querySelectorAll<HTMLElement>(
    '[data-i18n-title],[data-i18n-placeholder],[data-i18n-aria]',
  ))
    applyAttributes(el);
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  translateTree();
  for (const listener of listeners) listener(next);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Amounts in yuan: 1,234,567.89 (zh and en alike), large ones shortened (万/亿 or k/M). */
export function formatAmount(value: number, short = false): string {
  if (!Number.isFinite(value)) return '—';
  if (short) {
    const abs = Math.abs(value);
    if (current === 'zh') {
      if (abs >= 1e8) return `${(value / 1e8).toFixed(abs >= 1e9 ? 1 : 2)}亿`;
      if (abs >= 1e4) return `${(value / 1e4).toFixed(abs >= 1e5 ? 0 : 1)}万`;
    } else {
      if (abs >= 1e6) return `${(value / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
      if (abs >= 1e3) return `${(value / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}k`;
    }
  }
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A date (YYYY-MM-DD) from epoch milliseconds. */
export function formatDate(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().slice(0, 10);
}
