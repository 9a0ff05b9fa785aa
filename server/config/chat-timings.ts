/**
 * How long the server waits before it acts on something that did not happen:
 * a transfer nobody accepted, an operator's connection that did not come back,
 * a patron who did not return. Each deadline they set is stored, not only held
 * in memory (see server/chats/chat-upkeep.ts). Configurable so tests can use short ones.
 */
import { DEFAULT_DARK_DESK_MS } from '../../src/domain/dark-desk';
import { DEFAULT_SCREENSHARE_TIMINGS, type ScreenshareTimings } from '../../src/domain/screenshare-session';

export interface ChatTimings extends ScreenshareTimings {
  /** A pending transfer returns to the original operator after this long (the practice says a couple of minutes). */
  transferTimeoutMs: number;
  /** An operator whose every connection has been gone this long shows Offline and leaves routing. */
  presenceGraceMs: number;
  /** A patron whose widget lost its connection has this long to come back before the operator is told they left. */
  patronReturnMs: number;
  /** A patron's widget gone this long (no page change) is stored as away: a waiting chat leaves the queue. */
  patronSettleMs: number;
  /** How often the upkeep looks for expired transfers, patrons past their return and operators past their grace. */
  upkeepIntervalMs: number;
  /** How often the upkeep checks that every open chat's patron and every owner is really connected (after a restart). */
  presenceSweepMs: number;
  /** How often the desk watch climbs escalation ladders and checks every department's coverage. */
  deskWatchIntervalMs: number;
  /** In hours of service, nobody Online for a department this long raises the dark-desk alarm. */
  darkDeskMs: number;
}

export const DEFAULT_CHAT_TIMINGS: ChatTimings = {
  transferTimeoutMs: 2 * 60_000,
  presenceGraceMs: 15_000,
  patronReturnMs: 3 * 60_000,
  patronSettleMs: 3_000,
  upkeepIntervalMs: 1_000,
  presenceSweepMs: 15_000,
  deskWatchIntervalMs: 2_000,
  darkDeskMs: DEFAULT_DARK_DESK_MS,
  ...DEFAULT_SCREENSHARE_TIMINGS,
};

export function resolveChatTimings(overrides: Partial<ChatTimings> = {}): ChatTimings {
  return { ...DEFAULT_CHAT_TIMINGS, ...overrides };
}
