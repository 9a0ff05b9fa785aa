/**
 * Client-made message ids (uuid v4): the server stores a retried send with
 * the same id once. `crypto.randomUUID` exists only in secure contexts, and a
 * library's site or a console on another host may be served over plain http,
 * so fall back to `getRandomValues`, which browsers offer everywhere. src/ has
 * no DOM or Node types, hence the narrow cast.
 */
interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues?: (array: Uint8Array) => Uint8Array;
}

/** A fresh random id for a message the patron or the operator sends. */
export function newClientId(): string {
  const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  // Ids need only be unique, not secret: Math.random serves where no crypto is offered at all.
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
