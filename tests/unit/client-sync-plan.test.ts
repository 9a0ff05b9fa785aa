import { describe, expect, it } from 'vitest';
import { MessageBook } from '../../src/client/message-book';
import { planSync } from '../../src/client/sync-plan';
import type { ChatSummary, Message } from '../../src/protocol/models';
import { chatSummaryOf } from './chat-fixtures';

const message = (chatId: string, seq: number, createdAt = seq): Message => ({
  id: `${chatId}-${seq}`,
  chatId,
  seq,
  authorKind: 'patron',
  authorId: null,
  authorName: 'Pat',
  body: `message ${seq}`,
  createdAt,
});

function known(...chats: ChatSummary[]): Map<string, ChatSummary> {
  return new Map(chats.map((chat) => [chat.id, chat]));
}

describe('what a console asks for when it catches up', () => {
  it('each chat from the last message with nothing missing below it, not from the newest held', () => {
    const book = MessageBook.forChats();
    book.load('a', [message('a', 1), message('a', 2), message('a', 4)]);
    book.load('b', [message('b', 1), message('b', 2), message('b', 3)]);
    book.load('c', []);
    const plan = planSync(
      book,
      known(chatSummaryOf({ id: 'a' }), chatSummaryOf({ id: 'b' }), chatSummaryOf({ id: 'c' })),
    );
    expect(plan.lastSeqByChat).toEqual({ a: 2, b: 3, c: 0 });
    expect(plan.leftOut).toEqual([]);
  });

  it('only open chats it follows: ended ones and ones it no longer knows of are left out', () => {
    const book = MessageBook.forChats();
    for (const chatId of ['open', 'ended', 'unknown']) book.load(chatId, [message(chatId, 1)]);
    const plan = planSync(
      book,
      known(
        chatSummaryOf({ id: 'open' }),
        chatSummaryOf({ id: 'ended', status: 'ended' }),
        chatSummaryOf({ id: 'not-held' }),
      ),
    );
    expect(plan.lastSeqByChat).toEqual({ open: 1 });
    expect(plan.leftOut.sort()).toEqual(['ended', 'unknown']);
  });

  it('the most recently active first, and no more than the cap: the quietest are left out', () => {
    const book = MessageBook.forChats();
    const chats: ChatSummary[] = [];
    // Chat i was asked at time i; chat 0 has a fresh message, so it counts as the most recent.
    for (let i = 0; i < 5; i += 1) {
      chats.push(chatSummaryOf({ id: `chat-${i}`, status: 'waiting', createdAt: i }));
      book.load(`chat-${i}`, i === 0 ? [message('chat-0', 1, 100)] : []);
    }
    const plan = planSync(book, known(...chats), 3);
    expect(Object.keys(plan.lastSeqByChat)).toEqual(['chat-0', 'chat-4', 'chat-3']);
    expect(plan.leftOut).toEqual(['chat-2', 'chat-1']);
  });
});
