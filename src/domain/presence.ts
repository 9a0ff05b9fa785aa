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
