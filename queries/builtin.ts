// The built-in library: queries/*.cypher loaded into the store at start, idempotently; a changed file is a new version.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEngineError } from '../engine/errors.ts';
import type { Store } from '../engine/store/gateway.ts';
import { type ParsedTemplateFile, parseTemplateFile } from './header.ts';
import { inferDeclarations } from './params.ts';
import { createTemplate, findTemplate, sourceHashOf, updateTemplate } from './store.ts';

/** The folder of this file: the builtin `.cypher` files sit beside the code that loads them. */
export const BUILTIN_DIR = dirname(fileURLToPath(import.meta.url));

/** Who builtins are saved as, unless their header names an author. */
export const BUILTIN_AUTHOR = 'qingfeng';

export interface BuiltinFile extends ParsedTemplateFile {
  id: string;
  file: string;
  /** SHA-256 of the file's text: a different hash means the file changed since it was loaded. */
  hash: string;
}

/** Every `*.cypher` file of the folder, parsed and validated (a broken header throws `template.header`). */
export function readBuiltinFiles(dir: string = BUILTIN_DIR): BuiltinFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cypher'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const text = readFileSync(file, 'utf8');
      const id = basename(name, '.cypher');
      return {
        ...parseTemplateFile(text, name, id),
        id,
        file,
        hash: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export interface BuiltinReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Ids held by a user's own template: left alone. */
  skipped: { id: string; reason: string }[];
}

/**
 * Makes the store hold every builtin: missing ones are created (version 1, `builtin: true`), those whose file
 * changed get a new version (the old one stays in the history), the rest are untouched. Safe to call on every
 * start and from several processes at once.
 */
export async function ensureBuiltinTemplates(
  store: Store,
  options: { dir?: string } = {},
): Promise<BuiltinReport> {
  const report: BuiltinReport = { created: [], updated: [], unchanged: [], skipped: [] };
  for (const builtin of readBuiltinFiles(options.dir)) {
    const { id, definition, hash } = builtin;
    const author = builtin.author ?? BUILTIN_AUTHOR;
    const existing = await findTemplate(store, id);
    // Builtins are checked by the test suite; the run-time guard checks them again before each run.
    const save = { builtin: true, sourceHash: hash, skipGuard: true };
    // Every field explicit: a field dropped from the file is dropped from the template too.
    const content = {
      ...definition,
      titleEn: definition.titleEn ?? null,
      descriptionEn: definition.descriptionEn ?? null,
      params: definition.params ?? inferDeclarations(definition.cypher),
    };
    if (!existing) {
      try {
        await createTemplate(
          store,
          { ...content, note: definition.note ?? '内置模板 / built-in' },
          author,
          save,
        );
        report.created.push(id);
      } catch (error) {
        if (!isEngineError(error) || error.id !== 'template.exists') throw error;
        report.unchanged.push(id);
      }
    } else if (!existing.builtin) {
      report.skipped.push({ id, reason: 'a user template has this id' });
    } else if ((await sourceHashOf(store, id)) !== hash) {
      await updateTemplate(
        store,
        id,
        { ...content, note: definition.note ?? '内置模板文件已更新 / built-in file changed' },
        author,
        save,
      );
      report.updated.push(id);
    } else {
      report.unchanged.push(id);
    }
  }
  return report;
}
