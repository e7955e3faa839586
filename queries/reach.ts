// The reach policy: analysts' Cypher sees the investigated graph only, decided operator by operator on the plan.
import { EngineError } from '../engine/errors.ts';
import { investigatedEntityTypes, investigatedRelationTypes } from '../engine/schema/index.ts';
import type { PlanOperator, QueryPlan, Store } from '../engine/store/gateway.ts';

export type ReachReason =
  | 'internal'
  | 'unlabelledScan'
  | 'untypedExpand'
  | 'byId'
  | 'expression'
  | 'operator'
  | 'unreadable'
  | 'fulltextIndex';

const REASONS: Record<ReachReason, { zh: string; en: string }> = {
  internal: {
    zh: '涉及应用数据（用户、审计、案件等）',
    en: 'it names application data (users, audit, cases…)',
  },
  unlabelledScan: { zh: '未限定节点标签', en: 'a node scan without an investigated label' },
  untypedExpand: { zh: '未限定关系类型', en: 'a relationship pattern without relationship types' },
  byId: { zh: '不允许按内部编号查找', en: 'look-ups by internal id are not allowed' },
  expression: {
    zh: '表达式内的子查询或最短路径，请改写为 MATCH 或 CALL 子查询',
    en: 'a subquery or shortest path inside an expression; write it as MATCH or a CALL subquery',
  },
  operator: { zh: '查询计划含未允许的操作', en: 'the plan uses an operator that is not allowed' },
  unreadable: { zh: '无法核实查询计划', en: 'the plan could not be verified' },
  fulltextIndex: { zh: '全文索引覆盖应用数据', en: 'a full-text index covers application data' },
};

/** 403 `query.refused`: the text is read-only but reaches beyond the investigated graph. Nothing of it has run. */
export function reachRefusal(reason: ReachReason, details: Record<string, unknown> = {}): EngineError {
  return queryRefusal(
    'query.refused',
    { zh: '查询只能访问调查图谱', en: 'Queries may read the investigated graph only' },
    REASONS[reason],
    reason,
    details,
  );
}

/** A 403 refusal of a query text, before it runs: `rule` says what may run, `why` what this text does instead. */
export function queryRefusal(
  id: string,
  rule: { zh: string; en: string },
  why: { zh: string; en: string },
  reason: string,
  details: Record<string, unknown>,
): EngineError {
  return new EngineError(id, `${rule.zh}，已拒绝执行：${why.zh} / ${rule.en}; refused: ${why.en}`, {
    status: 403,
    details: { field: 'cypher', reason, ...details },
  });
}

/** Labels and relationship types analysts may name: derived from the schema (`internal` entities excluded). */
export const INVESTIGATED_LABELS: ReadonlySet<string> = new Set(
  investigatedEntityTypes().map((e) => e.label),
);
export const INVESTIGATED_TYPES: ReadonlySet<string> = new Set(
  investigatedRelationTypes().map((r) => r.type),
);

// Names as Neo4j prints them in plan details: plain or back-quoted (a doubled back-quote inside).
const NAME = '(?:[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)+`)';
const NAMES = `${NAME}(?:\\|${NAME})*`;
const LABEL_EXPRESSION = new RegExp(`^${NAME}:(!?${NAME}(?:[|&]!?${NAME})*)$`);
/** An index leaf starts `[UNIQUE] [RANGE|TEXT|POINT INDEX] var:Label(`; a multi-seek lists more after `, `. */
const INDEX_FIRST = new RegExp(`^(?:UNIQUE |(?:RANGE|TEXT|POINT) INDEX )*${NAME}:(${NAME})\\(`);
const INDEX_LABEL = new RegExp(`(?:^|, )(?:UNIQUE |(?:RANGE|TEXT|POINT) INDEX )*${NAME}:(${NAME})\\(`, 'g');
/** `(a)-[r:T|U*..3]->(b)`, optionally `p = ` before it and an index kind and `(property)` inside. */
const REL_PATTERN = new RegExp(
  `^(?:${NAME} = )?(?:UNIQUE )?(?:(?:RANGE|TEXT|POINT) INDEX )?\\(${NAME}\\)<?-\\[(?:${NAME})?(?::(${NAMES}))?(?:\\([^)]*\\))?(?:\\*[0-9.]*)?\\]->?\\(${NAME}\\)`,
);
/** Count-store reads, anchored (an alias after `AS` is the caller's text): `count( (:A), (:B) ) AS c`. */
const NODE_COUNT = new RegExp(`^count\\( (\\((?::${NAME})?\\)(?:, \\((?::${NAME})?\\))*) \\) AS `);
const REL_COUNT = new RegExp(
  `^count\\( \\((?::(${NAME}))?\\)<?-\\[(?::(${NAMES}))?\\]->?\\((?::(${NAME}))?\\) \\) AS `,
);
const DEGREE = new RegExp(
  `\\b\\w*Degree\\w*\\(\\(${NAME}\\)<?-(?:\\[:(${NAMES})\\])?->?\\(\\)|\\b\\w*Degree\\w*\\(`,
  'g',
);
/** Graph reads Neo4j plans inside an expression (no operators of their own): what the walk cannot see. */
const NESTED = /\b(EXISTS|COLLECT|COUNT)\s*\{|\b(shortestPath|allShortestPaths)\s*\(/i;

function unquote(name: string): string {
  return name.startsWith('`') ? name.slice(1, -1).replaceAll('``', '`') : name;
}

/** The names in `A|B`, `A&!B`: separators and negations dropped (a negated label is named all the same). */
function splitNames(list: string): string[] {
  return (list.match(new RegExp(NAME, 'g')) ?? []).map(unquote);
}

function requireLabels(op: PlanOperator, labels: string[]): void {
  if (labels.length === 0) throw reachRefusal('unlabelledScan', { operator: op.name });
  const outside = labels.filter((l) => !INVESTIGATED_LABELS.has(l));
  if (outside.length > 0) throw reachRefusal('internal', { operator: op.name, labels: outside });
}

function requireTypes(op: PlanOperator, list: string | undefined): void {
  if (!list) throw reachRefusal('untypedExpand', { operator: op.name });
  const outside = splitNames(list).filter((t) => !INVESTIGATED_TYPES.has(t));
  if (outside.length > 0) throw reachRefusal('internal', { operator: op.name, types: outside });
}

function unreadable(op: PlanOperator): EngineError {
  return reachRefusal('unreadable', { operator: op.name, plan: op.details });
}

type Rule = (op: PlanOperator) => void;

const pass: Rule = () => {};
const refuse =
  (reason: ReachReason): Rule =>
  (op) => {
    throw reachRefusal(reason, { operator: op.name });
  };

/** Label scans: every label of the expression (negated ones too) is investigated. */
const labelScan: Rule = (op) => {
  const match = LABEL_EXPRESSION.exec(op.details ?? '');
  if (!match) throw unreadable(op);
  requireLabels(op, splitNames(match[1]!));
};

/** Index seeks and scans: each index is on one label, printed `var:Label(property)`. */
const indexLeaf: Rule = (op) => {
  const details = op.details ?? '';
  const first = INDEX_FIRST.exec(details);
  if (!first) throw unreadable(op);
  requireLabels(op, [first[1]!, ...[...details.matchAll(INDEX_LABEL)].map((m) => m[1]!)].map(unquote));
};

/** Expansions, relationship scans and relationship index seeks: typed, with investigated types only. */
const relationship: Rule = (op) => {
  const match = REL_PATTERN.exec(op.details ?? '');
  if (!match) throw unreadable(op);
  requireTypes(op, match[1]);
};

/** Count store: `count( (:Label) )` must name an investigated label; `count( () )` counts everything. */
const nodeCount: Rule = (op) => {
  const match = NODE_COUNT.exec(op.details ?? '');
  if (!match) throw unreadable(op);
  for (const node of match[1]!.split(/\), \(/)) requireLabels(op, splitNames(node));
};

const relationshipCount: Rule = (op) => {
  const match = REL_COUNT.exec(op.details ?? '');
  if (!match) throw unreadable(op);
  requireTypes(op, match[2]);
  const labels = [match[1], match[3]].filter((l): l is string => l !== undefined).map(unquote);
  if (labels.length > 0) requireLabels(op, labels);
};

/**
 * `SHORTEST k (a) ((x)-[r]-(y)){1, } (b)` with the types among the `inlined predicates` below it
 * (`r:FAMILY`, or `r:A:B` for `A|B`): every relationship of the pattern needs such a predicate.
 */
const statefulShortestPath: Rule = (op) => {
  const lines = (op.details ?? '').split('\n');
  // A back-quoted name spanning lines could forge a predicate line; multi-line CASE could hide one inside it.
  if (lines.some((line) => (line.match(/`/g)?.length ?? 0) % 2 === 1 || /\bCASE\b/.test(line))) {
    throw unreadable(op);
  }
  const [pattern = '', ...rest] = lines;
  const brackets = [...pattern.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
  if (brackets.length === 0) throw unreadable(op);
  const predicates = rest.map((line) => line.replace(/^\s*(inlined predicates:)?\s*/, '').trim());
  for (const inside of brackets) {
    const own = new RegExp(`^(${NAME})(?::(${NAMES}))?$`).exec(inside);
    if (!own) throw unreadable(op);
    if (own[2]) {
      requireTypes(op, own[2]);
      continue;
    }
    const variable = unquote(own[1]!);
    const typed = predicates
      .map((line) => new RegExp(`^(${NAME})((?::${NAME})+|:${NAMES})$`).exec(line))
      .find((m) => m && unquote(m[1]!) === variable);
    requireTypes(op, typed?.[2]?.slice(1).replaceAll(':', '|'));
  }
};

/** Degree look-ups Neo4j writes into expressions for `COUNT { (a)-[:T]->() }` and `EXISTS { … }`. */
function checkExpressions(op: PlanOperator): void {
  const details = op.details ?? '';
  if (NESTED.test(details)) throw reachRefusal('expression', { operator: op.name });
  for (const m of details.matchAll(DEGREE)) {
    if (!m[0].endsWith('()')) throw unreadable(op);
    requireTypes(op, m[1]);
  }
}

/** Operator names, space-separated (one list per rule). */
const names = (text: string): string[] => text.trim().split(/\s+/);
const rule = (list: string[], r: Rule): [string, Rule][] => list.map((name) => [name, r]);

const ROW_OPERATORS = names(`
  ProduceResults Projection Filter CacheProperties Argument EmptyRow Apply SemiApply AntiSemiApply LetSemiApply
  LetAntiSemiApply SelectOrSemiApply SelectOrAntiSemiApply LetSelectOrSemiApply LetSelectOrAntiSemiApply
  ConditionalApply AntiConditionalApply RollUpApply CartesianProduct NodeHashJoin ValueHashJoin
  NodeLeftOuterHashJoin NodeRightOuterHashJoin Optional Anti Union OrderedUnion Distinct OrderedDistinct
  Aggregation EagerAggregation OrderedAggregation Sort PartialSort Top PartialTop Limit ExhaustiveLimit Skip
  Unwind Eager EmptyResult NullifyMetadata TriadicSelection TriadicBuild TriadicFilter`);
const LABEL_SCANS = names(
  'NodeByLabelScan UnionNodeByLabelsScan IntersectionNodeByLabelsScan SubtractionNodeByLabelsScan',
);
const INDEX_LEAVES = names(`
  NodeIndexSeek NodeUniqueIndexSeek MultiNodeIndexSeek NodeIndexSeekByRange NodeUniqueIndexSeekByRange
  NodeIndexContainsScan NodeIndexEndsWithScan NodeIndexScan`);
const EXPANSIONS = [
  ...names('Expand OptionalExpand VarLengthExpand BFSPruningVarLengthExpand ShortestPath ProjectEndpoints'),
  ...['Directed', 'Undirected'].flatMap((direction) =>
    names(`
      RelationshipTypeScan UnionRelationshipTypesScan RelationshipIndexSeek RelationshipUniqueIndexSeek
      RelationshipIndexSeekByRange RelationshipUniqueIndexSeekByRange RelationshipIndexContainsScan
      RelationshipIndexEndsWithScan RelationshipIndexScan`).map((name) => direction + name),
  ),
];
const BY_ID = names(`
  NodeByIdSeek NodeByElementIdSeek DirectedRelationshipByIdSeek UndirectedRelationshipByIdSeek
  DirectedRelationshipByElementIdSeek UndirectedRelationshipByElementIdSeek`);

/**
 * The allow-list, by operator name without its `(All)`/`(Into)` variant. Operators that only move, filter,
 * join or shape rows pass (their expressions are still checked); every operator that produces nodes or
 * relationships has a rule; anything not listed is refused, so a new Neo4j operator is refused until reviewed.
 */
const RULES: Record<string, Rule> = Object.fromEntries([
  ...rule(ROW_OPERATORS, pass),
  // Its inner expansions are operators of their own, below it in the plan.
  ['Repeat', pass],
  // Names already checked by the read-only guard; full-text indexes by checkReadOnly.
  ['ProcedureCall', pass],
  ...rule(LABEL_SCANS, labelScan),
  ...rule(INDEX_LEAVES, indexLeaf),
  ...rule(EXPANSIONS, relationship),
  ['StatefulShortestPath', statefulShortestPath],
  ['NodeCountFromCountStore', nodeCount],
  ['RelationshipCountFromCountStore', relationshipCount],
  ['AllNodesScan', refuse('unlabelledScan')],
  ...rule(names('DirectedAllRelationshipsScan UndirectedAllRelationshipsScan'), refuse('untypedExpand')),
  ...rule(BY_ID, refuse('byId')),
]);

/** Decides whether a (read-only) plan stays inside the investigated graph; throws `query.refused` if not. */
export function judgeReach(plan: QueryPlan): void {
  for (const op of plan.operators) {
    const base = op.name.replace(/\(.*\)$/, '');
    const rule = RULES[base];
    if (!rule) throw reachRefusal('operator', { operator: op.name });
    checkExpressions(op);
    rule(op);
  }
}

/** A full-text index as `SHOW FULLTEXT INDEXES` lists it. */
export interface FulltextIndex {
  name: string;
  entityType: string;
  labelsOrTypes: string[];
}

/**
 * Full-text procedures take the index name as a value the plan does not show, so every full-text index must
 * cover investigated labels (or types) only; one over users or notes would make all of them unusable.
 */
export function judgeFulltextIndexes(indexes: FulltextIndex[]): void {
  for (const index of indexes) {
    const allowed = index.entityType === 'NODE' ? INVESTIGATED_LABELS : INVESTIGATED_TYPES;
    const outside = index.labelsOrTypes.filter((name) => !allowed.has(name));
    if (outside.length > 0) throw reachRefusal('fulltextIndex', { index: index.name, labels: outside });
  }
}

/** For a plan that calls a full-text procedure: reads the full-text indexes (a read, nothing runs) and judges them. */
export async function checkFulltextReach(store: Store, plan: QueryPlan): Promise<void> {
  const fulltext = plan.operators.some(
    (op) => op.name === 'ProcedureCall' && /^\s*db\.index\.fulltext\./.test(op.details ?? ''),
  );
  if (!fulltext) return;
  judgeFulltextIndexes(
    await store.read<FulltextIndex>(
      'SHOW FULLTEXT INDEXES YIELD name, entityType, labelsOrTypes RETURN name, entityType, labelsOrTypes',
    ),
  );
}
