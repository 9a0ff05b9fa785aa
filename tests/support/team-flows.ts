import type { Ack, ErrorCode } from '../../src/protocol/ack';
import { ask, dataOf, signIn, type SignedInOperator } from './clients';
import { goOnline, patronAsks, type StartedChat } from './flows';

/** A patron's chat that `operator` has already claimed. */
export async function claimedChat(
  baseUrl: string,
  operator: SignedInOperator,
  question = 'Do you have old maps of the harbour?',
): Promise<StartedChat> {
  const started = await patronAsks(baseUrl, { question });
  dataOf(await ask(operator.socket, 'chat:claim', { chatId: started.chatId }));
  return started;
}

/** Signs in and goes Online: a colleague who can take transfers. */
export async function onlineOperator(baseUrl: string, username: string): Promise<SignedInOperator> {
  const operator = await signIn(baseUrl, username);
  await goOnline(operator.socket);
  return operator;
}

/** The refusal's code, or a test failure when the server said yes. */
export function codeOf(ack: Ack<unknown>): ErrorCode {
  if (ack.ok) throw new Error('expected a refusal, but the server said yes');
  return ack.error.code;
}
