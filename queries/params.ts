// Template parameters: values checked against their declared type and bound as Neo4j values; defaults checked too.
import neo4j from 'neo4j-driver';
import { InvalidInputError } from '../engine/errors.ts';
import type { Params } from '../engine/store/gateway.ts';
import { parameterNames } from './guard.ts';
import { DATE_TEXT, type ParamDecl } from './template.ts';

/** Longest text a string or entity-key parameter accepts. */
const MAX_TEXT = 2000;

function badParam(field: string, name: string, zh: string, en: string, id = 'template.badParam') {
  return new InvalidInputError(id, `参数 ${name} ${zh} / Parameter ${name} ${en}`, {
    details: { field, param: name },
  });
}

function validDate(text: string): boolean {
  if (!DATE_TEXT.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkBounds(decl: ParamDecl, value: number, field: string): void {
  if (decl.min !== undefined && value < decl.min) {
    throw badParam(field, decl.name, `不得小于 ${decl.min}`, `must be at least ${decl.min}`);
  }
  if (decl.max !== undefined && value > decl.max) {
    throw badParam(field, decl.name, `不得大于 ${decl.max}`, `must be at most ${decl.max}`);
  }
}

/**
 * One value as its declared type: `{bound}` goes to Neo4j (Integer, Date…), `{plain}` to answers and the audit.
 * Numbers may arrive as text (query strings, forms); nothing else is coerced.
 */
export function bindValue(
  decl: ParamDecl,
  value: unknown,
  field: string,
): { bound: unknown; plain: unknown } {
  const { name } = decl;
  switch (decl.type) {
    case 'string':
    case 'entityKey': {
      if (typeof value !== 'string') throw badParam(field, name, '应为文本', 'must be text');
      const text = decl.type === 'entityKey' ? value.trim() : value;
      if (decl.type === 'entityKey' && text === '')
        throw badParam(field, name, '不能为空', 'must not be empty');
      if (text.length > MAX_TEXT) throw badParam(field, name, '过长', 'is too long');
      return { bound: text, plain: text };
    }
    case 'integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
        throw badParam(field, name, '应为整数', 'must be an integer');
      }
      checkBounds(decl, n, field);
      return { bound: neo4j.int(n), plain: n };
    }
    case 'float': {
      const n =
        typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
          ? Number(value)
          : value;
      if (typeof n !== 'number' || !Number.isFinite(n))
        throw badParam(field, name, '应为数值', 'must be a number');
      checkBounds(decl, n, field);
      return { bound: n, plain: n };
    }
    case 'date': {
      if (typeof value !== 'string' || !validDate(value.trim())) {
        throw badParam(field, name, '应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
      }
      const [y, m, d] = value.trim().split('-').map(Number) as [number, number, number];
      return { bound: new neo4j.types.Date(y, m, d), plain: value.trim() };
    }
    case 'enum': {
      if (typeof value !== 'string' || !decl.options?.includes(value)) {
        const options = (decl.options ?? []).join(', ');
        throw badParam(field, name, `须为以下之一：${options}`, `must be one of: ${options}`);
      }
      return { bound: value, plain: value };
    }
  }
}

export interface BoundParams {
  /** For Neo4j: every declared parameter, missing optional ones as null. */
  bound: Params;
  /** The same values as plain JSON, for answers and the audit log. */
  plain: Record<string, unknown>;
}

/** Checks the values given for a template run: unknown names and missing required ones are refused. */
export function bindParams(decls: readonly ParamDecl[], values: Record<string, unknown> = {}): BoundParams {
  for (const name of Object.keys(values)) {
    if (!decls.some((d) => d.name === name)) {
      throw badParam(`params.${name}`, name, '未在模板中声明', 'is not declared by the template');
    }
  }
  const bound: Params = {};
  const plain: Record<string, unknown> = {};
  for (const decl of decls) {
    const given = values[decl.name];
    const value = given === undefined || given === null || given === '' ? decl.default : given;
    if (value === undefined || value === null) {
      if (decl.required) throw badParam(`params.${decl.name}`, decl.name, '必须填写', 'is required');
      bound[decl.name] = null;
      plain[decl.name] = null;
      continue;
    }
    const one = bindValue(decl, value, `params.${decl.name}`);
    bound[decl.name] = one.bound;
    plain[decl.name] = one.plain;
  }
  return { bound, plain };
}

/** Save-time checks of declarations against the text: every `$name` declared, every default of its type. */
export function checkDeclarations(cypher: string, decls: readonly ParamDecl[], fieldPrefix = 'params'): void {
  const undeclared = parameterNames(cypher).filter((name) => !decls.some((d) => d.name === name));
  if (undeclared.length > 0) {
    throw new InvalidInputError(
      'template.undeclaredParam',
      `Cypher 中使用了未声明的参数：${undeclared.join(', ')} / The Cypher uses undeclared parameters: ${undeclared.join(', ')}`,
      { details: { field: 'cypher', names: undeclared } },
    );
  }
  decls.forEach((decl, i) => {
    if (decl.default === undefined || decl.default === null) return;
    bindValue(decl, decl.default, `${fieldPrefix}.${i}.default`);
  });
}

/** Declarations for a text saved without any: each `$name` a required string (the author refines them later). */
export function inferDeclarations(cypher: string): ParamDecl[] {
  return parameterNames(cypher)
    .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    .map((name) => ({ name, type: 'string' as const, zh: name, en: name, required: true }));
}

/**
 * Ad-hoc parameters arrive as JSON: whole numbers become Neo4j integers (so `LIMIT $n` and id comparisons
 * work), everything else passes as is. Values never enter the text: they are bound, not spliced.
 */
export function adHocParams(values: Record<string, unknown> = {}): Params {
  const convert = (value: unknown): unknown => {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
    if (Array.isArray(value)) return value.map(convert);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    }
    return value;
  };
  return convert(values) as Params;
}
