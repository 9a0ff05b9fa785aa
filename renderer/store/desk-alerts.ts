import type { StoreApi } from 'zustand';
import { runsTheDesk } from '../../src/domain/chat-access';
import { waitedFor } from '../../src/domain/chat-stats';
import { patronLabel } from '../../src/domain/patron-label';
import { hearsNewChats } from '../../src/domain/presence';
import type { ChatSummary, DeskDepartment, DesktopBridge, EscalationStep } from '../../src/protocol';
import type { ConsoleState } from './console-state';
import { newChatAlertFor } from './new-chat-alert';

/** "3 min", "1 h 5 min": how long, in the words of the Patron Chats list ("under a minute" for a fresh one). */
export function waitedWords(since: number, now: number): string {
  const span = waitedFor(since, now);
  return span === 'just now' ? 'under a minute' : span;
}

/**
 * A waiting chat climbed a rung of its ladder. T1: whoever hears new chats
 * sees its pop-up again and hears the chirp (which now repeats more often).
 * T2: supervisors and admins on duty get the pop-up and the chirp too.
 * T3: the patron was offered to leave a follow-up; the console only says so.
 */
export function applyEscalation(
  store: StoreApi<ConsoleState>,
  bridge: DesktopBridge,
  chat: ChatSummary,
  step: EscalationStep,
): void {
  const state = store.getState();
  const me = state.operator;
  if (!me || chat.status !== 'waiting') return;
  const waited = waitedWords(chat.createdAt, Date.now());
  const who = patronLabel(chat);
  if (step === 1 && hearsNewChats(state.status)) {
    bridge.alertNewChat({ ...newChatAlertFor(chat), note: `Still waiting after ${waited}` });
    bridge.chirp();
    state.announce(`${who} has waited ${waited} in ${chat.departmentName}.`);
  }
  if (step === 2 && runsTheDesk(me) && state.status !== 'offline') {
    bridge.alertNewChat({ ...newChatAlertFor(chat), note: `Nobody has claimed it for ${waited}` });
    bridge.chirp();
    state.announce(`Nobody has claimed the chat with ${who} in ${chat.departmentName} for ${waited}.`);
  }
  if (step === 3 && runsTheDesk(me)) {
    state.announce(`${who} was offered to leave a question for a reply by email.`);
  }
}

/** A department's dark-desk alarm: supervisors get a pop-up (desktop and page) and the chirp; clearing says so. */
export function applyDeskAlarm(
  store: StoreApi<ConsoleState>,
  bridge: DesktopBridge,
  department: DeskDepartment,
  raised: boolean,
): void {
  const state = store.getState();
  state.deskAlarmHeard(department, raised);
  if (!raised) {
    bridge.clearChatAlert(department.id);
    state.announce(`${department.name} is covered again.`);
    return;
  }
  const words = darkDeskWords(department, Date.now());
  bridge.alertNewMessage({ kind: 'desk', id: department.id, from: department.name, preview: words, notify: true });
  bridge.chirp();
  state.announce(`Dark desk: ${department.name}. ${words}`);
}

/** "Nobody has been Online for 6 minutes, in its hours of service." */
export function darkDeskWords(department: DeskDepartment, now: number): string {
  const since = department.darkSince;
  const how = since === null ? 'Nobody is Online' : `Nobody has been Online for ${waitedWords(since, now)}`;
  return `${how}, in its hours of service.`;
}
