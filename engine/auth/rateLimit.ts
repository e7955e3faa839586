// Login rate limiting: too many failures for one user name, or many more from one address, lock it out for a while.

export interface RateLimitOptions {
  /** Failures allowed per user name inside the window before further attempts are refused. */
  maxFailures: number;
  /** Failures allowed per client address (it may try several names): default four times the above. */
  maxFailuresPerAddress?: number;
  windowMs: number;
  now?: () => number;
}

export interface LoginAttempt {
  username: string;
  address: string;
}

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  private keys(attempt: LoginAttempt): [string, number][] {
    const perAddress = this.options.maxFailuresPerAddress ?? this.options.maxFailures * 4;
    return [
      [`user:${attempt.username}`, this.options.maxFailures],
      [`ip:${attempt.address}`, perAddress],
    ];
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs;
    const list = (this.failures.get(key) ?? []).filter((at) => at > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until the next attempt is allowed; 0 when allowed now. */
  retryAfterSeconds(attempt: LoginAttempt): number {
    let wait = 0;
    for (const [key, max] of this.keys(attempt)) {
      const list = this.recent(key);
      if (list.length >= max) {
        const oldest = list[list.length - max] ?? this.now();
        wait = Math.max(wait, Math.ceil((oldest + this.options.windowMs - this.now()) / 1000));
      }
    }
    return wait;
  }

  fail(attempt: LoginAttempt): void {
    for (const [key] of this.keys(attempt)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** A successful login clears the user name's count (not the address's: one address may try many names). */
  succeed(attempt: LoginAttempt): void {
    this.failures.delete(`user:${attempt.username}`);
  }
}
