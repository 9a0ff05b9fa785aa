import { afterEach, describe, expect, it, vi } from 'vitest';
import { newClientId } from '../../src/client/new-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('the id a console or a widget gives a message it sends', () => {
  it('is a fresh uuid each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('is still a uuid on a plain-http page, where randomUUID is missing', () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xab) });
    expect(newClientId()).toBe('abababab-abab-4bab-abab-abababababab');
  });

  it('is still a uuid where the page offers no crypto at all', () => {
    vi.stubGlobal('crypto', undefined);
    expect(newClientId()).toMatch(UUID_V4);
  });
});
