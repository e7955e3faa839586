// Request shapes of /api/users.
import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { USERNAME } from '../../auth/users.ts';
import { chars, someOf } from '../fields.ts';

/** The names createUser accepts, checked here so the document says so. */
const username = z.string().regex(USERNAME, 'letters, digits, _ . - or Chinese, 2-40 long');
const password = chars(200, 8);

export const NewUserBody = z.object({
  username,
  password,
  role: z.enum(ROLES),
  displayName: chars(80).optional(),
  clearance: z.boolean().optional(),
});
export type NewUserBody = z.infer<typeof NewUserBody>;

export const UserChangeBody = someOf(
  z.object({
    role: z.enum(ROLES).optional(),
    displayName: chars(80).optional(),
    clearance: z.boolean().optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  }),
  ['role', 'displayName', 'clearance', 'disabled', 'password'],
);
export type UserChangeBody = z.infer<typeof UserChangeBody>;

export const UsernameParam = z.object({ username: chars(80, 1) });
