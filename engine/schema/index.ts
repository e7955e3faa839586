// The schema's public face: look-ups by label and type, shared by ingest, Cypher builders, legend and reports.
import { NotFoundError } from '../errors.ts';
import { ENTITY_TYPES, type EntityLabel } from './entities.ts';
import { RELATION_TYPES, type RelationName } from './relations.ts';
import type { EntityType, RelationType } from './types.ts';

export * from './types.ts';
export type { EntityLabel, RelationName };
export { ENTITY_TYPES, RELATION_TYPES };

const entityByLabel = new Map<string, EntityType>(ENTITY_TYPES.map((e) => [e.label, e]));
const relationByType = new Map<string, RelationType>(RELATION_TYPES.map((r) => [r.type, r]));

export function entityType(label: string): EntityType {
  const found = entityByLabel.get(label);
  if (!found)
    throw new NotFoundError('schema.unknownEntity', `Unknown entity type: ${label}`, { details: { label } });
  return found;
}

export function relationType(type: string): RelationType {
  const found = relationByType.get(type);
  if (!found)
    throw new NotFoundError('schema.unknownRelation', `Unknown relationship type: ${type}`, {
      details: { type },
    });
  return found;
}

export function isEntityLabel(label: string): label is EntityLabel {
  return entityByLabel.has(label);
}

export function isRelationName(type: string): type is RelationName {
  return relationByType.has(type);
}

/** Entity types of the investigated graph (not users, templates, runs). */
export function investigatedEntityTypes(): EntityType[] {
  return ENTITY_TYPES.filter((e: EntityType) => !e.internal);
}

/**
 * Relationship types of the investigated graph: both ends are investigated entity types, so expanding along one
 * never reaches application data (`CASE_SUBJECT` starts at a case: internal). The query guard allows only these.
 */
export function investigatedRelationTypes(): RelationType[] {
  const investigated = new Set(investigatedEntityTypes().map((e) => e.label));
  return (RELATION_TYPES as readonly RelationType[]).filter((r) =>
    [...r.from, ...r.to].every((label) => investigated.has(label)),
  );
}

/** Properties that must be masked for a role without clearance, per label. */
export function sensitiveProperties(label: string): string[] {
  return Object.entries(entityType(label).properties)
    .filter(([, spec]) => spec.sensitive)
    .map(([name]) => name);
}
