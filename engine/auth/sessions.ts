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
  /** The account's session epoch at login; any account change moves it on and so ends the session. */
  epoch: number;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionOptions {
  /** A session unused this long expires. */
  idleMs: number;
  /** No session lives longer than this, used or not. */
  absoluteMs: number;
  now?: () => number;
  /**
   * The account's current session epoch from the store (null: gone or disabled). Account changes made by
   * another process (the CLI) only reach this process's sessions through it.
   */
  epochOf?: (username: string) => Promise<number | null>;
  /**
   * How long one answer of `epochOf` serves a user's requests (default 1 s): under load a user's parallel requests
   * share one look-up instead of each asking the store, and an account change still ends sessions within it.
   */
  epochFreshMs?: number;
}

const STORE_QUIET_MS = 5_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  /** After the store failed to answer, it is not asked again for a few seconds (an outage costs no extra wait). */
  private storeQuietUntil = 0;
  /** Each user's latest epoch look-up (possibly still running) and when it was asked. */
  private readonly epochs = new Map<string, { at: number; epoch: Promise<number | null> }>();

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Returns the bearer token; only its hash is kept, so a heap dump does not yield live tokens. */
  create(user: SessionUser, epoch = 0): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    this.sessions.set(hashToken(token), { user, epoch, createdAt: at, lastSeenAt: at });
    return token;
  }

  /**
   * Like `touch`, and the account has not changed since login (asked of the store on every request, so a
   * `qingfeng user set --disable` in another process ends the session at once). When the store cannot be
   * asked the session stands: every route that reads data fails with the outage anyway, and no account can
   * change while the store is down.
   */
  async check(token: string): Promise<SessionUser | undefined> {
    const user = this.touch(token);
    if (!user || !this.options.epochOf || this.now() < this.storeQuietUntil) return user;
    const session = this.sessions.get(hashToken(token));
    let epoch: number | null;
    try {
      epoch = await this.currentEpoch(user.username);
    } catch {
      this.storeQuietUntil = this.now() + STORE_QUIET_MS;
      return user;
    }
    if (epoch === session?.epoch) return user;
    this.revokeUser(user.username);
    return undefined;
  }

  /** The account's epoch, asked of the store at most once per `epochFreshMs` per user; failures are not kept. */
  private currentEpoch(username: string): Promise<number | null> {
    const at = this.now();
    const cached = this.epochs.get(username);
    if (cached && at - cached.at < (this.options.epochFreshMs ?? 1_000)) return cached.epoch;
    const epoch = (this.options.epochOf as (name: string) => Promise<number | null>)(username);
    this.epochs.set(username, { at, epoch });
    epoch.catch(() => this.epochs.delete(username));
    return epoch;
  }

  /** Forgets a user's cached epoch: this process has just changed the account, so the next request asks again. */
  forgetEpoch(username: string): void {
    this.epochs.delete(username);
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
    this.epochs.delete(username);
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
