// A builtin template file: a YAML metadata header in leading `//` comment lines between `---` marks, then Cypher.
import { parse as parseYaml } from 'yaml';
import { InvalidInputError } from '../engine/errors.ts';
import { type TemplateDefinition, TemplateInput } from './template.ts';

export interface ParsedTemplateFile {
  /** The definition: header fields plus the Cypher text after the header. */
  definition: TemplateDefinition & { id: string };
  /** Extra header fields that are not part of a definition (`author`). */
  author: string | undefined;
}

function headerError(file: string, reason: string, line?: number): InvalidInputError {
  const where = line ? `${file}:${line}` : file;
  return new InvalidInputError(
    'template.header',
    `模板文件头无效（${where}）：${reason} / Invalid template header (${where}): ${reason}`,
    { details: { file, line: line ?? null } },
  );
}

/**
 * Splits a `.cypher` file into its header YAML and its Cypher text. The header is the run of `//` lines at
 * the top, starting and ending with `// ---`; `// ` (or `//`) is stripped from each. Text after it is Cypher.
 */
export function splitHeader(text: string, file = 'template'): { yaml: string; cypher: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first += 1;
  if (lines[first]?.trim() !== '// ---') {
    throw headerError(file, '文件须以 `// ---` 开头 / the file must start with `// ---`', first + 1);
  }
  const body: string[] = [];
  let end = -1;
  for (let i = first + 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (!line.trimStart().startsWith('//')) {
      throw headerError(file, '文件头每行须以 // 开头 / every header line must start with //', i + 1);
    }
    const content = line.trimStart().replace(/^\/\/ ?/, '');
    if (content.trim() === '---') {
      end = i;
      break;
    }
    body.push(content);
  }
  if (end === -1) throw headerError(file, '缺少结束标记 `// ---` / missing the closing `// ---`');
  return {
    yaml: body.join('\n'),
    cypher: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
  };
}

/** Parses and validates one builtin file; `id` defaults to the file name and must match it when given. */
export function parseTemplateFile(text: string, file: string, fileId: string): ParsedTemplateFile {
  const { yaml, cypher } = splitHeader(text, file);
  let meta: unknown;
  try {
    meta = parseYaml(yaml);
  } catch (error) {
    throw headerError(file, `YAML 无法解析 / YAML does not parse: ${(error as Error).message}`);
  }
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    throw headerError(file, '文件头须为键值对 / the header must be a mapping');
  }
  const { author, ...fields } = meta as Record<string, unknown>;
  if (fields.id !== undefined && fields.id !== fileId) {
    throw headerError(file, `id 须与文件名一致 / id must match the file name: ${String(fields.id)}`);
  }
  const parsed = TemplateInput.safeParse({ ...fields, id: fileId, cypher });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw headerError(file, `${(issue?.path ?? []).join('.')}: ${issue?.message}`);
  }
  if (author !== undefined && typeof author !== 'string') {
    throw headerError(file, 'author 须为文本 / author must be text');
  }
  return { definition: { ...parsed.data, id: fileId }, author };
}
