import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConsoleStore } from './console-store';
import type { ConsoleState } from './console-state';

const StoreContext = createContext<ConsoleStore | null>(null);

/** Gives the component tree its store (the app's, or a test's). */
export function ConsoleStoreProvider({ store, children }: { store: ConsoleStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Reads from the console store through a selector, like zustand's own hook. */
export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useConsole needs a ConsoleStoreProvider above it.');
  return useStore(store, selector);
}
