// Remembers, within one run, which nodes need no further write: all their values sent and provenance full.
import { entityType } from '../../engine/schema/index.ts';
import { MAX_SOURCES } from './cypher.ts';

/** Beyond this many remembered nodes the memory is dropped: a missed skip costs a write, never correctness. */
const MAX_REMEMBERED = 300_000;

interface Sent {
  sources: number;
  /** One bit per schema property of the label that has been sent with a value. */
  props: number;
}

/**
 * A hub account appears in every batch of a statement; once its provenance list is full and every property it
 * is given has been written, re-sending it is pure cost (the MERGE keeps first values and a full list).
 */
export class SaturationMemory {
  private readonly sent = new Map<string, Sent>();
  private readonly bits = new Map<string, Map<string, number>>();

  private mask(label: string, props: Record<string, unknown>): number {
    let index = this.bits.get(label);
    if (!index) {
      index = new Map(Object.keys(entityType(label).properties).map((name, i) => [name, 1 << i]));
      this.bits.set(label, index);
    }
    let mask = 0;
    for (const name of Object.keys(props)) mask |= index.get(name) ?? 0;
    return mask;
  }

  /** True when writing this node again could change nothing. */
  isSaturated(label: string, key: string, props: Record<string, unknown>): boolean {
    const prev = this.sent.get(`${label}\u0000${key}`);
    if (!prev || prev.sources < MAX_SOURCES) return false;
    const mask = this.mask(label, props);
    return (mask & ~prev.props) === 0;
  }

  /** Records a write of this node with `sources` new provenance entries. */
  wrote(label: string, key: string, props: Record<string, unknown>, sources: number): void {
    if (this.sent.size >= MAX_REMEMBERED) this.sent.clear();
    const id = `${label}\u0000${key}`;
    const prev = this.sent.get(id) ?? { sources: 0, props: 0 };
    this.sent.set(id, {
      sources: Math.min(MAX_SOURCES, prev.sources + sources),
      props: prev.props | this.mask(label, props),
    });
  }
}
