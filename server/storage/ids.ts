import { randomUUID } from 'node:crypto';

/** Server-made ids: random uuids, opaque text to everyone else. */
export function newId(): string {
  return randomUUID();
}
