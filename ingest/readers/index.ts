// Entry point of the readers: input file discovery and dispatch to the right reader by extension.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../engine/errors.ts';
import { openCsv } from './csv.ts';
import { openJsonByContent } from './json.ts';
import { DEFAULT_READ_LIMITS, guardTable, type ReadLimits } from './limits.ts';
import type { SourceTable } from './types.ts';
import { extensionOf } from './types.ts';
import { openXlsx } from './xlsx.ts';

export type { ReadLimits } from './limits.ts';
export type { SourceRecord, SourceTable } from './types.ts';

type Reader = (path: string, limits: ReadLimits) => Promise<SourceTable[]>;

/** Extension → reader. Everything else is refused, so nothing is half-read by guesswork. */
const READERS: Record<string, Reader> = {
  '.csv': async (path, limits) => [await openCsv(path, limits)],
  '.tsv': async (path, limits) => [await openCsv(path, limits)],
  '.txt': async (path, limits) => [await openCsv(path, limits)],
  '.psv': async (path, limits) => [await openCsv(path, limits)],
  '.xlsx': openXlsx,
  // JSON or JSON Lines is decided by the content: JSON Lines are often saved as .json.
  '.json': async (path, limits) => [await openJsonByContent(path, limits)],
  '.jsonl': async (path, limits) => [await openJsonByContent(path, limits)],
  '.ndjson': async (path, limits) => [await openJsonByContent(path, limits)],
};

/** File extensions the readers accept (lower case, with the dot), for upload checks. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(READERS);

function missing(path: string, cause: unknown): InvalidInputError {
  return new InvalidInputError('read.missing', `找不到输入文件 ${path} / input not found: ${path}`, {
    details: { path },
    cause,
  });
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (cause) {
    throw missing(path, cause);
  }
}

/**
 * Opens a file as tables: one per CSV/JSON/JSONL file, one per non-empty XLSX sheet. Dispatch is by
 * extension (case-insensitive) because departmental files are named reliably but vary in content. Every
 * table is guarded by the same limits (columns, cell length, rows), whatever its format.
 */
export async function openTables(
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<SourceTable[]> {
  const info = await statOrThrow(path);
  if (info.isDirectory()) {
    throw new InvalidInputError('read.unsupported', `${path} 是文件夹 / ${path} is a folder, not a file`, {
      details: { path },
    });
  }
  const ext = extensionOf(path);
  const reader = READERS[ext];
  if (!reader) {
    const legacy = ext === '.xls' || ext === '.et';
    const zh = legacy
      ? '旧版 .xls 请在 Excel 中另存为 .xlsx'
      : '支持 .csv .tsv .txt .psv .xlsx .json .jsonl .ndjson，.xls 请另存为 .xlsx';
    const en = legacy
      ? 'save legacy .xls workbooks as .xlsx'
      : 'supported: .csv .tsv .txt .psv .xlsx .json .jsonl .ndjson; save .xls workbooks as .xlsx';
    const shown = ext || '(no extension)';
    throw new InvalidInputError(
      'read.unsupported',
      `不支持的文件类型 ${shown}，${zh} / unsupported file type ${shown}; ${en}`,
      {
        details: { path, extension: ext },
      },
    );
  }
  return (await reader(path, limits)).map((table) => guardTable(table, limits));
}

/**
 * Files ingest must not pick up when a folder is given: hidden files, Excel's `~$` lock files, and
 * the quarantine/summary files ingest itself writes next to its inputs.
 */
function isSkipped(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('.') || lower.startsWith('~$')) return true;
  if (lower.endsWith('.csv') && lower.includes('quarantine')) return true;
  return lower.endsWith('.json') && lower.includes('summary');
}

async function expandFolder(folder: string, out: string[]): Promise<void> {
  const entries: Dirent[] = await readdir(folder, { withFileTypes: true });
  // Plain code-unit order: stable across machines and locales, so runs are reproducible.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (isSkipped(entry.name)) continue;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) await expandFolder(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/**
 * Expands the given paths into input files: folders recursively and sorted, files as given (even if
 * their name would be skipped inside a folder: naming a file is an explicit choice). Duplicates are
 * dropped, keeping the first occurrence.
 */
export async function listInputFiles(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await statOrThrow(path);
    if (info.isDirectory()) await expandFolder(path, found);
    else found.push(path);
  }
  const seen = new Set<string>();
  return found.filter((file) => {
    const key = resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
