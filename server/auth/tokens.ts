import { createHash, randomBytes } from 'node:crypto';

/** A fresh random secret (256 bits), URL-safe; handed out once and stored only as its hash. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret token: a hash that cannot be turned back into it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
