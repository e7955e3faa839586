// Deterministic formatting for reports: money, dates in China time, HTML escaping, bilingual captions.
import { ENTITY_TYPES, RELATION_TYPES } from '../../schema/index.ts';
import type { Lang } from './model.ts';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `1,234,567.80` (no locale data involved, so every machine prints the same). */
export function money(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const negative = amount < 0;
  const [whole = '0', cents = '00'] = Math.abs(amount).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${cents}`;
}

/** `¥1,234.00` / `CNY 1,234.00`. */
export function yuan(amount: number | null | undefined, lang: Lang = 'zh'): string {
  const text = money(amount);
  return text === '—' ? text : lang === 'zh' ? `¥${text}` : `CNY ${text}`;
}

/** An ISO instant as China time `YYYY-MM-DD HH:mm` (empty for nothing). */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** An ISO instant as the China-time day `YYYY-MM-DD`. */
export function chinaDate(iso: string | null | undefined): string {
  return chinaTime(iso).slice(0, 10);
}

/** `2026年03月01日` / `2026-03-01`. */
export function longDate(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-');
  return lang === 'zh' && y && m && d ? `${y}年${m}月${d}日` : day;
}

export function ratio(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ENTITY_CAPTIONS = new Map<string, { zh: string; en: string }>(ENTITY_TYPES.map((e) => [e.label, e]));
const RELATION_CAPTIONS = new Map<string, { zh: string; en: string }>(RELATION_TYPES.map((r) => [r.type, r]));

export function entityCaption(type: string, lang: Lang): string {
  return ENTITY_CAPTIONS.get(type)?.[lang] ?? type;
}

export function relationCaption(type: string, lang: Lang): string {
  return RELATION_CAPTIONS.get(type)?.[lang] ?? type;
}

/** Stable string order (code points), independent of the machine's locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
