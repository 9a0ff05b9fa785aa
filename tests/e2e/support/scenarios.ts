import { expect } from '@playwright/test';
import type { Desk } from './fixtures';
import type { OperatorConsole } from './operator-console';
import type { PatronWidget, PrechatAnswers } from './patron-widget';

/** The patron most tests use: every pre-chat field filled in. */
export const PAT: Required<PrechatAnswers> = {
  question: 'Where do you keep the local history atlases?',
  name: 'Pat Reader',
  email: 'pat.reader@example.org',
  libraryCard: '2910 0042 1337',
};

/**
 * Alice is Online, the patron has asked from the demo page, and Alice has
 * claimed the chat: the patron sees who is answering.
 */
export async function claimedChat(
  desk: Desk,
  answers: PrechatAnswers = PAT,
): Promise<{ alice: OperatorConsole; patron: PatronWidget; patronName: string }> {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const patron = await desk.patron();
  await patron.openPanel();
  await patron.startChat(answers);
  // A patron without a name is "Patron NNNN" (src/domain/patron-label.ts): read it off their Patron Chats row.
  const patronName =
    answers.name ??
    (await alice.patronChats
      .locator('li[data-chat-id]')
      .filter({ hasText: answers.question })
      .locator('button.patron-name')
      .innerText());
  await alice.claim(patronName);
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();
  return { alice, patron, patronName };
}

/** A patron who gives only a name opens the widget and asks "<name>'s question about <topic>". */
export async function namedPatronAsks(desk: Desk, name: string, topic: string): Promise<PatronWidget> {
  const patron = await desk.patron();
  await patron.openPanel();
  await patron.startChat({ question: `${name}'s question about ${topic}`, name });
  return patron;
}
