// Converts driver values into plain JSON-friendly data: safe integers as numbers, temporals as ISO strings.
import neo4j from 'neo4j-driver';

export interface PlainNode {
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface PlainRelationship {
  elementId: string;
  type: string;
  startElementId: string;
  endElementId: string;
  properties: Record<string, unknown>;
}

export interface PlainPath {
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

function plainProperties(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) out[key] = toPlain(value);
  return out;
}

/** Recursively plain: Integer → number (string when beyond 2^53), Date/DateTime → ISO text, graph values → objects. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (neo4j.isInt(value)) {
    return value.inSafeRange() ? value.toNumber() : value.toString();
  }
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (neo4j.isNode(value)) {
    return {
      elementId: value.elementId,
      labels: [...value.labels],
      properties: plainProperties(value.properties),
    };
  }
  if (neo4j.isRelationship(value)) {
    return {
      elementId: value.elementId,
      type: value.type,
      startElementId: value.startNodeElementId,
      endElementId: value.endNodeElementId,
      properties: plainProperties(value.properties),
    };
  }
  if (neo4j.isPath(value)) {
    const nodes = [toPlain(value.start) as PlainNode];
    const relationships: PlainRelationship[] = [];
    for (const segment of value.segments) {
      relationships.push(toPlain(segment.relationship) as PlainRelationship);
      nodes.push(toPlain(segment.end) as PlainNode);
    }
    return { nodes, relationships } satisfies PlainPath;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') return plainProperties(value as Record<string, unknown>);
  return value;
}
