import { randomUUID } from 'node:crypto';
import type { StartChatRequest } from '../../src/protocol/requests';
import { ask, connectPatron, type ConnectOptions, dataOf, type OperatorClient, type PatronClient } from './clients';

/** A patron's browser as the widget would present it. */
export const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

export interface StartedChat {
  patron: PatronClient;
  chatId: string;
  resumeToken: string;
}

/** A patron opens the widget and asks a question (General Reference unless told otherwise). */
export async function patronAsks(
  baseUrl: string,
  request: Partial<StartChatRequest> = {},
  options: ConnectOptions = {},
): Promise<StartedChat> {
  const patron = await connectPatron(baseUrl, { headers: { 'user-agent': FIREFOX_ON_WINDOWS }, ...options });
  const started = dataOf(
    await ask(patron, 'chat:start', {
      departmentId: 'general-reference',
      question: 'Where can I find books on local history?',
      ...request,
    }),
  );
  return { patron, chatId: started.chat.id, resumeToken: started.resumeToken };
}

export async function goOnline(operator: OperatorClient): Promise<void> {
  dataOf(await ask(operator, 'status:set', { status: 'online' }));
}

/** A fresh client-made message id, as the outbox makes them. */
export function messageId(): string {
  return randomUUID();
}
