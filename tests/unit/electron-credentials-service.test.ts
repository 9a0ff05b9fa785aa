import { describe, expect, it } from 'vitest';
import { CredentialsService, TOKEN_KEY } from '../../electron/main/credentials/credentials-service';
import { RecordingLogger } from '../fakes/fake-logger';
import { FakeSafeStorage } from '../fakes/credentials-fake-safe-storage';
import { MemorySettingsStore } from '../fakes/settings-memory-store';

function setUp() {
  const safeStorage = new FakeSafeStorage();
  const store = new MemorySettingsStore();
  const log = new RecordingLogger();
  const credentials = () => new CredentialsService({ safeStorage, store, log });
  return { safeStorage, store, log, credentials };
}

describe('keeping the session token', () => {
  it('the librarian stays logged in across restarts: the token is stored encrypted, never in plain text', () => {
    const { store, credentials } = setUp();
    expect(credentials().save('tok-alice-123')).toEqual({ token: 'tok-alice-123', persisted: true });
    const stored = store.data.get(TOKEN_KEY);
    expect(typeof stored).toBe('string');
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(stored as string, 'base64').toString('utf8')).not.toContain('tok-alice-123');
    expect(JSON.stringify([...store.data])).not.toContain('tok-alice-123');
    expect(credentials().load()).toEqual({ token: 'tok-alice-123', persisted: true });
  });

  it('with nothing stored there is no token', () => {
    expect(setUp().credentials().load()).toEqual({ token: null, persisted: true });
  });

  it('logging out forgets the stored token', () => {
    const { store, credentials } = setUp();
    const service = credentials();
    service.save('tok-bob');
    expect(service.save(null)).toEqual({ token: null, persisted: true });
    expect(store.data.has(TOKEN_KEY)).toBe(false);
    expect(credentials().load().token).toBeNull();
  });

  it('without OS encryption the token lives in memory only, and the console is told so', () => {
    const { safeStorage, store, credentials } = setUp();
    safeStorage.available = false;
    const service = credentials();
    expect(service.save('tok-mem')).toEqual({ token: 'tok-mem', persisted: false });
    expect(store.data.size).toBe(0);
    expect(service.load()).toEqual({ token: 'tok-mem', persisted: false });
    // A restart starts logged out.
    expect(credentials().load()).toEqual({ token: null, persisted: false });
    expect(service.save(null)).toEqual({ token: null, persisted: false });
    expect(service.load().token).toBeNull();
  });

  it("Linux's basic_text store protects nothing, so it counts as no encryption", () => {
    const { safeStorage, store, credentials } = setUp();
    safeStorage.backend = 'basic_text';
    expect(credentials().save('tok-basic')).toEqual({ token: 'tok-basic', persisted: false });
    expect(store.data.size).toBe(0);
    safeStorage.backend = 'gnome_libsecret';
    expect(credentials().save('tok-keyring').persisted).toBe(true);
  });

  it('a new login while encryption is unavailable removes an older encrypted token', () => {
    const { safeStorage, store, credentials } = setUp();
    credentials().save('tok-old');
    safeStorage.available = false;
    credentials().save('tok-new');
    expect(store.data.has(TOKEN_KEY)).toBe(false);
  });

  it("a token that no longer decrypts (another user's key, a changed keyring) is dropped", () => {
    const { safeStorage, store, log, credentials } = setUp();
    credentials().save('tok-carol');
    safeStorage.key = 9;
    expect(credentials().load()).toEqual({ token: null, persisted: true });
    expect(store.data.has(TOKEN_KEY)).toBe(false);
    expect(log.messages('warn')).toHaveLength(1);
  });

  it('a hand-edited stored token (not base64, not a string, decrypting to junk) is dropped', () => {
    const { safeStorage, store, credentials } = setUp();
    for (const junk of ['%%% not base64 %%%', 42, { token: 'x' }]) {
      store.data.set(TOKEN_KEY, junk);
      expect(credentials().load().token).toBeNull();
      expect(store.data.has(TOKEN_KEY)).toBe(false);
    }
    store.data.set(TOKEN_KEY, Buffer.from(safeStorage.encryptString('x'.repeat(600))).toString('base64'));
    expect(credentials().load().token).toBeNull();
  });

  it('when encrypting fails the token is kept for this run only', () => {
    const { safeStorage, store, log, credentials } = setUp();
    safeStorage.failEncrypt = true;
    const service = credentials();
    expect(service.save('tok-dan')).toEqual({ token: 'tok-dan', persisted: false });
    expect(service.load()).toEqual({ token: 'tok-dan', persisted: false });
    expect(store.data.has(TOKEN_KEY)).toBe(false);
    expect(log.messages('error')).toHaveLength(1);
  });

  it('a store that cannot remove the token is logged, not thrown', () => {
    const { store, log, credentials } = setUp();
    store.failWrites = true;
    expect(credentials().save(null)).toEqual({ token: null, persisted: true });
    expect(log.messages('error')).toEqual(['Could not remove the stored session token']);
  });
});
