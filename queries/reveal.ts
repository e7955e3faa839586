// What a query computes from ID-revealing properties, for users without clearance: derived uses refused, dates cut.
import { EngineError } from '../engine/errors.ts';
import { ENTITY_TYPES, type PropertySpec, RELATION_TYPES } from '../engine/schema/index.ts';
import { blankLiterals } from './guard.ts';

type Kind = NonNullable<PropertySpec['revealsId']>;

/** Property names the schema marks `revealsId`, with the kind of ID they reveal. */
const REVEALING: ReadonlyMap<string, Kind> = new Map(
  [...ENTITY_TYPES, ...RELATION_TYPES].flatMap((t) =>
    Object.entries(t.properties as Record<string, PropertySpec>).flatMap(([name, spec]) =>
      spec.revealsId ? [[name, spec.revealsId] as const] : [],
    ),
  ),
);

/**
 * Calls that hand a property's whole value on: anything else (substring, left, split, toInteger, `.month` …)
 * computes a part of it, which ID masking cannot recognise afterwards.
 */
const PASSING_CALLS = new Set(['coalesce', 'collect', 'head', 'last', 'count', 'tostring', 'distinct']);

/** After the property: what keeps the value whole (a separator, a closing bracket, equality, IS NULL, AS…). */
const WHOLE_AFTER =
  /^\s*($|[,)}\]]|<>|=(?!~)|IS\b|IN\b|AS\b|AND\b|OR\b|XOR\b|RETURN\b|WITH\b|ORDER\b|WHERE\b|LIMIT\b|SKIP\b|UNION\b|CALL\b|UNWIND\b|OPTIONAL\b|MATCH\b|DESC\b|ASC\b)/i;

export interface RevealingUse {
  property: string;
  kind: Kind;
}

/** The name of the call whose argument list is open at `at` (`substring(` → `substring`), or '' outside calls. */
function enclosingCall(text: string, at: number): string {
  let depth = 0;
  for (let i = at - 1; i >= 0; i -= 1) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth += 1;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) return c === '(' ? (/([A-Za-z_][\w.]*)\s*$/.exec(text.slice(0, i))?.[1] ?? '') : '';
      depth -= 1;
    }
  }
  return '';
}

/**
 * Reads the query text (literals and comments blanked) for revealing properties: `uses` names those read at all,
 * `derived` the first one whose value is cut, converted, compared by prefix or range, or taken apart.
 */
export function revealingUses(cypher: string): { uses: RevealingUse[]; derived?: RevealingUse } {
  const text = blankLiterals(cypher);
  const uses: RevealingUse[] = [];
  let derived: RevealingUse | undefined;
  for (const [property, kind] of REVEALING) {
    const pattern = new RegExp(`\\.\\s*${property}\\b|\\b${property}\\s*:`, 'g');
    for (const match of text.matchAll(pattern)) {
      if (!uses.some((u) => u.property === property)) uses.push({ property, kind });
      if (match[0].endsWith(':')) continue; // `{idNumber: $id}`: a lookup by the whole value
      const call = enclosingCall(text, match.index).toLowerCase();
      const after = text.slice(match.index + match[0].length, match.index + match[0].length + 12);
      if ((call && !PASSING_CALLS.has(call)) || !WHOLE_AFTER.test(after)) derived ??= { property, kind };
    }
  }
  return derived ? { uses, derived } : { uses };
}

/** 403 `query.revealsId`: the query computes a part of an ID number or birth date for a user without clearance. */
export function checkRevealingUse(cypher: string): RevealingUse[] {
  const { uses, derived } = revealingUses(cypher);
  if (derived) {
    throw new EngineError(
      'query.revealsId',
      `无权限查看身份证号或出生日期的部分内容（${derived.property}）/ Without clearance a query may not compute parts of an ID number or birth date (${derived.property})`,
      { status: 403, details: { field: 'cypher', property: derived.property } },
    );
  }
  return uses;
}

/** A full date as text (a time after it goes too): ISO, `1972/7/13`, `1972.07.13`, `1972年7月13日`, or `19720713`. */
const DATE_TEXT =
  /(?<!\d)((?:18|19|20)\d{2})(?:([-/.年])(\d{1,2})[-/.月](\d{1,2})日?|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/g;

function cutDates(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(DATE_TEXT, (_m, year: string, separator?: string) =>
      separator === '年' ? `${year}年` : year,
    );
  }
  if (Array.isArray(value)) return value.map(cutDates);
  if (value && typeof value === 'object' && (value as object).constructor === Object) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cutDates(v);
    return out;
  }
  return value;
}

/**
 * An answer for a user without clearance to a query that reads a birth-date property: every date in its rows and
 * graph keeps only its year, since which column holds the birth date cannot be told from the values.
 */
export function cutDatesWhenBirthRead<A extends { rows: unknown[]; graph?: unknown }>(
  answer: A,
  uses: RevealingUse[],
): A {
  if (!uses.some((u) => u.kind === 'birthDate')) return answer;
  return { ...answer, rows: cutDates(answer.rows) as unknown[], graph: cutDates(answer.graph) };
}
