// Reads an XLSX's zip central directory (names and uncompressed sizes) so bombs are refused before parsing.
import { open } from 'node:fs/promises';

export interface ZipEntry {
  name: string;
  /** Uncompressed size as the directory states it; ZIP64 sizes (≥ 4 GiB) read as Infinity. */
  size: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const ZIP64_LOCATOR = 0x07064b50;
/** End-of-central-directory record (22 bytes) plus the longest comment a zip may carry. */
const TAIL = 22 + 0xffff;

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The entries of a zip's central directory, or undefined when there is none to be found (a truncated or
 * damaged zip: its directory sits at the very end, so a cut file loses it first). ZIP64 archives, which no
 * departmental workbook needs, report their entries with size Infinity so any limit refuses them.
 */
export async function readZipDirectory(path: string, fileSize: number): Promise<ZipEntry[] | undefined> {
  const tailStart = Math.max(0, fileSize - TAIL);
  const tail = await readAt(path, tailStart, fileSize - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  const zip64 = eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR;
  if (zip64 || dirOffset === 0xffffffff || count === 0xffff) return [{ name: '(zip64)', size: Infinity }];
  if (dirOffset + dirSize > fileSize) return undefined;
  const dir = await readAt(path, dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL) return undefined;
    const size = dir.readUInt32LE(at + 24);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const name = dir.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, size: size === 0xffffffff ? Infinity : size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
