// Password hashing with scrypt (Node's crypto, no native add-on): self-describing hashes, constant-time checks.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../errors.ts';

// N=2^15, r=8, p=1: about 50 ms and 32 MiB per hash on this machine class (OWASP's scrypt minimum is N=2^17
// at p=1 for 128 MiB; we trade some of it for a login that stays fast on 2 cores).
const COST = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: typeof COST): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, params, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    );
  });
}

export const MIN_PASSWORD_LENGTH = 8;

export function checkPasswordStrength(password: string): void {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(
      'user.weakPassword',
      `口令至少 ${MIN_PASSWORD_LENGTH} 个字符 / The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
      { details: { field: 'password' } },
    );
  }
}

/** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (!N || !r || !p || expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, { N, r, p, maxmem: Math.max(COST.maxmem, 256 * N * r) });
  return timingSafeEqual(key, expected);
}
