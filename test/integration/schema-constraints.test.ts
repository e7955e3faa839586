// Constraints and indexes derived from the schema exist, are idempotent, and refuse duplicate keys.
import { beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../engine/errors.ts';
import { applySchema, schemaStatements } from '../../engine/schema/constraints.ts';
import { ENTITY_TYPES, RELATION_TYPES } from '../../engine/schema/index.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { cleanGraph } from '../setup/store.ts';

let store: Store;

beforeAll(async () => {
  store = await cleanGraph();
});

describe('schema constraints', () => {
  it('has a uniqueness constraint on the key of every entity type', async () => {
    const rows = await store.read<{ labelsOrTypes: string[]; properties: string[]; type: string }>(
      'SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes, properties, type',
    );
    for (const entity of ENTITY_TYPES) {
      const found = rows.find((r) => r.labelsOrTypes[0] === entity.label && r.properties[0] === entity.key);
      expect(found, entity.label).toBeDefined();
      expect(found?.type).toBe('UNIQUENESS');
    }
    for (const relation of RELATION_TYPES.filter((r) => 'key' in r)) {
      const found = rows.find((r) => r.labelsOrTypes[0] === relation.type);
      expect(found?.type, relation.type).toBe('RELATIONSHIP_UNIQUENESS');
    }
  });

  it('text-indexes audit parameters (the report appendix) without putting audit entries in entity search', async () => {
    const rows = await store.read<{
      name: string;
      type: string;
      labelsOrTypes: string[];
      properties: string[];
    }>(
      'SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties',
    );
    const params = rows.find((r) => r.labelsOrTypes[0] === 'AuditEntry' && r.properties[0] === 'params');
    expect(params?.type).toBe('TEXT');
    const search = rows.find((r) => r.name === 'entity_search');
    expect(search?.type).toBe('FULLTEXT');
    expect(search?.labelsOrTypes).not.toContain('AuditEntry');
  });

  it('is idempotent: applying it again adds nothing', async () => {
    const count = async () =>
      (await store.read<{ n: number }>('SHOW INDEXES YIELD name RETURN count(*) AS n'))[0]!.n;
    const before = await count();
    const applied = await applySchema(store);
    expect(applied).toBe(schemaStatements().length);
    expect(await count()).toBe(before);
  });

  it('refuses a second Person with the same ID number', async () => {
    await store.write("CREATE (:Person {idNumber: '11010519491231002X', name: '甲'})");
    const error = await store
      .write("CREATE (:Person {idNumber: '11010519491231002X', name: '乙'})")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).id).toBe('store.constraint');
    const [row] = await store.read<{ n: number }>('MATCH (p:Person) RETURN count(p) AS n');
    expect(row?.n).toBe(1);
  });

  it('refuses two transfers with the same transaction key', async () => {
    await store.write(
      "CREATE (a:Account {accountNo: 'A1'}), (b:Account {accountNo: 'B1'}), (a)-[:TRANSFER {txKey: 't1', amount: 10.0}]->(b)",
    );
    const error = await store
      .write(
        "MATCH (a:Account {accountNo: 'A1'}), (b:Account {accountNo: 'B1'}) CREATE (b)-[:TRANSFER {txKey: 't1'}]->(a)",
      )
      .catch((e: unknown) => e);
    expect((error as StoreError).id).toBe('store.constraint');
  });

  it('finds Chinese names through the full-text index', async () => {
    await store.write(
      "CREATE (:Company {creditCode: '91350100M000100Y43', name: '福州清源建筑工程有限公司'})",
    );
    await store.autoCommit('CALL db.awaitIndexes(60)');
    const rows = await store.read<{ name: string }>(
      "CALL db.index.fulltext.queryNodes('entity_search', '清源建筑') YIELD node RETURN node.name AS name",
    );
    expect(rows.map((r) => r.name)).toContain('福州清源建筑工程有限公司');
  });
});
