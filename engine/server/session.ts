// Who is calling: the session token from the `qingfeng_session` cookie (browser) or `Authorization: Bearer` (scripts).
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/sessions.ts';
import type { ApiServices } from './services.ts';

export const SESSION_COOKIE = 'qingfeng_session';

export function sessionToken(req: Request): string | undefined {
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  const cookies = req.get('cookie') ?? '';
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('=')) || undefined;
  }
  return undefined;
}

/** The session's user (also kept on `res.locals` for the error handler's masking), or undefined. */
export function currentUser(req: Request, services: ApiServices): SessionUser | undefined {
  const token = sessionToken(req);
  const user = token ? services.sessions.touch(token) : undefined;
  if (user && req.res) req.res.locals.user = user;
  return user;
}

/** HttpOnly and SameSite=Strict: scripts in the page cannot read it, and other sites cannot send it. */
export function setSessionCookie(res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    maxAge: maxAgeMs,
    secure: res.req.secure,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
