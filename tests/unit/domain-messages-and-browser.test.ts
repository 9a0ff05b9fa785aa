import { describe, expect, it } from 'vitest';
import { lastSeqOf, mergeMessages } from '../../src/domain/message-order';
import { describeBrowser } from '../../src/domain/user-agent';
import type { Message, StaffMessage } from '../../src/protocol/models';
import { MessageBook } from '../../src/client/message-book';

function message(seq: number, body = `message ${seq}`): Message {
  return {
    id: `m${seq}`,
    chatId: 'c1',
    seq,
    authorKind: 'patron',
    authorId: null,
    authorName: 'Patron',
    body,
    createdAt: seq,
  };
}

describe('merging messages into a chat', () => {
  it('shows every message once, in order, however they arrive', () => {
    const held = [message(1), message(2)];
    const merged = mergeMessages(held, [message(4), message(2), message(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the list as it was when nothing new arrived', () => {
    const held = [message(1), message(2)];
    expect(mergeMessages(held, [message(1)])).toBe(held);
    expect(mergeMessages(held, [])).toBe(held);
  });

  it('shows a staff message once when its live event and its ack both bring it, each chat in order', () => {
    const staff = (staffChatId: string, seq: number): StaffMessage => ({
      id: `${staffChatId}-${seq}`,
      staffChatId,
      seq,
      authorId: 'op-alice',
      authorName: 'Alice',
      body: `staff message ${seq}`,
      createdAt: seq,
    });
    // How the console holds every staff message it hears (src/client/operator-connection.ts, holdStaff).
    const book = MessageBook.forStaffChats();
    const hold = (messages: StaffMessage[]) => {
      for (const held of messages) book.load(held.staffChatId, [held]);
    };
    hold([staff('s1', 2), staff('s2', 1)]);
    const heldS2 = book.get('s2');
    hold([staff('s1', 1), staff('s1', 2), staff('s2', 1)]);
    expect(book.get('s1').map((m) => m.seq)).toEqual([1, 2]);
    expect(book.get('s2')).toBe(heldS2);
  });

  it('knows the newest sequence number held', () => {
    expect(lastSeqOf([])).toBe(0);
    expect(lastSeqOf([message(1), message(7)])).toBe(7);
  });
});

describe('the browser shown in the patron info tab', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'Chrome 120 on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      'Edge 120 on Windows',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox 128 on Linux'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
      'Safari 17 on iOS',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      'Safari 17 on macOS',
    ],
  ])('%s reads as %s', (userAgent, expected) => {
    expect(describeBrowser(userAgent)).toBe(expected);
  });

  it('says nothing for an empty or unknown agent', () => {
    expect(describeBrowser(null)).toBeNull();
    expect(describeBrowser('')).toBeNull();
    expect(describeBrowser('curl/8.0')).toBeNull();
  });
});
