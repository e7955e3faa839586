// Figures of the Louvain bench: medians, side-by-side tables, PASS/FAIL goal lines and the JSON record.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from './contenders.ts';

export interface Goal {
  name: string;
  pass: boolean;
  detail: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** One contender on one seed: the median-time repeat's times, the first repeat's quality. */
export interface Summary {
  contender: string;
  seed: number;
  repeats: number;
  loadSeconds: number;
  runSeconds: number;
  totalSeconds: number;
  cpuSeconds: number;
  modularity: number;
  count: number;
  nmi: number;
}

export function summarise(outcomes: readonly Outcome[]): Summary {
  const first = outcomes[0]!;
  const byTotal = [...outcomes].sort((a, b) => a.totalSeconds - b.totalSeconds);
  const mid = byTotal[(byTotal.length - 1) >> 1]!;
  return {
    contender: first.contender,
    seed: first.seed,
    repeats: outcomes.length,
    loadSeconds: mid.loadSeconds,
    runSeconds: mid.runSeconds,
    totalSeconds: median(outcomes.map((o) => o.totalSeconds)),
    cpuSeconds: median(outcomes.map((o) => o.cpuSeconds)),
    modularity: first.modularity,
    count: first.count,
    nmi: first.nmi,
  };
}

/** A plain text table, numbers right-aligned. */
export function formatTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) =>
        /^[-+]?[\d.]+[×%s]?$/.test(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!),
      )
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** Side-by-side rows of the planted part: per seed and contender, with time ratios to igraph. */
export function plantedRows(summaries: readonly Summary[]): Array<Array<string | number>> {
  return summaries.map((s) => {
    const igraph = summaries.find((o) => o.contender === 'igraph' && o.seed === s.seed);
    return [
      s.seed,
      s.contender,
      s.repeats,
      fixed(s.loadSeconds, 3),
      fixed(s.runSeconds, 3),
      fixed(s.totalSeconds, 3),
      igraph ? ratio(s.totalSeconds / igraph.totalSeconds) : '–',
      igraph ? ratio(s.runSeconds / igraph.runSeconds) : '–',
      fixed(s.cpuSeconds, 3),
      igraph ? ratio(s.cpuSeconds / igraph.cpuSeconds) : '–',
      fixed(s.modularity, 4),
      s.count,
      fixed(s.nmi, 4),
    ];
  });
}

export const PLANTED_HEADERS = [
  'seed',
  'contender',
  'reps',
  'load s',
  'run s',
  'total s',
  'total/igraph',
  'run/igraph',
  'cpu s',
  'cpu/igraph',
  'modularity',
  'communities',
  'NMI',
];

export function printGoals(goals: readonly Goal[]): void {
  for (const goal of goals) console.log(`${goal.pass ? 'PASS' : 'FAIL'}  ${goal.name}: ${goal.detail}`);
}

export function machine(pythons: Record<string, unknown>) {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    ...pythons,
  };
}

/** Writes `record` to `dir/analysis-<timestamp>.json` and returns the path. */
export function writeRecord(dir: string, record: unknown): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const path = join(dir, `analysis-${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}
