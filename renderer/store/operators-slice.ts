import type { StateCreator } from 'zustand';
import type { OperatorPresence } from '../../src/protocol';
import type { ConsoleState } from './console-state';
import type { OperatorsSlice } from './operators-types';

export type { OperatorsSlice } from './operators-types';

export const initialOperatorsState: OperatorsSlice = { operators: {} };

/** State only: the sync fills it and `operators:presence` keeps it current (connection-binding.ts). */
export const createOperatorsSlice = (): StateCreator<ConsoleState, [], [], OperatorsSlice> => () => ({
  ...initialOperatorsState,
});

/** The whole list from a sync (replaces what was held: someone removed meanwhile leaves the list). */
export function operatorsFromList(list: readonly OperatorPresence[]): Record<string, OperatorPresence> {
  return Object.fromEntries(list.map((operator) => [operator.id, operator]));
}

/** Colleagues to show: everyone but me, by name. */
export function colleaguesOf(
  operators: Record<string, OperatorPresence>,
  meId: string | undefined,
): OperatorPresence[] {
  return Object.values(operators)
    .filter((operator) => operator.id !== meId)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
