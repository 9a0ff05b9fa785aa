import { createHash, randomBytes } from 'node:crypto';

/** A fresh random secret (256 bits), URL-safe; handed out once and stored only as its hash. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret token: a hash that cannot be turned back into it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A secret token with the hash the database keeps of it. */
export interface HashedToken {
  token: string;
  hash: string;
}

/**
 * Secret tokens made ahead of need, a few at a time, after the request that
 * took one has been served: a patron's `chat:start` hands out a resume token,
 * and making one (random bytes, base64, SHA-256) on a cold event loop took
 * about 65 µs of the new chat's path to its alert (issue 10, item 2). Each
 * token is taken once; an empty reserve makes one on the spot.
 */
export class TokenReserve {
  private readonly ready: HashedToken[] = [];
  private refillQueued = false;

  constructor(private readonly size = 8) {}

  take(): HashedToken {
    const next = this.ready.pop() ?? hashedToken();
    this.refillLater();
    return next;
  }

  private refillLater(): void {
    if (this.refillQueued) return;
    this.refillQueued = true;
    setImmediate(() => {
      this.refillQueued = false;
      while (this.ready.length < this.size) this.ready.push(hashedToken());
    });
  }
}

function hashedToken(): HashedToken {
  const token = newSecretToken();
  return { token, hash: hashToken(token) };
}
