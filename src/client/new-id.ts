/**
 * Client-made ids for messages: the server stores a retried send with the
 * same id once. `crypto.randomUUID` exists in browsers (secure contexts),
 * Electron and Node 20; src/ has no DOM or Node types, hence the narrow cast.
 */
export function newClientId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  // Plain-http consoles on another host have no randomUUID; ids need only be unique, not secret.
  return `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
