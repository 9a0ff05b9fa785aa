import type { ConnectionState } from '../../src/client/connection-events';
import type { Department, OperatorStatus, PatronField, QuestionType } from '../../src/protocol';

export interface ConnectionSlice {
  connection: ConnectionState;
  status: OperatorStatus;
  statusError: string | null;
  departments: Department[];
  questionTypes: QuestionType[];
  /** The analytics entry asks for the READ scale (an admin's desk setting). */
  readScale: boolean;
  patronFields: PatronField[];
  /** The last thing that went wrong with the connection itself, for the banner. */
  problem: string | null;
  setStatus(status: OperatorStatus): Promise<void>;
}
