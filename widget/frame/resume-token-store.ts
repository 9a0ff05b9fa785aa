import type { ResumeTokenStore } from '../../src/client/patron-connection';

/**
 * Keeps the patron's resume token in localStorage, one per department, so a
 * refresh finds the same chat. Browsers that block storage in third-party
 * frames still get a working chat for as long as the page stays open.
 */
export function localResumeTokenStore(
  departmentId: string,
  storage: Storage | null = safeLocalStorage(),
): ResumeTokenStore {
  const key = `deskbell:resume:${departmentId}`;
  let memory: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(key) ?? memory;
      } catch {
        return memory;
      }
    },
    write(token) {
      memory = token;
      try {
        storage?.setItem(key, token);
      } catch {
        // blocked or full: the in-memory copy serves this page view
      }
    },
    clear() {
      memory = null;
      try {
        storage?.removeItem(key);
      } catch {
        // blocked: nothing stored to remove
      }
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
