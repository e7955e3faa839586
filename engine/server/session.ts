// Who is calling: the session token from the `qingfeng_session` cookie (browser) or `Authorization: Bearer` (scripts).
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/sessions.ts';
import type { Settings } from '../settings.ts';
import { httpError } from './errors.ts';
import type { ApiServices } from './services.ts';

export const SESSION_COOKIE = 'qingfeng_session';

export function sessionToken(req: Request): string | undefined {
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return cookieToken(req);
}

function cookieToken(req: Request): string | undefined {
  const cookies = req.get('cookie') ?? '';
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('=')) || undefined;
  }
  return undefined;
}

/** The session's user (also kept on `res.locals` for the error handler's masking), or undefined. */
export async function currentUser(req: Request, services: ApiServices): Promise<SessionUser | undefined> {
  const token = sessionToken(req);
  const user = token ? await services.sessions.check(token) : undefined;
  if (user && req.res) req.res.locals.user = user;
  return user;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser sends the cookie with any request to this server, whichever page made it; so an unsafe request
 * carried by the cookie must come from our own pages: `Origin` is this server's origin (as reached, or
 * QINGFENG_PUBLIC_ORIGIN behind a proxy), or the browser says `Sec-Fetch-Site: same-origin`. Bearer tokens
 * are sent by scripts on purpose and are not checked.
 */
export function checkSameOrigin(req: Request, settings: Settings): void {
  if (SAFE_METHODS.has(req.method) || req.get('authorization')?.startsWith('Bearer ') || !cookieToken(req))
    return;
  if (req.get('sec-fetch-site') === 'same-origin') return;
  const origin = req.get('origin');
  const own = [settings.publicOrigin, req.host ? `${req.protocol}://${req.host}` : undefined];
  if (origin && own.includes(origin)) return;
  throw httpError(403, 'auth.crossOrigin', '拒绝来自其他网站的请求 / Cross-origin request refused', {
    origin: origin ?? null,
  });
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
