// XLSX bomb guards: the zip's stated sizes checked before parsing, and a streaming check of the XML as it is read.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidInputError } from '../../engine/errors.ts';
import { cellTooLong, limitError, partLimitBytes, type ReadLimits, tooManyRows } from './limits.ts';
import { readZipDirectory } from './zipdir.ts';

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

function unreadable(path: string, zh: string, en: string): InvalidInputError {
  const name = basename(path);
  return new InvalidInputError('read.xlsx', `${name}：${zh} / ${name}: ${en}`, { details: { file: name } });
}

function partTooLarge(path: string, part: string, limit: number): InvalidInputError {
  return limitError('read.sheetTooLarge', path, {
    zh: `解压后 ${part} 过大（可能是压缩炸弹）`,
    en: `${part} is too large once unzipped (a zip bomb?)`,
    limit: `${Math.round(limit / 1024 / 1024)} MiB`,
    setting: 'QINGFENG_INGEST_MAX_SHEET_MB',
    where: part,
  });
}

/**
 * Checks the zip's central directory before exceljs sees the file: a zip without one (truncated, damaged) or
 * without `xl/workbook.xml` (another kind of zip) is not a workbook, and a part whose stated uncompressed
 * size passes the limit is refused unread. The stated sizes can lie; XmlGuard checks what is actually read.
 */
export async function checkWorkbookZip(path: string, limits: ReadLimits): Promise<void> {
  const { size } = await stat(path);
  const entries = await readZipDirectory(path, size);
  if (!entries) throw unreadable(path, '压缩包不完整或已损坏（文件可能被截断）', 'truncated or damaged zip');
  if (!entries.some((e) => e.name === 'xl/workbook.xml' || e.name === '(zip64)')) {
    throw unreadable(path, '是压缩包但不是 Excel 工作簿', 'a zip file but not an Excel workbook');
  }
  for (const entry of entries) {
    const limit = partLimitBytes(limits, SHEET_PART.test(entry.name));
    if (entry.size > limit) throw partTooLarge(path, entry.name, limit);
  }
}

/**
 * Watches the XML text of one workbook part as it streams: its total length, the longest stretch without a
 * `<` (a cell's text or an attribute; escapes can make it up to 8× the characters it stands for), and for
 * sheets the number of `<row` elements. Each breach throws before exceljs can build a string that big.
 */
export class XmlGuard {
  private chars = 0;
  private run = 0;
  private rows = 0;
  private carry = '';
  private readonly maxRun: number;
  private readonly maxChars: number;

  constructor(
    private readonly path: string,
    private readonly part: string,
    private readonly limits: ReadLimits,
    private readonly isSheet: boolean,
  ) {
    this.maxRun = limits.maxCellChars * 8 + 1024;
    this.maxChars = partLimitBytes(limits, isSheet);
  }

  feed(text: string): void {
    this.chars += text.length;
    if (this.chars > this.maxChars) throw partTooLarge(this.path, this.part, this.maxChars);
    let from = 0;
    for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
      if (this.run + at - from > this.maxRun) throw cellTooLong(this.path, this.limits, this.part);
      this.run = 0;
      from = at + 1;
    }
    this.run += text.length - from;
    if (this.run > this.maxRun) throw cellTooLong(this.path, this.limits, this.part);
    if (!this.isSheet) return;
    // A `<row` is counted once the character after it is seen (so not `<rowBreaks`); the carried tail lets
    // one cut by a chunk boundary be counted with the next chunk, and only then.
    const joined = this.carry + text;
    for (
      let at = joined.indexOf('<row');
      at >= 0 && at + 4 < joined.length;
      at = joined.indexOf('<row', at + 4)
    ) {
      const next = joined.charAt(at + 4);
      if (next === ' ' || next === '>' || next === '/') this.rows += 1;
    }
    this.carry = joined.slice(-4);
    if (this.rows > this.limits.maxRows + 1) throw tooManyRows(this.path, this.limits, this.part);
  }
}
