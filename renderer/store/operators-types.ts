import type { OperatorPresence } from '../../src/protocol';

/** The Operators list: every colleague with the server's view of their presence, by id. */
export interface OperatorsSlice {
  operators: Record<string, OperatorPresence>;
}
