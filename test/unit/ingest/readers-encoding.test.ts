// Encoding detection and decoding streams: BOMs, GBK, UTF-8 cut at the sample edge, chunk boundaries.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  createDecodeStream,
  detectEncoding,
  readSample,
  SAMPLE_BYTES,
} from '../../../ingest/readers/encoding.ts';

/** Feeds bytes one at a time, the harshest chunking a decoder can meet. */
async function decodeByteByByte(bytes: Buffer, encoding: string): Promise<string> {
  const chunks = [...bytes].map((byte) => Buffer.from([byte]));
  let text = '';
  for await (const piece of Readable.from(chunks).pipe(createDecodeStream(encoding, 'mem'))) {
    text += typeof piece === 'string' ? piece : (piece as Buffer).toString('utf8');
  }
  return text;
}

describe('detectEncoding', () => {
  it('recognises BOMs', () => {
    expect(detectEncoding(Buffer.from('\uFEFFa,b', 'utf8'))).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toBe('utf-16be');
  });

  it('tells UTF-8 (ASCII included) from GBK', () => {
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('交易日期,交易金额,对方户名\n'))).toBe('utf-8');
    expect(detectEncoding(iconv.encode('交易日期,交易金额,对方户名\n', 'gbk'))).toBe('gb18030');
    expect(detectEncoding(Buffer.alloc(0))).toBe('utf-8');
  });

  it('does not mistake a UTF-8 character cut by the sample boundary for GBK', () => {
    const full = Buffer.from(`${'a'.repeat(SAMPLE_BYTES - 2)}张三`);
    // The sample ends after the first two of 张's three bytes.
    expect(detectEncoding(full.subarray(0, SAMPLE_BYTES))).toBe('utf-8');
    // …but a genuinely invalid byte at the end is still caught.
    expect(detectEncoding(Buffer.concat([Buffer.from('abc'), Buffer.from([0xc1])]))).toBe('gb18030');
  });
});

describe('readSample', () => {
  it('reads at most the requested bytes', async () => {
    const dir = fs.mkdtempSync(join(os.tmpdir(), 'qf-'));
    const path = join(dir, 'big.txt');
    fs.writeFileSync(path, Buffer.alloc(SAMPLE_BYTES + 10, 0x61));
    expect((await readSample(path)).length).toBe(SAMPLE_BYTES);
    expect((await readSample(path, 5)).toString()).toBe('aaaaa');
    fs.writeFileSync(path, 'xy');
    expect((await readSample(path)).toString()).toBe('xy');
  });
});

describe('createDecodeStream', () => {
  it('decodes GBK and UTF-8 correctly even when every byte arrives alone', async () => {
    const text = '姓名,金额\n张三,1\n北京某某科技有限公司,2\n';
    expect(await decodeByteByByte(iconv.encode(text, 'gbk'), 'gb18030')).toBe(text);
    expect(await decodeByteByByte(Buffer.from(text), 'utf-8')).toBe(text);
    expect(await decodeByteByByte(Buffer.from(`\uFEFF${text}`), 'utf-8-bom')).toBe(text);
  });

  it('fails with read.encoding on invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('ok,'), iconv.encode('张三', 'gbk')]);
    await expect(decodeByteByByte(bytes, 'utf-8')).rejects.toMatchObject({ id: 'read.encoding' });
  });
});
