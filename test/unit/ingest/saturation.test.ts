// The run's memory of saturated nodes: skip only when provenance is full and no new property is offered.
import { describe, expect, it } from 'vitest';
import { MAX_SOURCES } from '../../../ingest/load/cypher.ts';
import { SaturationMemory } from '../../../ingest/load/saturation.ts';

describe('SaturationMemory', () => {
  it('never skips a node it has not written', () => {
    expect(new SaturationMemory().isSaturated('Account', 'A', {})).toBe(false);
  });

  it('skips once provenance is full and the offered properties were all sent', () => {
    const memory = new SaturationMemory();
    memory.wrote('Account', 'A', { holderName: '张三' }, MAX_SOURCES - 1);
    expect(memory.isSaturated('Account', 'A', { holderName: '张三' })).toBe(false);
    memory.wrote('Account', 'A', {}, 5);
    expect(memory.isSaturated('Account', 'A', { holderName: '李四' })).toBe(true);
    expect(memory.isSaturated('Account', 'A', {})).toBe(true);
  });

  it('writes again when a property never sent before is offered', () => {
    const memory = new SaturationMemory();
    memory.wrote('Account', 'A', { holderName: '张三' }, MAX_SOURCES);
    expect(memory.isSaturated('Account', 'A', { bank: '农行' })).toBe(false);
    expect(memory.isSaturated('Person', 'A', {})).toBe(false);
  });
});
