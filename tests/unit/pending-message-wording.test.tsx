// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageList, sideByAuthorKind } from '../../renderer/features/chat-pane/message-list';
import { ChatLog } from '../../widget/frame/chat-log';

afterEach(() => cleanup());

const pending = [{ id: 'p1', body: 'The atlases are on floor 2.' }];
const retrying = [{ id: 'p2', body: 'Still there?', retrying: { code: 'UNAVAILABLE' as const, message: 'down' } }];

describe('what a message on its way says', () => {
  it('in the console, while the connection is down it waits for the connection instead of claiming to try', () => {
    render(
      <MessageList label="Messages" messages={[]} sideOf={sideByAuthorKind} pending={pending} connected={false} />,
    );
    expect(within(screen.getByRole('log')).getByText('Sending... waiting for the connection')).toBeTruthy();
  });

  it('in the console, once connected it says the server is busy only while it is being tried again', () => {
    render(
      <MessageList
        label="Messages"
        messages={[]}
        sideOf={sideByAuthorKind}
        pending={[...pending, ...retrying]}
        connected
      />,
    );
    const log = within(screen.getByRole('log'));
    expect(log.getByText('Sending...')).toBeTruthy();
    expect(log.getByText('Sending... the server is busy, trying again')).toBeTruthy();
  });

  it('in the widget, while the connection is down a pending message waits for the connection', () => {
    render(<ChatLog messages={[]} pending={[...pending, ...retrying]} failed={[]} connected={false} />);
    const log = within(screen.getByRole('log', { name: 'Chat messages' }));
    expect(log.getAllByText('Sending... waiting for the connection')).toHaveLength(2);
  });
});
