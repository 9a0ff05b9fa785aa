import { describe, expect, it } from 'vitest';
import { SendPipeline } from '../../src/client/send-pipeline';
import { fail, ok, type Ack } from '../../src/protocol/ack';

interface Reply {
  id: string;
  chatId: string;
  body: string;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function harness() {
  const answers: Array<(ack: Ack<string>) => void> = [];
  const changed: string[] = [];
  const delivered: string[] = [];
  const pipeline = new SendPipeline<Reply, string>({
    keyOf: (reply) => reply.chatId,
    emit: () => new Promise((resolve) => answers.push(resolve)),
    isConnected: () => true,
    onDelivered: (result) => delivered.push(result),
    onChanged: (chatId) => changed.push(chatId),
  });
  return { pipeline, answers, changed, delivered };
}

describe('the send pipeline behind both patron-chat replies and staff messages', () => {
  it('a reply is pending in its own chat only, and its chat hears when it is stored', async () => {
    const { pipeline, answers, changed, delivered } = harness();
    pipeline.send({ id: 'm1', chatId: 'chat-1', body: 'Hello' });
    expect(pipeline.pending('chat-1')).toEqual([{ id: 'm1', chatId: 'chat-1', body: 'Hello' }]);
    expect(pipeline.pending('chat-2')).toEqual([]);
    answers[0]?.(ok('stored'));
    await settle();
    expect(delivered).toEqual(['stored']);
    expect(pipeline.pending('chat-1')).toEqual([]);
    expect(changed.at(-1)).toBe('chat-1');
  });

  it('a reply refused for good shows with its reason until the librarian dismisses it', async () => {
    const { pipeline, answers, changed } = harness();
    pipeline.send({ id: 'm1', chatId: 'chat-1', body: 'Hello' });
    answers[0]?.(fail('CHAT_ENDED', 'The chat has ended.'));
    await settle();
    expect(pipeline.pending('chat-1')).toEqual([]);
    expect(pipeline.refused('chat-1')).toEqual([
      { id: 'm1', chatId: 'chat-1', body: 'Hello', error: { code: 'CHAT_ENDED', message: 'The chat has ended.' } },
    ]);
    changed.length = 0;
    pipeline.dismissRefused('m1');
    expect(pipeline.refused('chat-1')).toEqual([]);
    expect(changed).toEqual(['chat-1']);
  });
});
