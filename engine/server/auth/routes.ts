// /api/auth: log in (rate-limited), log out, and who am I (with my permissions).
import { z } from 'zod';
import { ROLE_SPECS } from '../../auth/roles.ts';
import { checkLogin } from '../../auth/users.ts';
import { httpError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session.ts';

const LoginBody = z.object({
  username: z.string().min(1).max(80),
  password: z.string().min(1).max(200),
});

export const authRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Log in; returns a session token',
      access: 'public',
      body: LoginBody,
      responses: { 401: 'Wrong user name or password', 429: 'Too many failed attempts' },
    },
    async ({ body, services, req, res }) => {
      const attempt = { username: body.username, address: req.ip ?? '-' };
      const wait = services.limiter.retryAfterSeconds(attempt);
      const audit = (outcome: 'ok' | 'denied', status: number, errorId?: string) =>
        services.audit.record({
          user: body.username,
          role: '-',
          action: 'auth.login',
          outcome,
          status,
          errorId,
          ip: req.ip ?? null,
        });
      if (wait > 0) {
        audit('denied', 429, 'auth.rateLimited');
        res.setHeader('Retry-After', String(wait));
        throw httpError(
          429,
          'auth.rateLimited',
          `登录失败次数过多，请 ${wait} 秒后再试 / Too many failed logins; retry in ${wait} s`,
          {
            retryAfter: wait,
          },
        );
      }
      const user = await checkLogin(services.store(), body.username, body.password);
      if (!user) {
        services.limiter.fail(attempt);
        audit('denied', 401, 'auth.badLogin');
        throw httpError(401, 'auth.badLogin', '用户名或口令错误 / Wrong user name or password');
      }
      services.limiter.succeed(attempt);
      const sessionUser = {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        clearance: user.clearance,
      };
      const token = services.sessions.create(sessionUser, user.sessionEpoch);
      setSessionCookie(res, token, services.settings.sessionIdleMinutes * 60_000);
      audit('ok', 200);
      return { token, user: { ...sessionUser, permissions: ROLE_SPECS[user.role].permissions } };
    },
  ),
  defineRoute(
    { method: 'post', path: '/auth/logout', tag: 'auth', summary: 'End this session', access: 'login' },
    ({ req, res, services }) => {
      const token = sessionToken(req);
      if (token) services.sessions.revoke(token);
      clearSessionCookie(res);
      return { ok: true };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/auth/me',
      tag: 'auth',
      summary: 'The logged-in user and their permissions',
      access: 'login',
    },
    ({ user }) => ({
      user: {
        ...user,
        permissions: ROLE_SPECS[user.role].permissions,
        roleName: { zh: ROLE_SPECS[user.role].zh, en: ROLE_SPECS[user.role].en },
      },
    }),
  ),
];
