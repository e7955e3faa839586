// Receiving a multipart upload: files streamed into one folder under safe names, the total size capped, fields kept.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import busboy from 'busboy';
import type { Request } from 'express';
import { z } from 'zod';
import { SUPPORTED_EXTENSIONS } from '../../../ingest/readers/index.ts';
import { extensionOf } from '../../../ingest/readers/types.ts';
import { KINDS, type Kind } from '../../../ingest/types.ts';
import type { EngineError } from '../../errors.ts';
import { httpError } from '../errors.ts';
import { words } from '../fields.ts';

/** The upload form: one or more files, and a kind for all of them (blank: told by each file's content). */
export const UploadForm = z.object({
  files: z.array(z.string().meta({ contentMediaType: 'application/octet-stream' })).min(1),
  kind: words(['', ...KINDS]).optional(),
});

export interface UploadedFile {
  /** The name it was saved under, inside the upload folder. */
  name: string;
  /** The name the client sent. */
  original: string;
  size: number;
  path: string;
}

export interface Upload {
  files: UploadedFile[];
  fields: Record<string, string>;
}

/** Most files and form fields in one upload. */
const MAX_FILES = 100;
const MAX_FIELDS = 20;
const MAX_NAME = 150;

/**
 * A file name safe to create inside the upload folder: the last path segment only (so `../../x.csv` is `x.csv`),
 * no control or reserved characters, no leading dots, at most 150 characters with its extension kept.
 */
export function safeFileName(original: string): string {
  const last = original.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  let name = last.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_');
  name = name.replace(/^[.\s]+/, '').trim();
  if (name.length > MAX_NAME) {
    const ext = extensionOf(name);
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return name;
}

/** `name (2).csv` when `name.csv` is taken (case-insensitively). */
function uniqueName(name: string, taken: Set<string>): string {
  const ext = extensionOf(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function badFile(original: string, extension: string): EngineError {
  const shown = extension || '(无扩展名 / no extension)';
  return httpError(
    400,
    'ingest.badFile',
    `不支持的文件类型 ${shown}：${original}（支持 ${SUPPORTED_EXTENSIONS.join(' ')}）/ Unsupported file type ${shown}: ${original} (supported: ${SUPPORTED_EXTENSIONS.join(' ')})`,
    { field: 'files', file: original, extension, supported: SUPPORTED_EXTENSIONS },
  );
}

function tooLarge(limitMb: number): EngineError {
  return httpError(
    413,
    'ingest.tooLarge',
    `上传文件总大小超过 ${limitMb} MB / The upload exceeds ${limitMb} MB in total`,
    { field: 'files', limitMb },
  );
}

/**
 * Streams every file part of a multipart request into `dir` (created here). The whole request is read even after
 * a fault, so the client gets the answer; on a fault the folder is removed and the first fault thrown.
 * `seen` is filled as parts arrive (original name and bytes), for the audit record.
 */
export async function receiveUpload(
  req: Request,
  dir: string,
  limitMb: number,
  seen: { name: string; size: number }[] = [],
): Promise<Upload> {
  const limit = limitMb * 1024 * 1024;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: MAX_FILES, fields: MAX_FIELDS, fieldSize: 10_000 },
    });
  } catch {
    throw httpError(
      400,
      'ingest.noFiles',
      '请以 multipart/form-data 上传文件 / Upload the files as multipart/form-data',
      { field: 'files' },
    );
  }
  mkdirSync(dir, { recursive: true });
  const root = resolve(dir) + sep;
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  const taken = new Set<string>();
  const writes: Promise<void>[] = [];
  let total = 0;
  let fault: EngineError | undefined;
  const fail = (error: EngineError) => {
    fault ??= error;
  };

  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (_field, stream, info) => {
    const original = info.filename ?? '';
    const record = { name: original, size: 0 };
    seen.push(record);
    const name = uniqueName(safeFileName(original), taken);
    const extension = extensionOf(name);
    const path = resolve(dir, name);
    if (fault || !name || !SUPPORTED_EXTENSIONS.includes(extension) || !path.startsWith(root)) {
      if (!fault) fail(badFile(original, extension));
      stream.resume();
      return;
    }
    const file: UploadedFile = { name, original, size: 0, path };
    files.push(file);
    const out = createWriteStream(path);
    writes.push(
      new Promise<void>((done) => {
        let discarding = false;
        const discard = () => {
          discarding = true;
          out.destroy();
          stream.resume();
        };
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          record.size += chunk.length;
          file.size += chunk.length;
          if (discarding) return;
          if (fault || total > limit) {
            fail(tooLarge(limitMb));
            discard();
          } else if (!out.write(chunk)) {
            stream.pause();
            out.once('drain', () => stream.resume());
          }
        });
        stream.on('end', () => (discarding ? done() : out.end(() => done())));
        out.on('error', (error) => {
          fail(
            httpError(500, 'ingest.writeFailed', `无法保存上传文件 / Could not save the upload: ${error}`),
          );
          if (!discarding) discard();
          done();
        });
      }),
    );
  });
  parser.on('filesLimit', () =>
    fail(
      httpError(400, 'ingest.tooManyFiles', `一次最多上传 ${MAX_FILES} 个文件 / At most ${MAX_FILES} files`, {
        field: 'files',
      }),
    ),
  );

  await new Promise<void>((done, reject) => {
    parser.on('close', done);
    parser.on('error', (error) =>
      reject(httpError(400, 'request.malformed', `上传内容格式错误 / Malformed upload: ${String(error)}`)),
    );
    req.on('aborted', () => reject(httpError(400, 'request.aborted', '上传被中断 / The upload was aborted')));
    req.pipe(parser);
  }).catch((error: EngineError) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  await Promise.all(writes);
  if (fault) {
    rmSync(dir, { recursive: true, force: true });
    throw fault;
  }
  return { files, fields };
}

/**
 * The `kind` field of a received upload, checked with its files: 400 `ingest.noFiles` when none came, 400
 * `request.invalid` (field `body.kind`) for a kind ingest does not know. The caller removes the folder.
 */
export function uploadKind(upload: Upload): Kind | undefined {
  if (!upload.files.length)
    throw httpError(400, 'ingest.noFiles', '未上传任何文件 / No files were uploaded', { field: 'files' });
  const kind = upload.fields.kind?.trim() || undefined;
  if (kind && !(KINDS as readonly string[]).includes(kind))
    throw httpError(400, 'request.invalid', `未知的文件类型 ${kind} / Unknown kind: ${kind}`, {
      field: 'body.kind',
      allowed: KINDS,
    });
  return kind as Kind | undefined;
}
