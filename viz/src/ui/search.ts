// The search box: name (partial), ID number, account, credit code or phone; a chosen hit drops onto the canvas.
import type { SearchItem } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import { shapeSvg } from '../graph/style.ts';
import { pick, t } from '../i18n/index.ts';
import { clear, h, icon, svg } from './dom.ts';
import { reportError } from './toolbar.ts';

const DEBOUNCE_MS = 220;

export function createSearch(ctx: AppContext): HTMLElement {
  const input = h('input', {
    type: 'search',
    id: 'search-input',
    class: 'search-input',
    autocomplete: 'off',
    spellcheck: false,
    i18nPlaceholder: 'search.placeholder',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': 'search-results',
  });
  const list = h('ul', { class: 'search-results', id: 'search-results', role: 'listbox' });
  list.hidden = true;
  const box = h('div', { class: 'search' }, icon('search'), input, list);
  let items: SearchItem[] = [];
  let active = -1;
  let timer = 0;
  let controller: AbortController | null = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };

  const mark = (index: number) => {
    active = index;
    list.querySelectorAll('li.hit').forEach((li, i) => {
      li.classList.toggle('active', i === index);
      if (i === index) li.scrollIntoView({ block: 'nearest' });
    });
  };

  const choose = (item: SearchItem) => {
    close();
    input.value = '';
    ctx.commands.drop(item);
  };

  const matchText = (item: SearchItem): string => {
    if (item.match.kind === 'key') return t('search.byKey');
    if (item.match.kind === 'phone') return t('search.byPhone');
    return item.match.how === 'exact' ? t('search.byNameExact') : t('search.byName');
  };

  const render = (q: string) => {
    clear(list);
    if (!items.length) list.append(h('li', { class: 'none', text: t('search.none', { q }) }));
    items.forEach((item, i) => {
      const entity = ctx.schema.entities.get(item.type);
      const onCanvas = ctx.graph.hasNode(item.id);
      list.append(
        h(
          'li',
          {
            class: 'hit',
            role: 'option',
            dataset: { id: item.id, type: item.type },
            onmousedown: (e: MouseEvent) => {
              e.preventDefault();
              choose(item);
            },
            onmouseenter: () => mark(i),
          },
          svg(
            shapeSvg(
              ctx.schema.shapeOf(item.type),
              ctx.schema.colorOf(item.type),
              14,
              item.props.isCadre === true ? '#b3261e' : undefined,
            ),
          ),
          h('span', { class: 'hit-label', text: item.label }),
          h('span', { class: 'hit-type', text: pick(entity, item.type) }),
          h('span', { class: 'hit-key', text: item.key }),
          h('span', { class: 'hit-match', text: onCanvas ? t('search.onCanvas') : matchText(item) }),
        ),
      );
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    mark(items.length ? 0 : -1);
  };

  const search = async (q: string) => {
    controller?.abort();
    controller = new AbortController();
    try {
      const answer = await ctx.api.search(q, controller.signal);
      if (input.value.trim() !== q) return;
      items = answer.items;
      render(q);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') reportError(ctx, error);
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) {
      close();
      return;
    }
    timer = window.setTimeout(() => void search(q), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      mark(Math.min(items.length - 1, active + 1));
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      mark(Math.max(0, active - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const q = input.value.trim();
      if (!list.hidden && items[active]) choose(items[active]!);
      else if (q) {
        clearTimeout(timer);
        void search(q);
      }
    } else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 120));
  input.addEventListener('focus', () => {
    if (items.length && input.value.trim()) render(input.value.trim());
  });
  // Ctrl+K / Cmd+K or "/" focuses the search from anywhere.
  window.addEventListener('keydown', (e) => {
    const typing = (e.target as HTMLElement | null)?.closest('input, textarea, select');
    if (((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') || (e.key === '/' && !typing)) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
  return box;
}
