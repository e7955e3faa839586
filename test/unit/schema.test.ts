// The schema is consistent: keys are declared properties, relation ends are declared labels, statements cover all.
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../engine/errors.ts';
import { schemaStatements } from '../../engine/schema/constraints.ts';
import {
  ENTITY_TYPES,
  entityType,
  RELATION_TYPES,
  relationType,
  sensitiveProperties,
} from '../../engine/schema/index.ts';

describe('schema as data', () => {
  it('declares each entity key among its properties, and labels once', () => {
    const labels = ENTITY_TYPES.map((e) => e.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const entity of ENTITY_TYPES)
      expect(Object.keys(entity.properties), entity.label).toContain(entity.key);
  });

  it('joins only declared labels, and declares relation keys among properties', () => {
    const labels = new Set<string>(ENTITY_TYPES.map((e) => e.label));
    for (const relation of RELATION_TYPES) {
      for (const end of [...relation.from, ...relation.to])
        expect(labels.has(end), `${relation.type} ${end}`).toBe(true);
      if ('key' in relation) expect(Object.keys(relation.properties)).toContain(relation.key);
    }
  });

  it('covers the relationship types the design names', () => {
    const types = RELATION_TYPES.map((r) => r.type);
    for (const t of [
      'HOLDS_POST',
      'FAMILY',
      'MEMBER_OF',
      'LEGAL_REP',
      'SHAREHOLDER',
      'EXECUTIVE',
      'OWNS_ACCOUNT',
      'TRANSFER',
      'COLLECTIVE_PAYMENT',
      'SUBSIDY',
      'HAS_PHONE',
      'HAS_ADDRESS',
    ]) {
      expect(types).toContain(t);
    }
    expect(relationType('SHAREHOLDER').properties.ratio?.type).toBe('float');
    expect(entityType('Person').properties.deathDate?.type).toBe('date');
  });

  it('derives one uniqueness constraint per entity and keyed relation, all idempotent', () => {
    const statements = schemaStatements();
    for (const entity of ENTITY_TYPES) {
      expect(
        statements.some((s) => s.includes(`(n:${entity.label}) REQUIRE n.${entity.key} IS UNIQUE`)),
      ).toBe(true);
    }
    expect(statements.some((s) => s.includes('()-[r:TRANSFER]-() REQUIRE r.txKey IS UNIQUE'))).toBe(true);
    expect(statements.every((s) => s.includes('IF NOT EXISTS'))).toBe(true);
  });

  it('marks ID numbers sensitive and throws NotFoundError for unknown types', () => {
    expect(sensitiveProperties('Person')).toContain('idNumber');
    expect(() => entityType('Spaceship')).toThrow(NotFoundError);
    expect(() => relationType('LOVES')).toThrow(NotFoundError);
  });
});
