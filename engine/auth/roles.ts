// Roles and what each may do, as data: the API's permission checks, the users admin screen and the docs read it.

export const PERMISSIONS = [
  'graph.read', // search, entity detail, neighbourhood, paths, trace, ubo, communities, key persons
  'clues.read',
  'clues.update', // status changes with a comment
  'templates.read',
  'templates.run',
  'templates.write', // save, version and delete templates
  'cypher.run', // ad-hoc read-only Cypher
  'ingest.run', // upload files into the store
  'cases.own', // cases the user is a member of
  'cases.all', // every case
  'export', // PNG/SVG/report exports (audited)
  'users.manage',
  'settings.manage',
  'audit.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'analyst', 'investigator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleSpec {
  zh: string;
  en: string;
  permissions: readonly Permission[];
  /** Sees ID numbers unmasked unless the user record says otherwise. */
  clearance: boolean;
}

const ANALYST: readonly Permission[] = [
  'graph.read',
  'clues.read',
  'clues.update',
  'templates.read',
  'templates.run',
  'templates.write',
  'cypher.run',
  'ingest.run',
  'cases.own',
  'cases.all',
  'export',
];

export const ROLE_SPECS: Record<Role, RoleSpec> = {
  admin: { zh: '管理员', en: 'Administrator', permissions: PERMISSIONS, clearance: true },
  analyst: { zh: '数据分析员', en: 'Analyst', permissions: ANALYST, clearance: true },
  investigator: {
    zh: '办案人员',
    en: 'Investigator',
    permissions: [
      'graph.read',
      'clues.read',
      'clues.update',
      'templates.read',
      'templates.run',
      'cases.own',
      'export',
    ],
    clearance: false,
  },
  viewer: {
    zh: '只读用户',
    en: 'Viewer',
    permissions: ['graph.read', 'clues.read', 'templates.read'],
    clearance: false,
  },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_SPECS[role].permissions.includes(permission);
}

/** Case-level access: members always; analysts and admins for every case. */
export function canSeeCase(user: { username: string; role: Role }, members: readonly string[]): boolean {
  return can(user.role, 'cases.all') || (can(user.role, 'cases.own') && members.includes(user.username));
}
