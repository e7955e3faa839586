// Derives Neo4j constraints and indexes from the schema, and applies them idempotently.
import type { Store } from '../store/gateway.ts';
import { ENTITY_TYPES, RELATION_TYPES } from './index.ts';
import type { EntityType, RelationType } from './types.ts';

function snake(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Every schema statement, each `IF NOT EXISTS` so that running them again changes nothing. */
export function schemaStatements(): string[] {
  const statements: string[] = [];
  for (const entity of ENTITY_TYPES as readonly EntityType[]) {
    const l = entity.label;
    statements.push(
      `CREATE CONSTRAINT ${snake(l)}_key IF NOT EXISTS FOR (n:${l}) REQUIRE n.${entity.key} IS UNIQUE`,
    );
    for (const [prop, spec] of Object.entries(entity.properties)) {
      if (spec.indexed && prop !== entity.key) {
        statements.push(`CREATE INDEX ${snake(l)}_${snake(prop)} IF NOT EXISTS FOR (n:${l}) ON (n.${prop})`);
      }
    }
  }
  for (const relation of RELATION_TYPES as readonly RelationType[]) {
    const r = relation.type;
    if (relation.key) {
      statements.push(
        `CREATE CONSTRAINT ${r.toLowerCase()}_key IF NOT EXISTS FOR ()-[r:${r}]-() REQUIRE r.${relation.key} IS UNIQUE`,
      );
    }
    for (const [prop, spec] of Object.entries(relation.properties)) {
      if (spec.indexed && prop !== relation.key) {
        statements.push(
          `CREATE INDEX ${r.toLowerCase()}_${snake(prop)} IF NOT EXISTS FOR ()-[r:${r}]-() ON (r.${prop})`,
        );
      }
    }
  }
  const fulltext = (ENTITY_TYPES as readonly EntityType[]).flatMap((entity) =>
    Object.entries(entity.properties)
      .filter(([, spec]) => spec.fulltext)
      .map(([prop]) => ({ label: entity.label, prop })),
  );
  // Text indexes (trigram) make `CONTAINS` and `STARTS WITH` on names an index lookup instead of a label scan.
  const text = (ENTITY_TYPES as readonly EntityType[]).flatMap((entity) =>
    Object.entries(entity.properties)
      .filter(([, spec]) => spec.fulltext || spec.text)
      .map(([prop]) => ({ label: entity.label, prop })),
  );
  for (const { label, prop } of text) {
    statements.push(
      `CREATE TEXT INDEX ${snake(label)}_${snake(prop)}_text IF NOT EXISTS FOR (n:${label}) ON (n.${prop})`,
    );
  }
  const labels = [...new Set(fulltext.map((f) => f.label))].join('|');
  const props = [...new Set(fulltext.map((f) => `n.${f.prop}`))].join(', ');
  // One Chinese-aware full-text index serves entity search across labels.
  statements.push(
    `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:${labels}) ON EACH [${props}] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'cjk'}}`,
  );
  return statements;
}

/** Applies every statement; returns how many there were. Safe to call on every start. */
export async function applySchema(store: Store): Promise<number> {
  const statements = schemaStatements();
  for (const statement of statements) await store.autoCommit(statement);
  await store.autoCommit('CALL db.awaitIndexes(300)');
  return statements.length;
}
