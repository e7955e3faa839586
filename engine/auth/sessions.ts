// Login sessions held in the server process: random tokens (only their hashes kept), idle and absolute expiry.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from './roles.ts';

export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  clearance: boolean;
}

interface Session {
  user: SessionUser;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionOptions {
  /** A session unused this long expires. */
  idleMs: number;
  /** No session lives longer than this, used or not. */
  absoluteMs: number;
  now?: () => number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Returns the bearer token; only its hash is kept, so a heap dump does not yield live tokens. */
  create(user: SessionUser): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    this.sessions.set(hashToken(token), { user, createdAt: at, lastSeenAt: at });
    return token;
  }

  /** The session's user, refreshing its idle clock; undefined when unknown or expired. */
  touch(token: string): SessionUser | undefined {
    const key = hashToken(token);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > this.options.idleMs || at - session.createdAt > this.options.absoluteMs) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = at;
    return session.user;
  }

  revoke(token: string): void {
    this.sessions.delete(hashToken(token));
  }

  /** Ends every session of a user (after a role change, a new password or disabling). */
  revokeUser(username: string): void {
    for (const [key, session] of this.sessions)
      if (session.user.username === username) this.sessions.delete(key);
  }

  private sweep(): void {
    const at = this.now();
    for (const [key, s] of this.sessions) {
      if (at - s.lastSeenAt > this.options.idleMs || at - s.createdAt > this.options.absoluteMs) {
        this.sessions.delete(key);
      }
    }
  }
}
