// Text encoding detection (UTF-8 vs GBK/GB18030) and decoding streams for the text-based readers.
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { InvalidInputError } from '../../engine/errors.ts';

/** How much of a file is inspected to guess its encoding and CSV delimiter. */
export const SAMPLE_BYTES = 64 * 1024;

/** Reads at most `bytes` from the start of a file without loading the rest. */
export async function readSample(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    let filled = 0;
    // A single read may return fewer bytes than asked for, so loop until full or end of file.
    while (filled < bytes) {
      const { bytesRead } = await handle.read(buffer, filled, bytes - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * Guesses the encoding of a text file from its first bytes.
 *
 * - UTF-8 BOM → 'utf-8-bom'; UTF-16 BOMs → 'utf-16le' / 'utf-16be' (Excel's "Unicode text" export,
 *   still common in Chinese offices, would otherwise be decoded as GB18030 garbage).
 * - Valid UTF-8 (pure ASCII included) → 'utf-8'. The check decodes in streaming mode so a multibyte
 *   character cut by the sample boundary is treated as "to be continued" rather than as invalid.
 * - Anything else → 'gb18030', a superset of GBK and GB2312, which is what Windows in China writes.
 */
export function detectEncoding(sample: Buffer): string {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return 'utf-8-bom';
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function isUtf8(encoding: string): boolean {
  return encoding === 'utf-8' || encoding === 'utf-8-bom';
}

/**
 * Decodes a whole buffer (a sample or a small file) to text without the BOM. Lenient: used where a
 * cut character at the end does not matter (delimiter sniffing) or after the encoding is known good.
 */
export function decodeText(buffer: Buffer, encoding: string): string {
  if (isUtf8(encoding)) return new TextDecoder('utf-8').decode(buffer);
  return iconv.decode(buffer, encoding);
}

/**
 * Decodes a whole file's bytes strictly: a file detected as UTF-8 that later turns out not to be
 * (e.g. an ASCII-only first 64 KiB followed by GBK text) fails with `read.encoding` instead of
 * silently turning names into U+FFFD.
 */
export function decodeStrict(buffer: Buffer, encoding: string, file: string): string {
  if (!isUtf8(encoding)) return iconv.decode(buffer, encoding);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch (cause) {
    throw encodingError(file, 0, cause);
  }
}

function encodingError(file: string, byteOffset: number, cause: unknown): InvalidInputError {
  return new InvalidInputError(
    'read.encoding',
    `文件 ${file} 在约第 ${byteOffset} 字节之后不是有效的 UTF-8（可能混有 GBK 编码），请统一另存为 UTF-8 / ` +
      `${file} is not valid UTF-8 after about byte ${byteOffset} (mixed GBK?); re-save it as UTF-8`,
    { details: { file, byteOffset }, cause },
  );
}

/**
 * A Transform from raw bytes to decoded text chunks (BOM removed). GB18030 and UTF-16 go through
 * iconv-lite; UTF-8 uses a fatal streaming TextDecoder so invalid bytes deep inside a multi-GB file
 * raise `read.encoding` rather than corrupting records. Chunk boundaries inside characters are safe
 * in both cases because the decoders keep state between chunks.
 */
export function createDecodeStream(encoding: string, file = ''): Transform {
  if (!isUtf8(encoding)) return iconv.decodeStream(encoding) as unknown as Transform;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        callback(null, text.length > 0 ? text : undefined);
      } catch (cause) {
        callback(encodingError(file, offset, cause));
      }
    },
    flush(callback) {
      try {
        const rest = decoder.decode();
        callback(null, rest.length > 0 ? rest : undefined);
      } catch (cause) {
        callback(encodingError(file, offset, cause));
      }
    },
  });
}
