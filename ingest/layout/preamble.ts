// Reads the facts written above a table: `户名：张三  账号：6222…`, a label cell beside its value cell, a unit line.
import { normaliseText } from '../normalise/index.ts';
import type { RawRow } from './types.ts';

/** A label and its value as written above the table, before any meaning is given to the label. */
export interface LabelledValue {
  label: string;
  value: string;
  row: number;
}

/** A label: short, no digits, ends where its colon is. `卡号/账号`, `客户名称`, `起止日期`, `Account No.` */
const LABEL = String.raw`[\p{Script=Han}A-Za-z（）()/／·.\s]{1,14}?`;

/** Several `label：value` pairs in one cell, separated by spaces before the next label. */
const PAIRS = new RegExp(String.raw`(${LABEL})\s*[:：]\s*(.*?)(?=\s+${LABEL}\s*[:：]|$)`, 'gu');

function clean(label: string): string {
  return label.replace(/\s+/g, '').replace(/[（(].*?[)）]$/, '');
}

/**
 * Every label/value pair in the rows above a table. A cell may hold several pairs (`户名：张三 账号：6222…`), end
 * with a colon and have its value in the next non-empty cell (`户名：` | `张三`), or be a known label without a
 * colon beside its value (`账号` | `6216…`). Labels are kept as written; the
 * caller gives them meaning with the same header matcher the columns use.
 */
export function readPreamble(
  rows: readonly RawRow[],
  isLabel: (text: string) => boolean = () => false,
): LabelledValue[] {
  const out: LabelledValue[] = [];
  for (const { row, cells } of rows) {
    const filled = cells.map((c) => normaliseText(c)).filter((c) => c !== '');
    for (let i = 0; i < filled.length; i += 1) {
      const cell = filled[i]!;
      // A label in its own cell, the value in the next (`账号` | `6216…`): only for words known as labels.
      const next = filled[i + 1];
      if (
        !/[:：]/.test(cell) &&
        next !== undefined &&
        !/[:：]/.test(next) &&
        isLabel(cell) &&
        !isLabel(next)
      ) {
        out.push({ label: clean(cell), value: next, row });
        i += 1;
        continue;
      }
      const bare = /^(.{1,14}?)\s*[:：]$/u.exec(cell);
      if (bare) {
        const next = filled[i + 1];
        if (next !== undefined && !/[:：]$/.test(next)) {
          out.push({ label: clean(bare[1]!), value: next, row });
          i += 1;
        }
        continue;
      }
      for (const match of cell.matchAll(PAIRS)) {
        const label = clean(match[1] ?? '');
        const value = (match[2] ?? '').trim();
        if (label && value) out.push({ label, value, row });
      }
    }
  }
  return out;
}

/** Preamble rows that carried no pair (titles, remarks), as text for the plan. */
export function preambleText(rows: readonly RawRow[], facts: readonly LabelledValue[]): string[] {
  const withFacts = new Set(facts.map((f) => f.row));
  return rows
    .filter((r) => !withFacts.has(r.row))
    .map((r) =>
      r.cells
        .map((c) => c.trim())
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean);
}
