// Without clearance: queries computing parts of ID numbers or birth dates are refused; birth-date answers keep years.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../engine/errors.ts';
import { checkRevealingUse, cutDatesWhenBirthRead, revealingUses } from '../../../queries/reveal.ts';

const refusedId = (cypher: string) => {
  try {
    checkRevealingUse(cypher);
  } catch (error) {
    return error instanceof EngineError ? error.id : 'other';
  }
  return 'accepted';
};

describe('revealingUses / checkRevealingUse', () => {
  it.each([
    'MATCH (p:Person) RETURN substring(p.idNumber, 6, 8) AS born',
    'MATCH (p:Person) RETURN left(p.idNumber, 14)',
    'MATCH (p:Person) RETURN p.birthDate.month AS m',
    'MATCH (p:Person) RETURN p.idNumber[6..14]',
    'MATCH (p:Person) WHERE p.idNumber STARTS WITH $prefix RETURN p.name',
    'MATCH (p:Person) WHERE p.birthDate < date($d) RETURN p.name',
    'MATCH (p:Person) RETURN toInteger(p.idNumber) AS n',
    "MATCH (p:Person) WHERE p.idNumber =~ '.*0713.*' RETURN p.name",
    'MATCH (m:PersonMention) RETURN split(m.idNumberRaw, "")',
  ])('refuses a derived use: %s', (cypher) => {
    expect(refusedId(cypher)).toBe('query.revealsId');
  });

  it.each([
    'MATCH (p:Person {idNumber: $cadre}) RETURN p.name, p.idNumber',
    'MATCH (p:Person) WHERE p.idNumber = $id RETURN p',
    'MATCH (p:Person) RETURN coalesce(p.idNumber, p.name) AS key, p.birthDate AS born ORDER BY p.birthDate DESC',
    'MATCH (p:Person) WHERE p.idNumber IN $ids AND p.birthDate IS NOT NULL RETURN collect(p.idNumber)',
    "MATCH (p:Person) RETURN p { .name, .idNumber } AS person, 'substring(p.idNumber, 1)' AS text",
    'MATCH (a:Account)-[t:TRANSFER]->(b) RETURN a.accountNo, t.date, t.amount',
  ])('accepts a whole-value use: %s', (cypher) => {
    expect(refusedId(cypher)).toBe('accepted');
  });

  it('names the properties a query reads, by kind', () => {
    expect(revealingUses('MATCH (p:Person {idNumber: $x}) RETURN p.birthDate').uses).toEqual([
      { property: 'idNumber', kind: 'number' },
      { property: 'birthDate', kind: 'birthDate' },
    ]);
    expect(revealingUses('MATCH (a:Account) RETURN a.accountNo').uses).toEqual([]);
  });
});

describe('cutDatesWhenBirthRead', () => {
  const answer = {
    rows: [
      {
        name: '王芳',
        born: '1972-07-13',
        at: '2025-01-05T10:00:00',
        note: '生于1972年7月13日',
        code: '19720713',
      },
    ],
    graph: { nodes: [{ props: { birthDate: '1972-07-13' } }] },
  };

  it('keeps only the year of every date when a birth-date property is read', () => {
    const cut = cutDatesWhenBirthRead(answer, [{ property: 'birthDate', kind: 'birthDate' }]);
    expect(cut.rows[0]).toEqual({ name: '王芳', born: '1972', at: '2025', note: '生于1972年', code: '1972' });
    expect(cut.graph).toEqual({ nodes: [{ props: { birthDate: '1972' } }] });
  });

  it('leaves an answer alone when no birth-date property is read', () => {
    expect(cutDatesWhenBirthRead(answer, [{ property: 'idNumber', kind: 'number' }])).toBe(answer);
  });
});
