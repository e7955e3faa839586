// Grouping: selected nodes become one group node; their ties to the rest become stand-in edges (undoable).
import type { GraphEdit } from './history.ts';
import type { EdgeAttrs } from './model.ts';
import { edgeWidth, GROUP_COLOR, type SchemaIndex } from './style.ts';

let counter = 0;

interface Tie {
  source: string;
  target: string;
  type: string;
  via: string[];
  amount: number;
  monetary: boolean;
}

/**
 * Groups `ids` (at least two ungrouped entities) into a new group node at their centre; returns its id, or
 * null when fewer than two can be grouped. Members stay on the canvas, drawn hidden while grouped.
 */
export function groupNodes(edit: GraphEdit, schema: SchemaIndex, ids: readonly string[]): string | null {
  const graph = edit.graph;
  const members = [...new Set(ids)].filter((id) => {
    if (!graph.hasNode(id)) return false;
    const a = graph.getNodeAttributes(id);
    return !a.groupId && a.type !== 'Group' && !a.hiddenByUser;
  });
  if (members.length < 2) return null;
  const memberSet = new Set(members);
  let x = 0;
  let y = 0;
  for (const id of members) {
    x += graph.getNodeAttribute(id, 'x');
    y += graph.getNodeAttribute(id, 'y');
  }
  const first = graph.getNodeAttribute(members[0]!, 'label');
  const id = `group:${Date.now().toString(36)}${(counter++).toString(36)}`;
  edit.addNode(id, {
    x: x / members.length,
    y: y / members.length,
    size: Math.min(18, 9 + Math.sqrt(members.length) * 2),
    color: GROUP_COLOR,
    shape: schema.shapeOf('Group'),
    label: `${first} … (${members.length})`,
    type: 'Group',
    key: id,
    props: { members: members.length },
    members,
    ...(members.some((m) => graph.getNodeAttribute(m, 'seed')) ? { seed: true } : {}),
  });
  // Ties from members to the outside, one stand-in per outside node, relationship type and direction.
  const ties = new Map<string, Tie>();
  for (const member of members)
    graph.forEachEdge(member, (edge, attrs, source, target) => {
      if (attrs.via) return;
      const outward = source === member;
      let other = outward ? target : source;
      if (memberSet.has(other)) return;
      other = graph.getNodeAttribute(other, 'groupId') ?? other;
      const key = `${other}|${attrs.type}|${outward ? 'out' : 'in'}`;
      let tie = ties.get(key);
      if (!tie) {
        tie = {
          source: outward ? id : other,
          target: outward ? other : id,
          type: attrs.type,
          via: [],
          amount: 0,
          monetary: schema.isMonetary(attrs.type),
        };
        ties.set(key, tie);
      }
      tie.via.push(edge);
      tie.amount += attrs.amount ?? 0;
    });
  for (const [key, tie] of ties) {
    const attrs: EdgeAttrs = {
      type: tie.type,
      props: { count: tie.via.length, ...(tie.monetary ? { amount: tie.amount } : {}) },
      size: tie.monetary ? edgeWidth(tie.amount) : Math.min(4, 1 + Math.log2(tie.via.length)),
      color: schema.relationColor(tie.type),
      via: tie.via,
    };
    if (tie.monetary) attrs.amount = tie.amount;
    edit.addEdge(`${id}|${key}`, tie.source, tie.target, attrs);
  }
  for (const member of members) edit.setNode(member, 'groupId', id);
  return id;
}

/** Dissolves a group: its members come back, the group node and its stand-in edges go. */
export function ungroupNode(edit: GraphEdit, id: string): void {
  const graph = edit.graph;
  if (!graph.hasNode(id) || graph.getNodeAttribute(id, 'type') !== 'Group') return;
  for (const member of graph.getNodeAttribute(id, 'members') ?? [])
    if (graph.hasNode(member)) edit.setNode(member, 'groupId', undefined);
  edit.dropNode(id);
}
