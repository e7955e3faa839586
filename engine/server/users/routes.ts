// /api/users (admins): list, create, change role/clearance/password, disable.
import { createUser, getUser, listUsers, updateUser } from '../../auth/users.ts';
import { defineRoute } from '../route.ts';
import { NewUserBody, UserChangeBody, UsernameParam } from './schema.ts';

export const userRoutes = [
  defineRoute(
    { method: 'get', path: '/users', tag: 'users', summary: 'List users', access: 'users.manage' },
    async ({ store }) => ({ users: await listUsers(store()) }),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/users',
      tag: 'users',
      summary: 'Create a user',
      access: 'users.manage',
      body: NewUserBody,
      status: 201,
      audit: 'user.create',
      responses: { 409: 'User exists' },
    },
    async ({ body, store, audit }) => {
      audit.target = body.username;
      return { user: await createUser(store(), body) };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/users/:username',
      tag: 'users',
      summary: 'One user',
      access: 'users.manage',
      params: UsernameParam,
      responses: { 404: 'No such user' },
    },
    async ({ params, store }) => ({ user: await getUser(store(), params.username) }),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/users/:username',
      tag: 'users',
      summary: 'Change a user; ends their sessions',
      access: 'users.manage',
      params: UsernameParam,
      body: UserChangeBody,
      audit: 'user.update',
      responses: { 404: 'No such user' },
    },
    async ({ params, body, store, audit, services }) => {
      audit.target = params.username;
      // updateUser moves the account's session epoch (the same rule for the CLI); this process sees it at once.
      const user = await updateUser(store(), params.username, body);
      services.sessions.forgetEpoch(params.username);
      return { user };
    },
  ),
];
