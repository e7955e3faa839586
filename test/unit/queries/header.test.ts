// The builtin file format: YAML in leading `//` lines between `---` marks, then Cypher; every shipped file valid.
import { describe, expect, it } from 'vitest';
import { readBuiltinFiles } from '../../../queries/builtin.ts';
import { parameterNames } from '../../../queries/guard.ts';
import { parseTemplateFile, splitHeader } from '../../../queries/header.ts';
import { checkDeclarations } from '../../../queries/params.ts';

const GOOD = `// ---
// title: 测试模板
// titleEn: A test
// tags: [a, b]
// author: 张三
// params:
//   - name: who
//     type: entityKey
//     labels: [Person]
//     required: true
//     zh: 身份证号
//   - name: mode
//     type: enum
//     options: [x, y]
//     default: x
//     zh: 模式
// ---
// A comment that belongs to the query.
MATCH (p:Person {idNumber: $who}) WHERE $mode = 'x' RETURN p
`;

function thrownId(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as { id?: string }).id;
  }
  return undefined;
}

describe('splitHeader', () => {
  it('takes the YAML between the marks and keeps the rest, comments included, as the Cypher', () => {
    const { yaml, cypher } = splitHeader(GOOD);
    expect(yaml.split('\n')[0]).toBe('title: 测试模板');
    expect(yaml).toContain('  - name: who');
    expect(cypher.startsWith('// A comment that belongs to the query.\nMATCH')).toBe(true);
  });

  it('accepts a byte-order mark, leading blank lines and CRLF line ends', () => {
    const { yaml, cypher } = splitHeader(`\uFEFF\n\r\n${GOOD.replace(/\n/g, '\r\n')}`);
    expect(yaml).toContain('titleEn: A test');
    expect(cypher).toContain('RETURN p');
  });

  it('refuses a file without the opening or the closing mark, or with a bare line inside the header', () => {
    expect(thrownId(() => splitHeader('MATCH (n) RETURN n'))).toBe('template.header');
    expect(thrownId(() => splitHeader('// ---\n// title: x\nMATCH (n) RETURN n'))).toBe('template.header');
    expect(thrownId(() => splitHeader('// ---\n// title: x\n// ---'.replace('// title', 'title')))).toBe(
      'template.header',
    );
  });
});

describe('parseTemplateFile', () => {
  it('gives a validated definition with the file name as id and the author apart', () => {
    const { definition, author } = parseTemplateFile(GOOD, 'test_tpl.cypher', 'test_tpl');
    expect(definition.id).toBe('test_tpl');
    expect(definition.title).toBe('测试模板');
    expect(definition.tags).toEqual(['a', 'b']);
    expect(author).toBe('张三');
    expect(definition.params?.map((p) => [p.name, p.type, p.required])).toEqual([
      ['who', 'entityKey', true],
      ['mode', 'enum', false],
    ]);
    expect(definition.params?.[1]?.default).toBe('x');
  });

  it('refuses an id that differs from the file name, bad YAML, and a definition that fails the schema', () => {
    const renamed = GOOD.replace('// title:', '// id: other\n// title:');
    expect(thrownId(() => parseTemplateFile(renamed, 'test_tpl.cypher', 'test_tpl'))).toBe('template.header');
    const badYaml = GOOD.replace('// tags: [a, b]', '// tags: [a, b');
    expect(thrownId(() => parseTemplateFile(badYaml, 'f.cypher', 'f_tpl'))).toBe('template.header');
    const enumWithoutOptions = GOOD.replace('//     options: [x, y]\n', '');
    expect(thrownId(() => parseTemplateFile(enumWithoutOptions, 'f.cypher', 'f_tpl'))).toBe(
      'template.header',
    );
    const unknownType = GOOD.replace('type: entityKey', 'type: blob');
    expect(thrownId(() => parseTemplateFile(unknownType, 'f.cypher', 'f_tpl'))).toBe('template.header');
    const noCypher = GOOD.slice(0, GOOD.indexOf('// A comment'));
    expect(thrownId(() => parseTemplateFile(noCypher, 'f.cypher', 'f_tpl'))).toBe('template.header');
  });
});

describe('the shipped library (queries/*.cypher)', () => {
  const files = readBuiltinFiles();

  it('has the templates the issue asks for', () => {
    expect(files.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'cadre_relatives_companies',
        'village_cadre_company_payments',
        'transfer_trace',
        'transfer_cycles',
        'shared_contact_groups',
        'shareholding_chain',
        'guarantee_chain',
      ]),
    );
  });

  for (const file of readBuiltinFiles()) {
    it(`${file.id}: bilingual, tagged, every $param declared, every default of its type`, () => {
      const { definition } = file;
      expect(definition.title).toMatch(/[\u4e00-\u9fff]/);
      expect(definition.titleEn).toMatch(/[A-Za-z]/);
      expect(definition.description.length).toBeGreaterThan(20);
      expect(definition.tags.length).toBeGreaterThan(0);
      expect(() => checkDeclarations(definition.cypher, definition.params ?? [])).not.toThrow();
      // Every declaration is used: a declared parameter the text ignores would mislead the form.
      expect(parameterNames(definition.cypher).sort()).toEqual(
        (definition.params ?? []).map((p) => p.name).sort(),
      );
      for (const p of definition.params ?? []) expect(p.en, `${file.id}.${p.name}`).toBeTruthy();
      expect(file.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  }
});
