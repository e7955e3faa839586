// Request shapes of /api/users.
import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';

export const NewUserBody = z.object({
  username: z.string().min(2).max(40),
  password: z.string().min(8).max(200),
  role: z.enum(ROLES),
  displayName: z.string().max(80).optional(),
  clearance: z.boolean().optional(),
});
export type NewUserBody = z.infer<typeof NewUserBody>;

export const UserChangeBody = z
  .object({
    role: z.enum(ROLES).optional(),
    displayName: z.string().max(80).optional(),
    clearance: z.boolean().optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(8).max(200).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UserChangeBody = z.infer<typeof UserChangeBody>;

export const UsernameParam = z.object({ username: z.string().min(1).max(80) });
