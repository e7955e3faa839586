// Turns what a user types (an ID number, account, credit code, or `Label:key`) into one entity's node id.
import { InvalidInputError } from '../../errors.ts';
import { entityType, isEntityLabel } from '../../schema/index.ts';
import type { Store } from '../../store/gateway.ts';
import { badArgument, nodeNotFound } from '../common.ts';
import { nodeId } from '../graph.ts';
import { projectableLabels } from './cypher.ts';

/** Finds which of `labels` has a node keyed `$key`; one query per label, each through its key's index. */
function lookupCypher(labels: string[]): string {
  return labels
    .map((label) => `MATCH (n:${label} {${entityType(label).key}: $key}) RETURN '${label}' AS label`)
    .join('\nUNION ALL\n');
}

/**
 * `Label:key` is taken as given (and checked to exist); a bare key is looked up among `labels` (default: every
 * investigated label) and must match exactly one entity. ID numbers and credit codes are matched upper-case.
 */
export async function resolveEntity(store: Store, text: string, labels?: readonly string[]): Promise<string> {
  const raw = (text ?? '').trim();
  if (!raw) throw badArgument('entity', 'empty entity key');
  const at = raw.indexOf(':');
  const prefix = at > 0 ? raw.slice(0, at) : '';
  if (isEntityLabel(prefix)) {
    const key = raw.slice(at + 1);
    const rows = await store.read(lookupCypher([prefix]), { key });
    if (!rows.length) throw nodeNotFound(raw);
    return nodeId(prefix, key);
  }
  const candidates = [...(labels ?? projectableLabels())];
  const keys = [...new Set([raw, raw.toUpperCase()])];
  const found = new Set<string>();
  for (const key of keys) {
    const rows = await store.read<{ label: string }>(lookupCypher(candidates), { key });
    for (const row of rows) found.add(nodeId(row.label, key));
  }
  if (found.size === 0) throw nodeNotFound(raw);
  if (found.size > 1)
    throw new InvalidInputError(
      'analysis.ambiguousEntity',
      `“${raw}”对应多个实体（${[...found].join('、')}），请写成“类型:键” / "${raw}" names several entities (${[...found].join(', ')}); write Label:key`,
      { details: { entity: raw, candidates: [...found] } },
    );
  return [...found][0]!;
}
