import { type BrowserContext } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { PAT } from './support/scenarios';
import { ServerNewsGate } from './support/server-news-gate';

test('when two operators click Claim Chat at the same moment, exactly one wins and the other sees who took it', async ({
  desk,
}) => {
  const gates: ServerNewsGate[] = [];
  const gated = async (context: BrowserContext) => {
    gates.push(await ServerNewsGate.install(context));
  };
  const alice = await desk.operator('alice', gated);
  const bob = await desk.operator('bob', gated);
  await Promise.all([alice.logInOnline(), bob.logInOnline()]);
  const patron = await desk.patron();
  await patron.openPanel();
  await patron.startChat(PAT);

  // Both librarians read the question first (clicking the patron's name previews it without claiming).
  for (const operator of [alice, bob]) {
    await operator.waitingRow(PAT.name).getByRole('button', { name: PAT.name, exact: true }).click();
    await expect(operator.openChat(PAT.name)).toContainText('Waiting to be claimed (preview)');
  }

  // "At the same moment" means neither console has heard of the other's claim when its own goes out.
  // On two busy cores one click can trail the other by a second, so the server's news to both
  // consoles is held back (as a slow network would) until both claims are on the wire and answered.
  for (const gate of gates) gate.hold();
  await Promise.all(
    [alice, bob].map((operator) => operator.openChat(PAT.name).getByRole('button', { name: 'Claim Chat' }).click()),
  );
  for (const gate of gates) {
    await expect.poll(() => gate.sentEvents.filter((name) => name === 'chat:claim').length).toBe(1);
    await expect.poll(() => gate.heldAnswers()).toBeGreaterThanOrEqual(1);
  }
  for (const gate of gates) gate.release();

  // The patron is told who answers: that name is the winner.
  const chattingWith = patron.frame.getByText(/^You're chatting with (Alice|Bob)$/);
  await expect(chattingWith).toBeVisible();
  const winnerName = (await chattingWith.innerText()).replace("You're chatting with ", '');
  const [winner, loser] = winnerName === 'Alice' ? [alice, bob] : [bob, alice];
  test.info().annotations.push({ type: 'claim race', description: `${winnerName} won` });

  await expect(winner.openChat(PAT.name).getByRole('button', { name: 'End Chat' })).toBeVisible();
  await expect(winner.page.getByRole('textbox', { name: 'Reply' })).toBeVisible();
  await expect(winner.page.locator('[data-counter="mine"]')).toContainText('1');
  await expect(winner.openChat(PAT.name).getByRole('alert')).toHaveCount(0);

  // The server refused the second claim, naming the winner; the loser's console says so and offers nothing to do.
  const loserChat = loser.openChat(PAT.name);
  await expect(loserChat.getByRole('alert')).toHaveText(`${winnerName} has already claimed this chat.`);
  await expect(loserChat).toContainText(`Claimed by ${winnerName}`);
  await expect(loserChat.getByRole('button', { name: 'End Chat' })).toHaveCount(0);
  await expect(loserChat.getByRole('button', { name: 'Claim Chat' })).toHaveCount(0);
  await expect(loser.page.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
  await expect(loser.waitingRow(PAT.name)).toHaveCount(0);
  await expect(loser.page.locator('[data-counter="mine"]')).toContainText('0');
});
