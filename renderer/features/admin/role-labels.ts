import type { OperatorStatus, Role } from '../../../src/protocol';

export const ROLE_LABELS: Record<Role, string> = {
  operator: 'Operator',
  supervisor: 'Supervisor',
  admin: 'Admin',
};

export const STATUS_LABELS: Record<OperatorStatus, string> = {
  online: 'Online',
  internal: 'Internal',
  away: 'Away',
  offline: 'Offline',
};
