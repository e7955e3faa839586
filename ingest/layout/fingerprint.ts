// The fingerprint of a table's header set: files exported by the same system share it, whatever their rows.
import { createHash } from 'node:crypto';
import { normaliseHeader } from './vocabulary.ts';

/**
 * A short hash of the normalised header names, sorted: the same export layout gives the same fingerprint even
 * when a column moves, and unnamed columns (`__col7`) or repeats (`备注#2`) do not count, because the number of
 * trailing empty columns varies from one export of a layout to the next.
 */
export function headerFingerprint(headers: readonly string[]): string {
  const names = [
    ...new Set(
      headers
        .filter((h) => !h.startsWith('__col'))
        .map((h) => normaliseHeader(h.replace(/#\d+$/, '')))
        .filter(Boolean),
    ),
  ].sort();
  return createHash('sha1').update(names.join('\u0001')).digest('hex').slice(0, 12);
}
