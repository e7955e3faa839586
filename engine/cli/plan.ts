// `qingfeng ingest --plan`: what ingest would make of each table, printed for a person, and a profile per table.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import type { ColumnPlan, SkipReason, TablePlan } from '../../ingest/layout/types.ts';
import { familyOf } from '../../ingest/profiles/families.ts';
import { safeProfileName } from '../../ingest/profiles/store.ts';

export const SKIP_REASONS: Record<SkipReason, string> = {
  total: '合计/小计 total',
  footer: '页脚 footer',
  repeatedHeader: '重复表头 repeated header',
  note: '注释 note',
  rule: '分隔线 rule',
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let n = 0;
  for (const c of text)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      c,
    )
      ? 2
      : 1;
  return n;
}

const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));

function shorten(text: string, max = 24): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

function kindLine(plan: TablePlan): string {
  if (!plan.kind) return '  类型 Kind: 未识别 not recognised';
  const profile = plan.profile ? `，配置 profile: ${plan.profile}` : '';
  return `  类型 Kind: ${familyOf(plan.kind).zh} ${plan.kind}（置信度 confidence ${percent(plan.kindConfidence)}${profile}）`;
}

function columnRows(columns: ColumnPlan[]): string[] {
  const rows = columns.map((c) => [
    c.letter,
    shorten(c.header, 20),
    c.field
      ? `→ ${c.field}${c.part ? `(${c.part})` : ''}${c.unit && c.unit !== 1 ? ` ×${c.unit}` : ''}`
      : '→ （不读 not read）',
    c.field ? percent(c.confidence) : '',
    c.samples
      .slice(0, 3)
      .map((s) => shorten(s, 18))
      .join(' | '),
    [...c.evidence, ...(c.conflict ? [`⚠ ${c.conflict}`] : [])].join('；'),
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map(
    (r) =>
      `    ${r
        .slice(0, 4)
        .map((cell, i) => pad(cell ?? '', widths[i] ?? 0))
        .join('  ')}  样例 samples: ${r[4] || '—'}${r[5] ? `\n        依据 evidence: ${r[5]}` : ''}`,
  );
}

function skippedLines(plan: TablePlan): string[] {
  const { count, byReason, examples } = plan.skipped;
  if (!count) return ['  跳过 Skipped: 0'];
  const reasons = Object.entries(byReason)
    .map(([reason, n]) => `${SKIP_REASONS[reason as SkipReason] ?? reason} ${n}`)
    .join('，');
  return [
    `  跳过 Skipped ${count} 行 rows（非数据 not data）: ${reasons}`,
    ...examples
      .slice(0, 3)
      .map(
        (e) =>
          `    第 ${e.row} 行 row ${e.row}（${SKIP_REASONS[e.reason] ?? e.reason}）: ${shorten(e.text, 40)}`,
      ),
  ];
}

function refusedLines(plan: TablePlan): string[] {
  if (!plan.refused) return [];
  const missing = plan.refused.missing.map((alternatives) => alternatives.join(' / ')).join('，');
  const guesses = plan.columns
    .filter((c) => c.field)
    .map((c) => `${c.letter} ${c.header} → ${c.field}?（${percent(c.confidence)}）`);
  return [
    `  ✗ 拒收 Refused [${plan.refused.id}] ${plan.refused.message}`,
    ...(missing ? [`    缺少的含义 missing meanings: ${missing}`] : []),
    `    各列最佳猜测 best guesses: ${guesses.length ? guesses.join('，') : '无 none'}`,
  ];
}

/** One table's plan as the analyst reads it: Chinese first, then English. */
export function formatPlan(plan: TablePlan, profilePath?: string): string {
  const name = plan.sheet ? `${plan.file} [${plan.sheet}]` : plan.file;
  const lines = [
    `文件 File: ${name}（${plan.format}${plan.encoding ? `, ${plan.encoding}` : ''}）`,
    kindLine(plan),
    `  表头行 Header row${plan.headerRows.length > 1 ? 's' : ''}: ${plan.headerRows.join(', ') || '—'}`,
  ];
  if (plan.preamble.length) {
    lines.push('  表头前信息 Preamble facts:');
    for (const fact of plan.preamble)
      lines.push(`    ${fact.label}：${fact.value} → ${fact.field}（第 ${fact.row} 行 row ${fact.row}）`);
  }
  lines.push(`  列 Columns（${plan.columns.length}）:`, ...columnRows(plan.columns));
  lines.push(`  数据行 Data rows: ${plan.dataRows}`, ...skippedLines(plan), ...refusedLines(plan));
  if (profilePath)
    lines.push(
      `  配置已写入 Profile written: ${shownPath(profilePath)}（修改后用 edit it, then pass --profile）`,
    );
  return lines.join('\n');
}

/** A table's profile name before it is made unique: its file's stem and sheet, made safe. */
function baseNameFor(plan: TablePlan): string {
  const file = basename(plan.file);
  const stem = file.slice(0, file.length - extname(file).length);
  return safeProfileName(plan.sheet ? `${stem}-${plan.sheet}` : stem);
}

/** A path as the user reads it: relative to the working folder when inside it. */
export function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}

/**
 * Writes one YAML per table into `dir` (a refused table has no kind, hence no profile) and returns the absolute
 * paths. A file already there is never overwritten unless it holds exactly the same text: it may be the very
 * profile the analyst edited and passed back with `--profile`, so a changed plan takes the next free name.
 */
export function writePlanProfiles(
  plans: TablePlan[],
  dir: string,
  toYaml: (plan: TablePlan, name: string) => string,
): (string | undefined)[] {
  const taken = new Set<string>();
  return plans.map((plan) => {
    if (plan.refused || !plan.kind) return undefined;
    mkdirSync(dir, { recursive: true });
    const base = baseNameFor(plan);
    for (let n = 1; ; n += 1) {
      const name = n === 1 ? base : `${base}-${n}`;
      if (taken.has(name)) continue;
      const path = resolve(dir, `${name}.yaml`);
      const text = toYaml(plan, name);
      if (existsSync(path) && readFileSync(path, 'utf8') !== text) continue;
      taken.add(name);
      writeFileSync(path, text);
      return path;
    }
  });
}
