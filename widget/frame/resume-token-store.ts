import type { ResumeTokenStore } from '../../src/client/patron-connection';

/**
 * Keeps the patron's resume token in localStorage, one per department, so a
 * refresh finds the same chat. Browsers that block storage in third-party
 * frames still get a working chat for as long as the page stays open.
 * A cleared token is kept as the previous one: the next chat's start sends it,
 * so the librarian sees this browser's earlier chats.
 */
export function localResumeTokenStore(
  departmentId: string,
  storage: Storage | null = safeLocalStorage(),
): ResumeTokenStore {
  const key = `deskbell:resume:${departmentId}`;
  const previousKey = `deskbell:previous:${departmentId}`;
  let memory: string | null = null;
  let previousMemory: string | null = null;
  const get = (name: string, fallback: string | null) => {
    try {
      return storage?.getItem(name) ?? fallback;
    } catch {
      return fallback;
    }
  };
  const set = (name: string, value: string | null) => {
    try {
      if (value === null) storage?.removeItem(name);
      else storage?.setItem(name, value);
    } catch {
      // blocked or full: the in-memory copy serves this page view
    }
  };
  return {
    read: () => get(key, memory),
    write(token) {
      memory = token;
      set(key, token);
    },
    clear() {
      const current = get(key, memory);
      if (current !== null) {
        previousMemory = current;
        set(previousKey, current);
      }
      memory = null;
      set(key, null);
    },
    readPrevious: () => get(previousKey, previousMemory),
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
