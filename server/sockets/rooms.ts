/**
 * Room names, in one place. Rooms (not in-memory lists) carry every fan-out,
 * so a socket.io adapter can later spread them over several server nodes.
 */
export const rooms = {
  /** Every operator socket that may see a department's queue. */
  department: (departmentId: string) => `dept:${departmentId}`,
  /** Every socket of one account (several windows, the desktop app). */
  operator: (accountId: string) => `op:${accountId}`,
  /** Operator sockets that are Online for a department: its availability. */
  online: (departmentId: string) => `online:${departmentId}`,
  /**
   * Patron sockets whose chat waits in a department's queue: one `queue:moved`
   * here tells all of them, whatever the queue's length. Joined while waiting,
   * left when the chat is claimed, ended or moves to another queue.
   */
  departmentQueue: (departmentId: string) => `queue:${departmentId}`,
  /** Everyone following a chat's messages, in both namespaces. */
  chat: (chatId: string) => `chat:${chatId}`,
  /** Supervisors' sockets reading a staff chat they are not in (its members hear it through their own rooms). */
  staffReview: (staffChatId: string) => `staff-review:${staffChatId}`,
  /** Every supervisor's and admin's socket: the desk's alarms (escalation past T2, a dark desk). */
  supervisors: () => 'supervisors',
  /** Sockets opened with one login session, so logout can close them. */
  session: (sessionKey: string) => `session:${sessionKey}`,
} as const;

/** Whether a room is some department's queue room (a socket is in at most one). */
export const isDepartmentQueueRoom = (room: string): boolean => room.startsWith('queue:');
