// JSON (records in an array or a wrapper object) and JSONL/NDJSON (one object per line, streamed) readers.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline, Transform } from 'node:stream';
import { InvalidInputError } from '../../engine/errors.ts';
import {
  createDecodeStream,
  decodeStrict,
  decodeText,
  detectEncoding,
  readSample,
  SAMPLE_BYTES,
} from './encoding.ts';
import {
  findRecords,
  flattenRecord,
  isObject,
  looksLikeJsonLines,
  protectBigIntegers,
} from './json-shape.ts';
import { DEFAULT_READ_LIMITS, limitError, type ReadLimits } from './limits.ts';
import type { SourceRecord, SourceTable } from './types.ts';
import { extensionOf, MALFORMED_KEY, setValue } from './types.ts';

/** JSONL headers come from this many leading lines; later new keys still reach `values`. */
const JSONL_HEADER_LINES = 1000;

/**
 * JSON.parse needs the whole text as one string and builds every object at once: a 63 MB array of bank rows
 * peaked at 1.3 GB. So a .json file may be at most a 32nd of the sheet limit (16 MiB by default); bigger data
 * comes as JSON Lines, which stream.
 */
const maxJsonBytes = (limits: ReadLimits) => Math.floor((limits.maxSheetMb * 1024 * 1024) / 32);

function toValues(item: unknown, headers: readonly string[], raw: () => string): Record<string, string> {
  // Something other than an object cannot be mapped to columns: hand it over for quarantine.
  if (!isObject(item)) return { [MALFORMED_KEY]: raw() };
  const values: Record<string, string> = {};
  for (const header of headers) setValue(values, header, '');
  for (const [key, value] of flattenRecord(item)) setValue(values, key, value);
  return values;
}

function addKeys(item: unknown, seen: Set<string>): void {
  if (isObject(item)) for (const key of flattenRecord(item).keys()) seen.add(key);
}

function jsonError(file: string, reason: string, cause?: unknown): InvalidInputError {
  return new InvalidInputError(
    'read.json',
    `JSON 文件 ${file} 无法解析 / cannot read JSON ${file}: ${reason}`,
    {
      details: { file },
      cause,
    },
  );
}

/** The record array: the document itself, or the largest array of objects of a wrapper object. */
function locateArray(doc: unknown, file: string): { items: unknown[]; path: string } {
  const found = findRecords(doc);
  if (found) return found;
  throw jsonError(file, 'expected an array of objects, or an object holding one');
}

async function loadArray(
  path: string,
  limits: ReadLimits,
): Promise<{ items: unknown[]; path: string; encoding: string }> {
  const { size } = await stat(path);
  const max = maxJsonBytes(limits);
  if (size > max) {
    throw limitError('read.jsonTooLarge', path, {
      zh: '.json 文件过大，请改用 .jsonl（每行一条记录）',
      en: 'too large for .json; convert it to .jsonl (one record per line)',
      limit: `${Math.round(max / 1024 / 1024)} MiB`,
      setting: 'QINGFENG_INGEST_MAX_SHEET_MB / 32',
    });
  }
  const bytes = await readFile(path);
  const encoding = detectEncoding(bytes.subarray(0, SAMPLE_BYTES));
  const text = decodeStrict(bytes, encoding, path);
  let doc: unknown;
  try {
    doc = JSON.parse(protectBigIntegers(text));
  } catch (error) {
    throw jsonError(path, (error as Error).message, error);
  }
  return { ...locateArray(doc, path), encoding };
}

/**
 * Opens a .json file. The whole document is parsed here for the header union and again by
 * `records()`, so nothing is held in memory while the caller opens other files in between.
 */
export async function openJson(path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<SourceTable> {
  const { items, encoding, path: recordsPath } = await loadArray(path, limits);
  if (items.length === 0) {
    throw new InvalidInputError('read.empty', `JSON 文件 ${path} 没有记录 / ${path} holds no records`, {
      details: { file: path },
    });
  }
  const seen = new Set<string>();
  for (const item of items) addKeys(item, seen);
  const headers = [...seen];

  async function* records(): AsyncGenerator<SourceRecord> {
    const { items: all } = await loadArray(path, limits);
    for (const [index, item] of all.entries()) {
      yield { file: path, row: index + 1, values: toValues(item, headers, () => JSON.stringify(item)) };
    }
  }
  const table: SourceTable = { file: path, format: 'json', encoding, headers, records };
  // Say where the records were found when they were not the document itself.
  if (recordsPath) table.recordsPath = recordsPath;
  return table;
}

/** Passes text through, failing once a line grows past the limit, before readline would hold all of it. */
function lineGuard(path: string, limits: ReadLimits): Transform {
  const max = limits.maxLineKb * 1024;
  let run = 0;
  return new Transform({
    readableObjectMode: true,
    writableObjectMode: true,
    transform(chunk: string | Buffer, _encoding, callback) {
      const text = String(chunk);
      const first = text.search(/[\r\n]/);
      const last = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
      // The line running on from the last chunk, any whole line inside this one (only possible in a chunk
      // longer than the limit), and the line left open at its end.
      let over = first < 0 ? run + text.length > max : run + first > max;
      if (!over && first >= 0 && text.length > max)
        over = text.split(/\r\n|\n|\r/).some((l) => l.length > max);
      run = first < 0 ? run + text.length : text.length - last - 1;
      if (over || run > max) {
        callback(
          limitError('read.lineTooLong', path, {
            zh: '一行过长',
            en: 'a line is too long',
            limit: `${limits.maxLineKb} KiB`,
            setting: 'QINGFENG_INGEST_MAX_LINE_KB',
          }),
        );
        return;
      }
      callback(null, text);
    },
  });
}

/** Streams non-blank lines with their 1-based line numbers; closes the file if the caller stops. */
async function* eachLine(
  path: string,
  encoding: string,
  limits: ReadLimits,
): AsyncGenerator<{ text: string; line: number }> {
  const source = createReadStream(path);
  const decoded = createDecodeStream(encoding, path);
  const guarded = lineGuard(path, limits);
  pipeline(source, decoded, guarded, () => {});
  const lines = createInterface({ input: guarded, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text.trim() !== '') yield { text, line };
    }
  } finally {
    lines.close();
    source.destroy();
  }
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(protectBigIntegers(text));
  } catch {
    return undefined;
  }
}

/** Opens a .jsonl/.ndjson file; a malformed line becomes `{ __malformed: line }`, never an error. */
export async function openJsonl(
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<SourceTable> {
  const encoding = detectEncoding(await readSample(path));
  const seen = new Set<string>();
  let any = false;
  for await (const { text, line } of eachLine(path, encoding, limits)) {
    any = true;
    addKeys(parseLine(text), seen);
    if (line >= JSONL_HEADER_LINES) break;
  }
  if (!any) {
    throw new InvalidInputError('read.empty', `JSONL 文件 ${path} 没有记录 / ${path} holds no records`, {
      details: { file: path },
    });
  }
  const headers = [...seen];

  async function* records(): AsyncGenerator<SourceRecord> {
    for await (const { text, line } of eachLine(path, encoding, limits)) {
      yield { file: path, row: line, values: toValues(parseLine(text), headers, () => text) };
    }
  }
  return { file: path, format: 'jsonl', encoding, headers, records };
}

/**
 * Opens a .json, .jsonl or .ndjson file as what its content is: JSON Lines saved as .json streams line by
 * line (row = line number), one array saved as .jsonl is read as JSON. The extension only decides when
 * the start of the file does not tell (see `looksLikeJsonLines`).
 */
export async function openJsonByContent(
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<SourceTable> {
  const sample = await readSample(path);
  const lines = looksLikeJsonLines(decodeText(sample, detectEncoding(sample)));
  const asLines = lines ?? extensionOf(path) !== '.json';
  return asLines ? openJsonl(path, limits) : openJson(path, limits);
}
