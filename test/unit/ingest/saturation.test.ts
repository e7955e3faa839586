// The run's memory of written nodes and pair relationships: skip only a repeat from the same file with nothing new.
import { describe, expect, it } from 'vitest';
import { fileOfSource, SaturationMemory } from '../../../ingest/load/saturation.ts';

describe('SaturationMemory', () => {
  it('never skips an entry it has not written', () => {
    expect(new SaturationMemory().isSaturated('N', 'Account', 'A', {}, 'a.csv#')).toBe(false);
  });

  it('skips a repeat from the same file when every offered property was sent', () => {
    const memory = new SaturationMemory();
    memory.wrote('N', 'Account', 'A', { holderName: '张三' }, 'a.csv#');
    expect(memory.isSaturated('N', 'Account', 'A', { holderName: '李四' }, 'a.csv#')).toBe(true);
    expect(memory.isSaturated('N', 'Account', 'A', {}, 'a.csv#')).toBe(true);
  });

  it('writes again for a new file, a new property, another label or another key', () => {
    const memory = new SaturationMemory();
    memory.wrote('N', 'Account', 'A', { holderName: '张三' }, 'a.csv#');
    expect(memory.isSaturated('N', 'Account', 'A', {}, 'b.csv#')).toBe(false);
    expect(memory.isSaturated('N', 'Account', 'A', { bank: '农行' }, 'a.csv#')).toBe(false);
    expect(memory.isSaturated('N', 'Person', 'A', {}, 'a.csv#')).toBe(false);
    expect(memory.isSaturated('N', 'Account', 'B', {}, 'a.csv#')).toBe(false);
  });

  it('remembers pair relationships by type and properties', () => {
    const memory = new SaturationMemory();
    memory.wrote('E', 'SHAREHOLDER', 'P>C', { ratio: 0.6 }, 's.csv#');
    expect(memory.isSaturated('E', 'SHAREHOLDER', 'P>C', { ratio: 0.5 }, 's.csv#')).toBe(true);
    expect(memory.isSaturated('E', 'OWNS_ACCOUNT', 'P>C', {}, 's.csv#')).toBe(false);
  });

  it('takes the file part of a provenance entry, sheet included', () => {
    expect(fileOfSource('a.csv#12')).toBe('a.csv#');
    expect(fileOfSource('book.xlsx:股东#3')).toBe('book.xlsx:股东#');
  });
});
