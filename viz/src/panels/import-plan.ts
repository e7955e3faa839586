// One table of an import plan, editable: its kind, each column's field (with samples, confidence and evidence),
// the facts above the table and the rows to skip; what the analyst changed comes back as a correction.
import type { ColumnPlan, PlanCorrection, SkipReason, TablePlan } from '../api/types.ts';
import { type StringKey, sideOf, t } from '../i18n/index.ts';
import { clear, h } from '../ui/dom.ts';
import { fieldLabel, kindInfo, kindLabel, kindList, missingRequired } from './import-api.ts';

export interface TableEditor {
  element: HTMLElement;
  /** What differs from the plan, or null when nothing does. */
  correction: () => PlanCorrection | null;
  /** Draws again (after a language change). */
  refresh: () => void;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** `第 3 行` / `第 3、4 行` for a two-level header. */
const headerRowsText = (rows: number[]) => t('import.headerRow', { rows: rows.join('、') });

function skippedText(plan: TablePlan): string {
  if (!plan.skipped.count) return t('import.noSkipped');
  const parts = Object.entries(plan.skipped.byReason).map(
    ([reason, n]) => `${t(`import.reason.${reason as SkipReason}` as StringKey)} ${n}`,
  );
  return `${t('import.skipped', { n: plan.skipped.count })}：${parts.join('、')}`;
}

/** The confidence bar of a column, its evidence as the tooltip; a column set by hand says so instead. */
function confidenceCell(column: ColumnPlan, edited: boolean): HTMLElement {
  if (edited) return h('span', { class: 'imp-manual', text: t('import.manual') });
  if (!column.field) return h('span', { class: 'muted', text: '—' });
  const level = column.confidence >= 0.8 ? 'high' : column.confidence >= 0.5 ? 'mid' : 'low';
  return h(
    'span',
    { class: `imp-conf ${level}`, title: column.evidence.join('\n') },
    h('span', { class: 'imp-bar' }, h('span', { style: { width: percent(column.confidence) } })),
    h('span', { class: 'imp-pct', text: percent(column.confidence) }),
  );
}

export function tableEditor(plan: TablePlan, index: number, onChange: () => void): TableEditor {
  let kind: string | null = plan.kind;
  const fields = new Map<number, string | null>(plan.columns.map((c) => [c.index, c.field]));
  // Data attributes name what a test or a reader needs without parsing captions.
  const element = h('section', {
    class: 'imp-table',
    dataset: {
      file: plan.file,
      table: String(index),
      profile: plan.profile ?? '',
      refused: plan.refused ? '1' : '',
    },
  });

  const kindSelect = h('select', { class: 'imp-kind', id: `imp-kind-${index}` });
  const fillKinds = () => {
    clear(kindSelect);
    if (!kind) kindSelect.append(h('option', { value: '', text: t('import.kindPick') }));
    for (const info of kindList())
      kindSelect.append(h('option', { value: info.kind, text: kindLabel(info.kind) }));
    kindSelect.value = kind ?? '';
  };
  kindSelect.addEventListener('change', () => {
    kind = kindSelect.value || null;
    // Fields of another kind mean nothing here: those columns are not read until the analyst picks again.
    const known = new Set(kindInfo(kind)?.fields.map((f) => f.name));
    for (const [column, field] of fields) if (field && !known.has(field)) fields.set(column, null);
    render();
    onChange();
  });

  const fieldSelect = (column: ColumnPlan): HTMLSelectElement => {
    const select = h('select', { class: 'imp-field', dataset: { header: column.header } });
    select.append(h('option', { value: '', text: t('import.notRead') }));
    for (const f of kindInfo(kind)?.fields ?? [])
      select.append(h('option', { value: f.name, text: fieldLabel(kind, f.name) }));
    select.value = fields.get(column.index) ?? '';
    select.addEventListener('change', () => {
      fields.set(column.index, select.value || null);
      render();
      onChange();
    });
    return select;
  };

  const columnRow = (column: ColumnPlan, repeated: Set<string>): HTMLElement => {
    const field = fields.get(column.index) ?? null;
    const edited = field !== column.field || (kind !== plan.kind && field !== null);
    const row = h(
      'tr',
      {
        class: [column.conflict ? 'conflict' : '', field && repeated.has(field) ? 'dup' : '']
          .filter(Boolean)
          .join(' '),
        dataset: { header: column.header },
      },
      h('td', { class: 'muted', text: column.letter }),
      h(
        'td',
        {},
        h('div', { class: 'imp-header', text: column.header }),
        column.conflict
          ? h('div', { class: 'imp-note error', text: t('import.conflict', { text: column.conflict }) })
          : null,
        field && repeated.has(field) ? h('div', { class: 'imp-note error', i18n: 'import.duplicate' }) : null,
      ),
      h('td', {
        class: 'imp-samples',
        text: column.samples.slice(0, 3).join(' · '),
        title: column.samples.join('\n'),
      }),
      h('td', {}, fieldSelect(column)),
      h('td', {}, confidenceCell(column, edited)),
    );
    return row;
  };

  const render = () => {
    clear(element);
    fillKinds();
    const chosen = [...fields.values()].filter((f): f is string => !!f);
    const repeated = new Set(chosen.filter((f, i) => chosen.indexOf(f) !== i));
    // A fact above the table (the statement's own account) fills its field for every row.
    const missing = missingRequired(kind, [...fields.values(), ...plan.preamble.map((f) => f.field)]);
    element.append(
      h(
        'div',
        { class: 'imp-table-head' },
        h('strong', { class: 'imp-file', text: plan.sheet ? `${plan.file} · ${plan.sheet}` : plan.file }),
        h('span', { class: 'badge', text: plan.format.toUpperCase() }),
        h('label', { class: 'imp-inline' }, h('span', { i18n: 'import.kind' }), kindSelect),
        plan.kind
          ? h('span', {
              class: 'muted',
              text: t('import.kindConfidence', { p: percent(plan.kindConfidence) }),
            })
          : null,
      ),
      h(
        'div',
        { class: 'imp-facts muted' },
        plan.headerRows.length
          ? h('span', {
              class: 'imp-header-rows',
              dataset: { rows: plan.headerRows.join(',') },
              text: headerRowsText(plan.headerRows),
            })
          : null,
        h('span', { text: t('import.dataRows', { n: plan.dataRows }) }),
        plan.profile ? h('span', { text: t('import.byProfile', { name: plan.profile }) }) : null,
      ),
    );
    if (plan.refused)
      element.append(
        h(
          'div',
          { class: 'imp-refused' },
          h('strong', { i18n: 'import.refused' }),
          h('div', { text: sideOf(plan.refused.message) }),
          h('div', { class: 'muted', i18n: 'import.refusedHint' }),
        ),
      );
    if (plan.preamble.length)
      element.append(
        h(
          'div',
          { class: 'imp-preamble' },
          h('div', { class: 'muted small', i18n: 'import.preamble' }),
          h(
            'ul',
            {},
            ...plan.preamble.map((fact) =>
              h(
                'li',
                { dataset: { field: fact.field } },
                h('span', { text: `${fact.label}：${fact.value}` }),
                h('span', {
                  class: 'muted',
                  text: ` → ${fieldLabel(kind, fact.field)} · ${t('import.preambleRow', { row: fact.row })}`,
                }),
              ),
            ),
          ),
        ),
      );
    const head = (
      ['import.column', 'import.header', 'import.samples', 'import.field', 'import.confidence'] as const
    ).map((key) => h('th', { i18n: key }));
    element.append(
      h(
        'table',
        { class: 'imp-columns' },
        h('thead', {}, h('tr', {}, ...head)),
        h('tbody', {}, ...plan.columns.map((c) => columnRow(c, repeated))),
      ),
    );
    if (missing.length)
      element.append(
        h('div', { class: 'imp-missing error', text: t('import.missing', { fields: missing.join('；') }) }),
      );
    const skipped = h(
      'div',
      { class: 'imp-skipped' },
      h('div', {
        class: 'imp-skip-count',
        dataset: { count: String(plan.skipped.count) },
        text: skippedText(plan),
      }),
    );
    if (plan.skipped.examples.length)
      skipped.append(
        h(
          'ul',
          { class: 'muted small' },
          ...plan.skipped.examples.map((row) =>
            h('li', { text: `${t('import.preambleRow', { row: row.row })}：${row.text}` }),
          ),
        ),
      );
    element.append(skipped);
  };

  const correction = (): PlanCorrection | null => {
    const where = { file: plan.file, ...(plan.sheet ? { sheet: plan.sheet } : {}) };
    const header = (index: number) => plan.columns.find((c) => c.index === index)?.header ?? '';
    if (kind !== plan.kind) {
      // A new kind replaces the whole mapping: every column is stated, read or not.
      if (!kind) return null;
      const columns: Record<string, string | null> = {};
      for (const [column, field] of fields) columns[header(column)] = field;
      return { ...where, kind, columns };
    }
    const columns: Record<string, string | null> = {};
    for (const column of plan.columns) {
      const field = fields.get(column.index) ?? null;
      if (field !== column.field) columns[column.header] = field;
    }
    return Object.keys(columns).length ? { ...where, columns } : null;
  };

  render();
  return { element, correction, refresh: render };
}
