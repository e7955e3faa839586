// Remembers, within one run, which nodes and pair relationships need no further write for the current file.
import { entityType, relationType } from '../../engine/schema/index.ts';

/** Beyond this many remembered entries the memory is dropped: a missed skip costs a write, never correctness. */
const MAX_REMEMBERED = 300_000;

interface Sent {
  /** The file (provenance prefix) the entry was last written for. */
  file: string;
  /** One bit per schema property of the label or type that has been sent with a value. */
  props: number;
}

/** `file#row` → `file#`: the part of a provenance entry that names the file (or sheet). */
export function fileOfSource(source: string): string {
  return source.slice(0, source.lastIndexOf('#') + 1);
}

/**
 * Nodes and pair relationships keep one provenance entry per source file (the first row that names them), so
 * a hub account that appears in every batch of a statement is written once per file, plus once for each
 * property value it is offered for the first time. Keyed relationships (transfers, payments) are not
 * remembered here: each of their rows is its own fact.
 */
export class SaturationMemory {
  private readonly sent = new Map<string, Sent>();
  private readonly bits = new Map<string, Map<string, number>>();

  private mask(kind: string, props: Record<string, unknown>): number {
    let index = this.bits.get(kind);
    if (!index) {
      const [what, name] = kind.split('|') as [string, string];
      const properties = what === 'N' ? entityType(name).properties : relationType(name).properties;
      index = new Map(Object.keys(properties).map((prop, i) => [prop, 1 << i]));
      this.bits.set(kind, index);
    }
    let mask = 0;
    for (const name of Object.keys(props)) mask |= index.get(name) ?? 0;
    return mask;
  }

  private static kind(shape: 'N' | 'E', name: string): string {
    return `${shape}|${name}`;
  }

  /** True when writing this node (shape N, name = label) or pair relationship (E, type) again changes nothing. */
  isSaturated(
    shape: 'N' | 'E',
    name: string,
    key: string,
    props: Record<string, unknown>,
    file: string,
  ): boolean {
    const prev = this.sent.get(`${shape}|${name}\u0000${key}`);
    if (!prev || prev.file !== file) return false;
    const mask = this.mask(SaturationMemory.kind(shape, name), props);
    return (mask & ~prev.props) === 0;
  }

  /** Records a write of this entry with these properties from this file. */
  wrote(shape: 'N' | 'E', name: string, key: string, props: Record<string, unknown>, file: string): void {
    if (this.sent.size >= MAX_REMEMBERED) this.sent.clear();
    const id = `${shape}|${name}\u0000${key}`;
    const prev = this.sent.get(id);
    const mask = this.mask(SaturationMemory.kind(shape, name), props);
    this.sent.set(id, { file, props: prev && prev.file === file ? prev.props | mask : mask });
  }
}
