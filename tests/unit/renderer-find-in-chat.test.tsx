// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FindBox } from '../../renderer/features/chat-pane/find-box';
import { findCountText, findMatches, useFindInChat } from '../../renderer/features/chat-pane/find-in-chat';
import { MessageList } from '../../renderer/features/chat-pane/message-list';

afterEach(cleanup);

const message = (seq: number, body: string) => ({ seq, body, authorName: 'Pat', createdAt: 0, authorKind: 'patron' });

const CHAT = [
  message(1, 'Where are the city directories?'),
  message(2, 'The City directories are on microfilm; the directories from 1890 too.'),
  message(3, 'Thank you!'),
];

describe('the chat pane’s find box', () => {
  it('finds every match in the whole chat, in reading order, whatever the case', () => {
    expect(findMatches(CHAT, 'directories')).toEqual([
      { seq: 1, start: 19, end: 30 },
      { seq: 2, start: 9, end: 20 },
      { seq: 2, start: 43, end: 54 },
    ]);
    expect(findMatches(CHAT, 'CITY').map((match) => match.seq)).toEqual([1, 2]);
  });

  it('takes what the librarian types literally, not as a pattern', () => {
    expect(findMatches([message(1, 'Is it (1890)? Or 1.8.9.0?')], '(1890)?')).toEqual([{ seq: 1, start: 6, end: 13 }]);
    expect(findMatches([message(1, 'a.b')], '.')).toHaveLength(1);
  });

  it('finds nothing for an empty or blank search', () => {
    expect(findMatches(CHAT, '')).toEqual([]);
    expect(findMatches(CHAT, '   ')).toEqual([]);
  });

  it('counts like "2 of 3", says "No matches", and says nothing before anything is typed', () => {
    expect(findCountText('dir', 3, 1)).toBe('2 of 3');
    expect(findCountText('dir', 0, 0)).toBe('No matches');
    expect(findCountText('', 0, 0)).toBe('');
  });
});

function ChatWithFind({ messages }: { messages: typeof CHAT }) {
  const find = useFindInChat(messages, 'chat-1');
  return (
    <>
      <FindBox find={find} />
      <MessageList label="Messages" messages={messages} sideOf={() => 'message-patron'} find={find.highlight} />
    </>
  );
}

describe('finding in the message log', () => {
  it('marks every match, the current one apart, and Enter and Shift+Enter move through them', () => {
    render(<ChatWithFind messages={CHAT} />);
    const field = screen.getByRole('searchbox', { name: 'Find in chat' });
    fireEvent.change(field, { target: { value: 'directories' } });
    const log = screen.getByRole('log', { name: 'Messages' });
    expect([...log.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual([
      'directories',
      'directories',
      'directories',
    ]);
    const current = () => log.querySelector('mark[data-find-current]')?.closest('li')?.getAttribute('data-seq');
    expect(screen.getByRole('status').textContent).toBe('1 of 3');
    expect(current()).toBe('1');

    fireEvent.keyDown(field, { key: 'Enter' });
    expect(screen.getByRole('status').textContent).toBe('2 of 3');
    expect(current()).toBe('2');
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    // Past the first it wraps round to the last.
    expect(screen.getByRole('status').textContent).toBe('3 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.getByRole('status').textContent).toBe('1 of 3');

    // The body reads as before, marks and all.
    expect(
      within(log)
        .getAllByText(/directories/)[0]
        ?.closest('.message-body')?.textContent,
    ).toBe(CHAT[0]?.body);
  });

  it('Escape clears the search and its marks; Ctrl+F brings the focus to the field', () => {
    render(<ChatWithFind messages={CHAT} />);
    const field = screen.getByRole('searchbox', { name: 'Find in chat' });
    fireEvent.change(field, { target: { value: 'microfilm' } });
    expect(screen.getByRole('log').querySelectorAll('mark')).toHaveLength(1);
    fireEvent.keyDown(field, { key: 'Escape' });
    expect((field as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('log').querySelectorAll('mark')).toHaveLength(0);

    field.blur();
    const ctrlF = fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect(ctrlF).toBe(false); // the browser's own find (which sees only the rendered rows) is kept out
    expect(document.activeElement).toBe(field);
  });

  it('says "No matches" when the chat does not hold the words', () => {
    render(<ChatWithFind messages={CHAT} />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find in chat' }), { target: { value: 'atlas' } });
    expect(screen.getByRole('status').textContent).toBe('No matches');
    expect(screen.getByRole('button', { name: 'Next match' })).toHaveProperty('disabled', true);
  });
});
