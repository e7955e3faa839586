// GET /api/schema: entity and relationship types with captions, colours and icons (the viewer's legend reads it),
// and the names of the subject roles models give.
import { SUBJECT_ROLES } from '../../detect/roles.ts';
import { investigatedEntityTypes, RELATION_TYPES } from '../../schema/index.ts';
import type { RelationType } from '../../schema/types.ts';
import { defineRoute } from '../route.ts';

export const schemaRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/schema',
      tag: 'meta',
      summary: 'Entity and relationship types (legend)',
      access: 'login',
    },
    () => ({
      entities: investigatedEntityTypes().map((e) => ({
        label: e.label,
        zh: e.zh,
        en: e.en,
        key: e.key,
        caption: e.caption,
        color: e.color,
        icon: e.icon,
        properties: Object.entries(e.properties).map(([name, p]) => ({
          name,
          type: p.type,
          zh: p.zh,
          en: p.en,
        })),
      })),
      relations: (RELATION_TYPES as readonly RelationType[]).map((r) => ({
        type: r.type,
        zh: r.zh,
        en: r.en,
        from: r.from,
        to: r.to,
        color: r.color,
        monetary: !!r.monetary,
        symmetric: !!r.symmetric,
        properties: Object.entries(r.properties).map(([name, p]) => ({
          name,
          type: p.type,
          zh: p.zh,
          en: p.en,
        })),
      })),
      subjectRoles: SUBJECT_ROLES,
    }),
  ),
];
