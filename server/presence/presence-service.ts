import { takesPatronChats } from '../../src/domain/presence';
import type { OperatorStatus } from '../../src/protocol/models';
import type { Account, AccountRepository } from '../auth/account-repository';
import { rooms } from '../sockets/rooms';
import type { OperatorNamespace, OperatorSocket } from '../sockets/socket-types';

/**
 * Presence lives in rooms: an Online operator's sockets are in `online:<dept>`
 * for each department they monitor. A department is available when that room
 * has any socket, asked with fetchSockets so it also counts other server nodes.
 * The chosen status is stored on the account so a reconnect restores it.
 */
export class PresenceService {
  constructor(
    private readonly operators: OperatorNamespace,
    private readonly accounts: AccountRepository,
  ) {}

  /** True when at least one operator monitoring the department is Online right now. */
  async isDepartmentOnline(departmentId: string): Promise<boolean> {
    const sockets = await this.operators.in(rooms.online(departmentId)).fetchSockets();
    return sockets.length > 0;
  }

  /** Puts a newly connected socket in the online rooms its account's stored status calls for. */
  joinOnlineRooms(socket: OperatorSocket, account: Account): void {
    if (takesPatronChats(account.status)) void socket.join(account.departmentIds.map(rooms.online));
  }

  /** Stores the status and moves every socket of the account (on any node) in or out of the online rooms. */
  async setStatus(account: Account, status: OperatorStatus): Promise<void> {
    await this.accounts.setStatus(account.id, status);
    account.status = status;
    const own = this.operators.in(rooms.operator(account.id));
    const onlineRooms = account.departmentIds.map(rooms.online);
    if (onlineRooms.length > 0) {
      if (takesPatronChats(status)) own.socketsJoin(onlineRooms);
      else own.socketsLeave(onlineRooms);
    }
    this.operators.to(rooms.operator(account.id)).emit('status:changed', { status });
  }
}
