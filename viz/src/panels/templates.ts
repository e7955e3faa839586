// The template runner: pick a query template, fill its typed form, run it; rows as a table and as a graph.
// Analysts also get an ad-hoc Cypher box and "save as template".
import type { AppContext } from '../app/context.ts';
import { formatAmount, lang, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { analysisApi, type QueryAnswer, type TemplateSummary } from './analysis-api.ts';
import { reportError } from './analysis-ui.ts';
import type { PanelInstance } from './registry.ts';
import { buildParamForm, type ParamForm } from './templates-form.ts';

const SHOWN_ROWS = 200;

/** A cell's text: nodes by name, relationships by type, paths by length, lists joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatAmount(value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map(cellText).join('、');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const props = (v.properties ?? {}) as Record<string, unknown>;
    if (Array.isArray(v.labels)) return String(props.name ?? props.no ?? props.idNumber ?? v.labels[0] ?? '');
    if (typeof v.type === 'string' && 'properties' in v) return v.type;
    if (Array.isArray(v.nodes) && Array.isArray(v.relationships))
      return (v.nodes as unknown[]).map(cellText).join(' → ');
    return JSON.stringify(value);
  }
  return String(value);
}

export function mountTemplatesPanel(root: HTMLElement, ctx: AppContext): PanelInstance {
  const api = analysisApi(ctx);
  const select = h('select', { id: 'tpl-select' });
  const about = h('p', { class: 'muted small', id: 'tpl-about' });
  const formHolder = h('div');
  const results = h('div', { class: 'af-table-wrap', id: 'tpl-results' });
  let templates: TemplateSummary[] = [];
  let form: ParamForm | null = null;
  let answer: QueryAnswer | null = null;

  const titleOf = (tpl: TemplateSummary) => (lang() === 'en' ? (tpl.titleEn ?? tpl.title) : tpl.title);

  const renderSelect = () => {
    const keep = select.value;
    clear(select);
    select.append(h('option', { value: '', text: t('templates.pick') }));
    for (const tpl of templates)
      select.append(
        h('option', { value: tpl.id, text: `${titleOf(tpl)}${tpl.builtin ? '' : ` (${tpl.id})`}` }),
      );
    select.value = keep;
  };

  const current = () => templates.find((tpl) => tpl.id === select.value);

  const renderForm = () => {
    clear(formHolder);
    const tpl = current();
    about.textContent = tpl ? ((lang() === 'en' ? tpl.descriptionEn : null) ?? tpl.description) : '';
    if (!tpl) return;
    form = buildParamForm(ctx, tpl.params);
    formHolder.append(form.element);
  };

  const renderResults = () => {
    clear(results);
    if (!answer) return;
    const a = answer;
    const head = h(
      'div',
      { class: 'af-caption' },
      h('span', { text: t('templates.rows', { n: a.rows.length }) }),
      a.truncated ? h('span', { text: t('templates.truncated', { n: a.limit }) }) : null,
      h('button', {
        type: 'button',
        class: 'btn small',
        id: 'tpl-show-graph',
        text: t('templates.showGraph'),
        disabled: a.graph.nodes.length === 0,
        onclick: () => {
          ctx.commands.show(a.graph, { highlight: true, seeds: 'all' });
          requestAnimationFrame(() => ctx.canvas.fit());
        },
      }),
    );
    results.append(head);
    if (!a.rows.length) {
      results.append(h('p', { class: 'muted', text: t('templates.noRows') }));
      return;
    }
    const columns = a.columns.length ? a.columns : Object.keys(a.rows[0] ?? {});
    const body = h('tbody');
    for (const row of a.rows.slice(0, SHOWN_ROWS))
      body.append(h('tr', {}, ...columns.map((c) => h('td', { text: cellText(row[c]) }))));
    results.append(
      h(
        'table',
        { class: 'af-table', id: 'tpl-table' },
        h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { text: c })))),
        body,
      ),
    );
  };

  const show = (next: QueryAnswer) => {
    answer = next;
    renderResults();
    ctx.bus.emit('notice', { text: t('templates.rows', { n: next.rows.length }) });
  };

  const run = async () => {
    const tpl = current();
    if (!tpl || !form) return;
    try {
      show(await api.runTemplate(tpl.id, form.values()));
    } catch (error) {
      reportError(ctx, error);
    }
  };

  const load = async () => {
    try {
      templates = (await api.templates()).templates;
      renderSelect();
    } catch (error) {
      reportError(ctx, error);
    }
  };

  select.addEventListener('change', renderForm);
  root.append(
    h(
      'section',
      { class: 'af-section' },
      select,
      about,
      formHolder,
      h('button', {
        type: 'button',
        class: 'btn primary',
        id: 'tpl-run',
        i18n: 'templates.run',
        onclick: () => void run(),
      }),
    ),
  );

  if (ctx.can('cypher.run')) {
    const text = h('textarea', { id: 'cypher-text', rows: 5, spellcheck: false });
    const title = h('input', { id: 'tpl-save-title', type: 'text', i18nPlaceholder: 'templates.title' });
    const save = async () => {
      if (!title.value.trim() || !text.value.trim()) {
        ctx.bus.emit('notice', { text: t('templates.needTitle'), kind: 'error' });
        return;
      }
      try {
        const saved = await api.saveTemplate(title.value.trim(), text.value.trim());
        ctx.bus.emit('notice', { text: t('templates.saved', { id: saved.template.id }) });
        await load();
        select.value = saved.template.id;
        renderForm();
      } catch (error) {
        reportError(ctx, error);
      }
    };
    root.append(
      h(
        'section',
        { class: 'af-section', id: 'tpl-adhoc' },
        h('h3', { i18n: 'templates.adhoc' }),
        text,
        h('button', {
          type: 'button',
          class: 'btn',
          id: 'cypher-run',
          i18n: 'templates.runCypher',
          onclick: () => void api.cypher(text.value).then(show, (error: unknown) => reportError(ctx, error)),
        }),
        ctx.can('templates.write')
          ? h(
              'div',
              { class: 'af-row' },
              title,
              h('button', {
                type: 'button',
                class: 'btn',
                id: 'tpl-save',
                i18n: 'templates.saveAs',
                onclick: () => void save(),
              }),
            )
          : null,
      ),
    );
  }
  root.append(results);

  let loaded = false;
  ctx.bus.on('lang', () => {
    renderSelect();
    renderForm();
    renderResults();
  });
  return {
    shown: () => {
      if (!loaded) {
        loaded = true;
        void load();
      }
      // The selected node may have changed: entity keys follow it.
      if (current()) renderForm();
    },
  };
}
