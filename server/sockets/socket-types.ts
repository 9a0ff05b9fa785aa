import type { Namespace, Server, Socket } from 'socket.io';
import type { OperatorClientEvents, OperatorServerEvents } from '../../src/protocol/operator-contract';
import type { PatronClientEvents, PatronServerEvents } from '../../src/protocol/patron-contract';

/** What the server remembers on an operator socket (plain data, so remote nodes can read it too). */
export interface OperatorSocketData {
  accountId: string;
  /** A short, non-secret key of the login session (part of the token's hash). */
  sessionKey: string;
  /** This socket is one side of a screenshare: its disconnect starts that session's grace. */
  inScreenshare?: boolean;
}

/** What the server remembers on a patron socket. */
export interface PatronSocketData {
  /** The chat this socket started or resumed, if any. */
  chatId: string | null;
  /** The name the patron gave for that chat (null when none), the author of their messages. */
  patronName: string | null;
  ip: string | null;
  userAgent: string | null;
  /** This socket (the patron's screenshare window) is one side of a screenshare. */
  inScreenshare?: boolean;
}

type NoEvents = Record<string, never>;

export type OperatorNamespace = Namespace<OperatorClientEvents, OperatorServerEvents, NoEvents, OperatorSocketData>;
export type OperatorSocket = Socket<OperatorClientEvents, OperatorServerEvents, NoEvents, OperatorSocketData>;
export type PatronNamespace = Namespace<PatronClientEvents, PatronServerEvents, NoEvents, PatronSocketData>;
export type PatronSocket = Socket<PatronClientEvents, PatronServerEvents, NoEvents, PatronSocketData>;
export type DeskbellIo = Server<NoEvents, NoEvents, NoEvents, unknown>;
