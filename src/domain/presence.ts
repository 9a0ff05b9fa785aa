import type { OperatorStatus } from '../protocol/models';

/** Only Online operators take patron chats; Internal is available to staff only. */
export function takesPatronChats(status: OperatorStatus): boolean {
  return status === 'online';
}

/**
 * Whether the new-chat chirp and pop-ups are for this operator: Away keeps one's chats but takes one
 * out of routing and out of the alerts (the practice's "step away from the desk").
 */
export function hearsNewChats(status: OperatorStatus): boolean {
  return status !== 'away';
}

/** Staff can chat with colleagues who are Online, Internal or Away. */
export function reachableByStaff(status: OperatorStatus): boolean {
  return status !== 'offline';
}

/**
 * Why a colleague cannot take a transfer of a chat in this department, in the
 * words of the Add Participants list ("Away: cannot take chats"), or null when
 * they can. Away and Offline are what the state machine refuses
 * (TRANSFER_TARGET_UNAVAILABLE); a colleague who does not monitor the
 * department is not offered it either.
 */
export function transferRefusal(
  colleague: { status: OperatorStatus; departmentIds: readonly string[] },
  departmentId: string,
): string | null {
  if (colleague.status === 'offline') return 'Offline: cannot take chats';
  if (colleague.status === 'away') return 'Away: cannot take chats';
  if (!colleague.departmentIds.includes(departmentId)) return 'Not in this department';
  return null;
}

/** The dot colour the practice teaches: green available, yellow away, red offline. */
export type StatusDot = 'green' | 'blue' | 'yellow' | 'red';

export function statusDot(status: OperatorStatus): StatusDot {
  switch (status) {
    case 'online':
      return 'green';
    case 'internal':
      return 'blue';
    case 'away':
      return 'yellow';
    case 'offline':
      return 'red';
  }
}

export function statusLabel(status: OperatorStatus): string {
  switch (status) {
    case 'online':
      return 'Online';
    case 'internal':
      return 'Internal';
    case 'away':
      return 'Away';
    case 'offline':
      return 'Offline';
  }
}
