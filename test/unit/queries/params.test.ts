// Template parameter values: checked by declared type, bound as Neo4j values, unknown and missing ones refused.
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { adHocParams, bindParams, checkDeclarations, inferDeclarations } from '../../../queries/params.ts';
import { type ParamDecl, TemplateInput } from '../../../queries/template.ts';

const DECLS: ParamDecl[] = [
  { name: 'who', type: 'entityKey', zh: '对象', labels: ['Person', 'Company'], required: true },
  { name: 'n', type: 'integer', zh: '数量', required: false, default: 3, min: 1, max: 10 },
  { name: 'amount', type: 'float', zh: '金额', required: false, min: 0 },
  { name: 'from', type: 'date', zh: '起始', required: false },
  { name: 'mode', type: 'enum', zh: '模式', options: ['a', 'b'], default: 'a', required: false },
  { name: 'text', type: 'string', zh: '文本', required: false },
];

function failure(work: () => unknown): { id?: string; field?: unknown } {
  try {
    work();
  } catch (error) {
    const e = error as { id?: string; details?: { field?: unknown } };
    return { id: e.id, field: e.details?.field };
  }
  return {};
}

describe('bindParams', () => {
  it('applies defaults, binds missing optional ones as null, and converts each type', () => {
    const { bound, plain } = bindParams(DECLS, {
      who: '  330102197003150119 ',
      amount: '12.5',
      from: '2026-02-28',
    });
    expect(plain).toEqual({
      who: '330102197003150119',
      n: 3,
      amount: 12.5,
      from: '2026-02-28',
      mode: 'a',
      text: null,
    });
    expect(neo4j.isInt(bound.n)).toBe(true);
    expect((bound.n as { toNumber(): number }).toNumber()).toBe(3);
    expect(neo4j.isDate(bound.from)).toBe(true);
    expect(String(bound.from)).toBe('2026-02-28');
    expect(bound.text).toBeNull();
  });

  it('accepts whole numbers given as text for integers, and keeps a string parameter as given', () => {
    const { plain } = bindParams(DECLS, { who: 'x', n: '7', text: "  x'}) DETACH DELETE n //" });
    expect(plain.n).toBe(7);
    expect(plain.text).toBe("  x'}) DETACH DELETE n //");
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ['a missing required value', { n: 2 }, 'params.who'],
    ['an empty entity key', { who: '   ' }, 'params.who'],
    ['an undeclared name', { who: 'x', extra: 1 }, 'params.extra'],
    ['a fraction for an integer', { who: 'x', n: 2.5 }, 'params.n'],
    ['an integer below its minimum', { who: 'x', n: 0 }, 'params.n'],
    ['an integer above its maximum', { who: 'x', n: 11 }, 'params.n'],
    ['text for a float', { who: 'x', amount: 'lots' }, 'params.amount'],
    ['a negative amount', { who: 'x', amount: -1 }, 'params.amount'],
    ['an impossible date', { who: 'x', from: '2026-02-30' }, 'params.from'],
    ['a date in another format', { who: 'x', from: '28/02/2026' }, 'params.from'],
    ['a value outside the enum', { who: 'x', mode: 'c' }, 'params.mode'],
    ['a number for a string', { who: 'x', text: 5 }, 'params.text'],
    ['an object for an entity key', { who: { $ne: null } }, 'params.who'],
  ];
  for (const [what, values, field] of refusals) {
    it(`refuses ${what} with template.badParam and the field`, () => {
      expect(failure(() => bindParams(DECLS, values))).toEqual({ id: 'template.badParam', field });
    });
  }
});

describe('checkDeclarations and inferDeclarations', () => {
  it('refuses a $name the declarations lack, ignoring names inside strings and comments', () => {
    const cypher = "MATCH (p {idNumber: $who}) WHERE p.note <> '$notAParam' // $neither\nRETURN p, $other";
    expect(failure(() => checkDeclarations(cypher, DECLS))).toEqual({
      id: 'template.undeclaredParam',
      field: 'cypher',
    });
    expect(() => checkDeclarations(cypher.replace(', $other', ''), DECLS)).not.toThrow();
  });

  it('refuses a default that does not fit its type', () => {
    const bad: ParamDecl[] = [{ name: 'n', type: 'integer', zh: 'n', required: false, default: 'ten' }];
    expect(failure(() => checkDeclarations('RETURN $n', bad))).toEqual({
      id: 'template.badParam',
      field: 'params.0.default',
    });
  });

  it('infers a required string per $name, in order of use', () => {
    expect(
      inferDeclarations('MATCH (a {k: $key}) WHERE a.t > $since RETURN a, $key').map((d) => d.name),
    ).toEqual(['key', 'since']);
  });

  it('validates definitions: duplicate names, options only on enums, entity labels from the schema', () => {
    const base = { title: 't', cypher: 'RETURN 1' };
    expect(TemplateInput.safeParse({ ...base, params: [DECLS[0], DECLS[0]] }).success).toBe(false);
    expect(
      TemplateInput.safeParse({ ...base, params: [{ name: 'x', type: 'string', zh: 'x', options: ['a'] }] })
        .success,
    ).toBe(false);
    expect(
      TemplateInput.safeParse({
        ...base,
        params: [{ name: 'x', type: 'entityKey', zh: 'x', labels: ['User'] }],
      }).success,
    ).toBe(false);
    expect(TemplateInput.safeParse({ ...base, id: 'Bad Id' }).success).toBe(false);
    expect(TemplateInput.safeParse({ ...base, id: 'good_id-2', params: DECLS }).success).toBe(true);
  });
});

describe('adHocParams', () => {
  it('binds whole numbers as integers, deeply, and leaves text and fractions alone', () => {
    const bound = adHocParams({ n: 5, f: 1.5, s: '5', list: [1, 'a'], map: { k: 2 } });
    expect(neo4j.isInt(bound.n)).toBe(true);
    expect(bound.f).toBe(1.5);
    expect(bound.s).toBe('5');
    expect(neo4j.isInt((bound.list as unknown[])[0])).toBe(true);
    expect(neo4j.isInt((bound.map as Record<string, unknown>).k)).toBe(true);
  });
});
