// The read-only guard: Neo4j's own EXPLAIN decides whether a text may run; writes, admin, LOAD CSV are refused.
import { type EngineError, InvalidInputError, StoreError } from '../engine/errors.ts';
import type { Params, PlanOperator, QueryPlan, Store } from '../engine/store/gateway.ts';
import { checkQueryLimits } from './limits.ts';
import { checkFulltextReach, judgeReach, queryRefusal } from './reach.ts';

export type RefusalReason =
  | 'write'
  | 'schema'
  | 'admin'
  | 'loadCsv'
  | 'procedure'
  | 'inTransactions'
  | 'use'
  | 'multipleStatements';

/** Procedures a read-only query may call: schema look-ups and full-text search, nothing else. */
const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);
const ALLOWED_PROCEDURE_PREFIXES = ['db.schema.'];

/** Operators refused whatever the query type says: belt and braces behind `queryType === 'r'`. */
const REFUSED_OPERATORS: [RegExp, RefusalReason][] = [
  [/^LoadCSV/, 'loadCsv'],
  [/^Transaction(Apply|Foreach)/, 'inTransactions'],
  [/^(AdministrationCommand|Show|Terminate|System)/, 'admin'],
  [/^(Create|Drop|Alter)(Index|Constraint|Database|User|Role|Alias)/, 'schema'],
  [/^(Create|Merge|Delete|DetachDelete|Set|Remove|Foreach|SubqueryForeach|LockNodes)/, 'write'],
];

const REASONS: Record<RefusalReason, { zh: string; en: string }> = {
  write: { zh: '语句会修改数据', en: 'the statement writes to the graph' },
  schema: { zh: '语句会修改索引或约束', en: 'the statement changes indexes or constraints' },
  admin: { zh: '不允许管理命令', en: 'administration commands are not allowed' },
  loadCsv: { zh: '不允许 LOAD CSV', en: 'LOAD CSV is not allowed' },
  procedure: { zh: '不允许调用该过程', en: 'this procedure may not be called' },
  inTransactions: { zh: '不允许 CALL { } IN TRANSACTIONS', en: 'CALL { } IN TRANSACTIONS is not allowed' },
  use: { zh: '不允许 USE 切换数据库', en: 'USE (another database) is not allowed' },
  multipleStatements: { zh: '只能包含一条语句', en: 'only one statement is allowed' },
};

/** 403 `query.writeRefused`: the text is not one read-only query. Nothing of it has run. */
export function refusal(reason: RefusalReason, details: Record<string, unknown> = {}): EngineError {
  return queryRefusal(
    'query.writeRefused',
    { zh: '只允许只读查询', en: 'Only read-only queries may run' },
    REASONS[reason],
    reason,
    details,
  );
}

export function procedureName(operator: PlanOperator): string {
  return /^\s*([\w.]+)\s*\(/.exec(operator.details ?? '')?.[1] ?? '';
}

function procedureAllowed(name: string): boolean {
  return ALLOWED_PROCEDURES.has(name) || ALLOWED_PROCEDURE_PREFIXES.some((p) => name.startsWith(p));
}

/** Neo4j's own words from a failed EXPLAIN: the driver's message, without our wrapping. */
function neo4jMessage(error: StoreError): string {
  const cause = error.cause as { message?: string } | undefined;
  return (cause?.message ?? error.message).split('\n')[0]!.trim();
}

/** Maps a failed EXPLAIN to what the caller did wrong; store outages pass on unchanged. */
function explainFailure(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  const code = String(error.details.code ?? '');
  const message = neo4jMessage(error);
  if (/exactly one statement/i.test(message)) return refusal('multipleStatements', { code });
  if (code === 'Neo.ClientError.Statement.UnsupportedAdministrationCommand')
    return refusal('admin', { code });
  if (code.startsWith('Neo.ClientError.Statement.') || code.startsWith('Neo.ClientError.Procedure.')) {
    return new InvalidInputError('query.syntax', `Cypher 语句有误 / Cypher error: ${message}`, {
      details: { field: 'cypher', code, neo4j: message },
    });
  }
  return error;
}

/**
 * Decides from a plan; exported for tests. Throws `query.writeRefused` (writes, admin… take precedence) or
 * `query.refused` (reads beyond the investigated graph), or returns quietly.
 */
export function judgePlan(plan: QueryPlan, database: string): void {
  for (const operator of plan.operators) {
    if (operator.database && operator.database !== database) {
      throw refusal('use', { database: operator.database });
    }
    if (/^ProcedureCall/.test(operator.name)) {
      const name = procedureName(operator);
      if (!procedureAllowed(name)) throw refusal('procedure', { procedure: name || operator.details });
    }
    for (const [pattern, reason] of REFUSED_OPERATORS) {
      if (pattern.test(operator.name)) throw refusal(reason, { operator: operator.name });
    }
  }
  if (plan.queryType !== 'r') {
    throw refusal(plan.queryType === 's' ? 'schema' : 'write', { queryType: plan.queryType });
  }
  // Read-only is not enough: the read must stay inside the investigated graph (reach.ts).
  judgeReach(plan);
}

/**
 * The guard every template and ad-hoc query passes BEFORE it runs: plans the text with EXPLAIN (nothing runs)
 * and accepts only Neo4j query type `r` whose plan has no LOAD CSV, no procedure outside the allow-list, no
 * admin or `IN TRANSACTIONS` operator and no other database, and that reads only the investigated graph
 * (reach.ts). Returns the plan (its columns name the answer).
 */
export async function checkReadOnly(store: Store, cypher: string, params: Params = {}): Promise<QueryPlan> {
  checkQueryLimits(cypher, params); // limits.ts: too long or too deep never reaches Neo4j's parser
  if (hasUseClause(cypher)) throw refusal('use');
  let plan: QueryPlan;
  try {
    plan = await store.explain(cypher, params);
  } catch (error) {
    throw explainFailure(error);
  }
  judgePlan(plan, store.connection.database);
  await checkFulltextReach(store, plan);
  return plan;
}

// Reading Cypher text without running it: comments and literals blanked, `$parameters` named, `USE` found.

/**
 * The text with comments, string literals and back-quoted names replaced by spaces (newlines kept), so that
 * what is left is keywords, names and parameters: `'$x'` or `// USE system` no longer count.
 */
export function blankLiterals(cypher: string): string {
  let out = '';
  let i = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < cypher.length) {
    const c = cypher[i]!;
    const next = cypher[i + 1];
    if (c === '/' && next === '/') {
      const end = cypher.indexOf('\n', i);
      const stop = end === -1 ? cypher.length : end;
      out += blank(cypher.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = cypher.indexOf('*/', i + 2);
      const stop = end === -1 ? cypher.length : end + 2;
      out += blank(cypher.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < cypher.length && cypher[j] !== c) {
        // Backslash escapes inside strings; a doubled back-quote inside a name.
        if (c !== '`' && cypher[j] === '\\') j += 1;
        else if (c === '`' && cypher[j + 1] === '`' && cypher[j] === '`') j += 1;
        j += 1;
      }
      const stop = Math.min(j + 1, cypher.length);
      out += c === '`' ? `\`${blank(cypher.slice(i + 1, stop - 1))}\`` : blank(cypher.slice(i, stop));
      i = stop;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Names of the `$parameters` the text uses (not inside strings or comments), in order of first use. */
export function parameterNames(cypher: string): string[] {
  const names: string[] = [];
  const text = blankLiterals(cypher);
  // `$name`, `$0`, or a back-quoted `$\`odd name\`` (blanked above, so it shows as `$` plus a back-quote).
  for (const match of text.matchAll(/\$(?:([A-Za-z_][A-Za-z0-9_]*)|(\d+)|(`))/g)) {
    const name = match[1] ?? match[2] ?? quotedName(cypher, match.index + 1);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function quotedName(cypher: string, at: number): string {
  const end = cypher.indexOf('`', at + 1);
  return cypher.slice(at + 1, end === -1 ? cypher.length : end);
}

/**
 * A `USE` clause: only allowed first in a query, a subquery or a UNION part, so it shows as `USE` after the
 * start, an opening brace or `UNION [ALL]`, once literals and comments are blanked.
 */
export function hasUseClause(cypher: string): boolean {
  const text = blankLiterals(cypher);
  return /(^|\{|\bUNION(\s+ALL)?)\s*(CYPHER\b[^\n]*?\s)?USE\s/i.test(
    text.replace(/^\s*(EXPLAIN|PROFILE)\s+/i, ''),
  );
}
