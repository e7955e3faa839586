// The cadre circle (干部及亲属): cadres with their posts, and relatives declared by them or in their household.
import { EvidenceSet, nodeEv, type RawNode, type RawRel, relEv, toNode, toRel } from '../evidence.ts';
import type { Bilingual, EvidenceNode, EvidenceRelationship, Reader } from '../types.ts';

export interface Post {
  orgType: string;
  orgKey: string;
  orgName: string;
  post: string;
  /** Villages the post is in: the village itself, or those its organisation is located in. */
  villages: string[];
  org: EvidenceNode;
  rel: EvidenceRelationship;
}

export interface Cadre {
  key: string;
  name: string;
  node: EvidenceNode;
  posts: Post[];
}

/** How a person is tied to a cadre: a declared relative, a household member, or another recorded family tie. */
export interface Tie {
  cadre: string;
  relation: string;
  basis: 'declared' | 'household' | 'family';
  nodes: EvidenceNode[];
  rels: EvidenceRelationship[];
}

export interface Relative {
  key: string;
  name: string;
  node: EvidenceNode;
  ties: Tie[];
}

/** One way a person belongs to the circle: the cadre themself (no tie) or a relative of that cadre. */
export interface Link {
  cadre: Cadre;
  tie?: Tie;
}

const BASIS: Record<Tie['basis'], Bilingual> = {
  declared: { zh: '干部申报', en: 'declared by the cadre' },
  household: { zh: '户籍同户', en: 'same household in the register' },
  family: { zh: '亲属关系', en: 'recorded family tie' },
};

/** A FAMILY tie read from its other end: the relation of the start node to the end node's… */
const INVERSE: Record<string, string> = {
  子女: '父母',
  儿子: '父母',
  女儿: '父母',
  父母: '子女',
  父亲: '子女',
  母亲: '子女',
  配偶: '配偶',
  兄弟姐妹: '兄弟姐妹',
  兄弟: '兄弟姐妹',
  姐妹: '兄弟姐妹',
  孙子女: '祖父母',
  子女配偶: '配偶父母',
};
const HEAD = new Set(['户主', '本人']);

export class Circle {
  readonly cadres = new Map<string, Cadre>();
  readonly relatives = new Map<string, Relative>();

  has(personKey: string): boolean {
    return this.cadres.has(personKey) || this.relatives.has(personKey);
  }

  /** The ways a person belongs to the circle, optionally only through the given cadres. */
  links(personKey: string, onlyCadres?: ReadonlySet<string>): Link[] {
    const out: Link[] = [];
    const cadre = this.cadres.get(personKey);
    if (cadre && (!onlyCadres || onlyCadres.has(cadre.key))) out.push({ cadre });
    for (const tie of this.relatives.get(personKey)?.ties ?? []) {
      const of = this.cadres.get(tie.cadre);
      if (of && (!onlyCadres || onlyCadres.has(of.key))) out.push({ cadre: of, tie });
    }
    return out;
  }

  /** '青山镇人民政府镇长张三本人' / '…张三的配偶（户籍同户）', and the English. */
  describe(link: Link): Bilingual {
    const post = link.cadre.posts[0];
    const zhPost = post ? `${post.orgName}${post.post}` : '';
    const enPost = post ? `${post.post} of ${post.orgName}` : 'official';
    if (!link.tie)
      return { zh: `${zhPost}${link.cadre.name}本人`, en: `${link.cadre.name} (${enPost}) personally` };
    const basis = BASIS[link.tie.basis];
    return {
      zh: `${zhPost}${link.cadre.name}的${link.tie.relation}（${basis.zh}）`,
      en: `the ${link.tie.relation} (${basis.en}) of ${link.cadre.name}, ${enPost}`,
    };
  }

  /** The person named with how they belong to the circle: '…张三本人' or '…张三的配偶（户籍同户）李四'. */
  phrase(links: readonly Link[], name: string): Bilingual {
    const self = links.find((l) => !l.tie);
    if (self) return this.describe(self);
    const described = links.map((l) => this.describe(l));
    return {
      zh: `${described.map((d) => d.zh).join('、')}${name}`,
      en: `${name}, ${described.map((d) => d.en).join('; ')}`,
    };
  }

  /** Adds the cadre, their posts and the tie to an evidence set. */
  addEvidence(link: Link, set: EvidenceSet): void {
    set.node(link.cadre.node);
    for (const p of link.cadre.posts) set.node(p.org).rel(p.rel);
    for (const n of link.tie?.nodes ?? []) set.node(n);
    for (const r of link.tie?.rels ?? []) set.rel(r);
  }

  private addTie(key: string, node: EvidenceNode, tie: Tie): void {
    if (key === tie.cadre) return;
    let relative = this.relatives.get(key);
    if (!relative) {
      relative = { key, name: node.name ?? key, node, ties: [] };
      this.relatives.set(key, relative);
    }
    const same = relative.ties.find((t) => t.cadre === tie.cadre);
    if (!same) {
      relative.ties.push(tie);
      return;
    }
    // One tie per cadre: the declared relation names it best; the evidence of every basis is kept.
    if (tie.basis === 'declared' && same.basis !== 'declared') {
      same.basis = 'declared';
      same.relation = tie.relation;
    }
    same.nodes.push(...tie.nodes);
    same.rels.push(...tie.rels);
  }

  static async load(store: Reader): Promise<Circle> {
    const circle = new Circle();
    const posts = await store.read<{ c: RawNode; o: RawNode; h: RawRel; villages: string[] }>(
      `MATCH (c:Person)-[h:HOLDS_POST]->(o)
       RETURN ${nodeEv('c')} AS c, ${nodeEv('o')} AS o, ${relEv('h')} AS h,
         CASE WHEN o:Village THEN [o.villageKey] ELSE [(o)-[:LOCATED_IN]->(v:Village) | v.villageKey] END AS villages`,
    );
    for (const row of posts) {
      const node = toNode(row.c);
      const org = toNode(row.o);
      let cadre = circle.cadres.get(node.key);
      if (!cadre) {
        cadre = { key: node.key, name: node.name ?? node.key, node, posts: [] };
        circle.cadres.set(node.key, cadre);
      }
      const rel = toRel(row.h);
      const post = String(rel.properties.post ?? '');
      // Village posts first: they say where the cadre has a say over collective money.
      cadre.posts.push({
        orgType: org.type,
        orgKey: org.key,
        orgName: org.name ?? org.key,
        post,
        villages: row.villages,
        org,
        rel,
      });
      cadre.posts.sort((a, b) => (a.orgType === b.orgType ? 0 : a.orgType === 'Organisation' ? -1 : 1));
    }
    const family = await store.read<{
      ck: string;
      out: boolean;
      r: RawNode;
      f: RawRel;
      m: RawNode | null;
      s: RawRel | null;
    }>(
      `MATCH (c:Person)-[:HOLDS_POST]->() WITH DISTINCT c
       MATCH (c)-[f:FAMILY]-(x)
       OPTIONAL MATCH (x:PersonMention)-[s:SAME_AS]->(p:Person)
       WITH c, f, x, s, p WHERE x:Person OR p IS NOT NULL
       RETURN c.idNumber AS ck, startNode(f) = c AS out, ${nodeEv('coalesce(p, x)')} AS r, ${relEv('f')} AS f,
         CASE WHEN p IS NULL THEN null ELSE ${nodeEv('x')} END AS m, CASE WHEN s IS NULL THEN null ELSE ${relEv('s')} END AS s`,
    );
    for (const row of family) {
      const node = toNode(row.r);
      const f = toRel(row.f);
      const stated = String(f.properties.relation ?? '');
      const relation = row.out ? stated : (INVERSE[stated] ?? '亲属');
      circle.addTie(node.key, node, {
        cadre: row.ck,
        relation: relation || '亲属',
        basis:
          f.properties.basis === '申报' ? 'declared' : f.properties.basis === '户籍' ? 'household' : 'family',
        nodes: [node, ...(row.m ? [toNode(row.m)] : [])],
        rels: [f, ...(row.s ? [toRel(row.s)] : [])],
      });
    }
    const household = await store.read<{ ck: string; r: RawNode; h: RawNode; m1: RawRel; m2: RawRel }>(
      `MATCH (c:Person)-[:HOLDS_POST]->() WITH DISTINCT c
       MATCH (c)-[m1:MEMBER_OF]->(h:Household)<-[m2:MEMBER_OF]-(r:Person) WHERE r <> c
       RETURN c.idNumber AS ck, ${nodeEv('r')} AS r, ${nodeEv('h')} AS h, ${relEv('m1')} AS m1, ${relEv('m2')} AS m2`,
    );
    for (const row of household) {
      const node = toNode(row.r);
      const m1 = toRel(row.m1);
      const m2 = toRel(row.m2);
      const headIsCadre = HEAD.has(String(m1.properties.relationToHead ?? ''));
      const toHead = String(m2.properties.relationToHead ?? '');
      circle.addTie(node.key, node, {
        cadre: row.ck,
        relation: headIsCadre && toHead ? toHead : `同户成员（与户主关系：${toHead || '未填'}）`,
        basis: 'household',
        nodes: [node, toNode(row.h)],
        rels: [m1, m2],
      });
    }
    return circle;
  }
}

/** The evidence of several links, for one clue. */
export function linksEvidence(circle: Circle, links: readonly Link[]): EvidenceSet {
  const set = new EvidenceSet();
  for (const link of links) circle.addEvidence(link, set);
  return set;
}
