import type { StateCreator } from 'zustand';
import { type ActorFacts, chatAccessOf, isOfferedTo, isOwner, may } from '../../src/domain/chat-access';
import type { ChatSummary, NewChatAlert } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { TransferSlice } from './transfer-types';
import { firstWords, newChatAlertFor } from './new-chat-alert';
import { bringReplyForward, viewWhenAsked } from './reply-forward';

export type { TransferDestination, TransferSlice } from './transfer-types';

export const initialTransferState: Pick<TransferSlice, 'transferBusy'> = { transferBusy: {} };

export const createTransferSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], TransferSlice> =>
  (set, get) => {
    const mark = (chatId: string, action: TransferSlice['transferBusy'][string] | null) =>
      set((state) => {
        const transferBusy = { ...state.transferBusy };
        if (action) transferBusy[chatId] = action;
        else delete transferBusy[chatId];
        const actionErrors = { ...state.actionErrors };
        delete actionErrors[chatId];
        return { transferBusy, actionErrors };
      });
    const failed = (chatId: string, message: string) =>
      set((state) => ({ actionErrors: { ...state.actionErrors, [chatId]: message } }));

    return {
      ...initialTransferState,

      async transferChat(chatId, to, briefing) {
        const connection = runtime.connection();
        if (!connection) return false;
        mark(chatId, 'transfer');
        const text = briefing.trim();
        const ack = await connection.transfer({
          chatId,
          to: { kind: to.kind, id: to.id },
          ...(text ? { briefing: text } : {}),
        });
        mark(chatId, null);
        // The server's words, e.g. TRANSFER_TARGET_UNAVAILABLE for a colleague who is Away or Offline.
        if (!ack.ok) failed(chatId, ack.error.message);
        else get().announce(`Transferred to ${to.name}.`);
        return ack.ok;
      },

      async acceptTransfer(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        const before = viewWhenAsked(get());
        mark(chatId, 'accept');
        const ack = await connection.acceptTransfer(chatId);
        mark(chatId, null);
        if (!ack.ok) return failed(chatId, ack.error.message);
        // The chat is mine now: the reply box is where the operator goes next.
        bringReplyForward(get(), chatId, before);
      },

      async declineTransfer(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        mark(chatId, 'decline');
        const ack = await connection.declineTransfer(chatId);
        mark(chatId, null);
        if (!ack.ok) return failed(chatId, ack.error.message);
        if (get().openChatId === chatId) set({ openChatId: null });
        get().announce('Transfer declined.');
      },

      async leaveChat(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        mark(chatId, 'leave');
        const ack = await connection.leaveChat(chatId);
        mark(chatId, null);
        if (ack.ok) set({ openChatId: get().openChatId === chatId ? null : get().openChatId });
        else failed(chatId, ack.error.message);
      },
    };
  };

/** What one operator may do with a chat, given its owner, participants and pending transfer. */
export interface ChatRole {
  /** The current owner: End Chat, Add Participants. */
  owner: boolean;
  /** In the chat beside its owner (after a transfer): may write and Leave chat, never End Chat. */
  participant: boolean;
  /** A colleague transferred this chat to me and I have not accepted it yet. */
  offeredToMe: boolean;
}

/** Where the operator stands in a chat, as the access rules the server enforces say (`src/domain/chat-access.ts`). */
export function chatRoleOf(chat: ChatSummary, me: ActorFacts | null | undefined): ChatRole {
  if (!me) return { owner: false, participant: false, offeredToMe: false };
  const facts = chatAccessOf(chat);
  const owner = isOwner(facts, me.id);
  return {
    owner,
    participant: !owner && may('write', facts, me),
    offeredToMe: isOfferedTo(facts, me.id),
  };
}

/**
 * "Transferred from Alice", for a chat marked as a transfer; null otherwise.
 * Alice herself (`viewerId`) reads where it went instead: "Waiting for Bob to
 * accept", or "Transferred to Research Help, waiting to be claimed".
 */
export function transferNoteOf(chat: ChatSummary, viewerId?: string | null): string | null {
  const transfer = chat.transfer;
  if (!transfer) return null;
  if (viewerId && transfer.from.id === viewerId)
    return transfer.to.kind === 'operator'
      ? `Waiting for ${transfer.to.name} to accept`
      : `Transferred to ${transfer.to.name}, waiting to be claimed`;
  return `Transferred from ${transfer.from.name}`;
}

/** The new-chat alert for a transferred chat: the usual words, with "transferred from ..." and the briefing. */
export function transferAlertFor(chat: ChatSummary): NewChatAlert {
  const note = transferNoteOf(chat);
  const briefing = chat.transfer?.briefing?.trim();
  // The pop-up's note holds at most 200 characters.
  return { ...newChatAlertFor(chat), note: note && briefing ? firstWords(`${note}: ${briefing}`, 200) : note };
}

/** Chats transferred to me and waiting for my Accept, oldest first. */
export const selectTransfersForMe = (state: ConsoleState): ChatSummary[] =>
  Object.values(state.chats)
    .filter((chat) => chatRoleOf(chat, state.operator).offeredToMe)
    .sort((a, b) => (a.transfer?.createdAt ?? 0) - (b.transfer?.createdAt ?? 0));

/** Active chats I am a participant of (not the owner), so I can return to them. */
export const selectGroupChats = (state: ConsoleState): ChatSummary[] =>
  Object.values(state.chats).filter((chat) => chatRoleOf(chat, state.operator).participant);
