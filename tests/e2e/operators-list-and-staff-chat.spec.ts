import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../support/run-main';
import { expect, test } from './support/fixtures';
import { OperatorConsole } from './support/operator-console';
import { saveScreenshot } from './support/screenshots';

/** The row for a colleague on the Operators list. */
function operatorRow(console: OperatorConsole, name: string) {
  return console.page
    .getByRole('list', { name: 'Operators' })
    .getByRole('listitem')
    .filter({ has: console.page.getByRole('button', { name, exact: true }) });
}

test('the Operators list shows a colleague’s status as it changes, and Offline once they are gone', async ({
  browser,
}) => {
  // A server of its own with a one-second presence grace, so "gone" turns Offline quickly.
  const dataDir = await mkdtemp(join(tmpdir(), 'deskbell-e2e-operators-'));
  const server = runMain(['--demo', '--port', '0', '--data-dir', dataDir], { DESKBELL_PRESENCE_GRACE_SECONDS: '1' });
  const opened: OperatorConsole[] = [];
  try {
    const url = await server.listening();
    const alice = await OperatorConsole.open(browser, url, 'alice');
    const bob = await OperatorConsole.open(browser, url, 'bob');
    opened.push(alice, bob);
    await alice.logInOnline();
    await bob.logInOnline();

    // Updates arrive by push (no reload); speed is not asserted here (no wall-clock assertions in tests).
    const bobRow = operatorRow(alice, 'Bob');
    await expect(bobRow).toHaveAttribute('data-dot', 'green');
    await expect(bobRow).toContainText('Online');

    await bob.setStatus('Away');
    await expect(bobRow).toHaveAttribute('data-dot', 'yellow');
    await expect(bobRow).toContainText('Away');

    await bob.setStatus('Internal');
    await expect(bobRow).toHaveAttribute('data-dot', 'blue');
    await expect(bobRow).toContainText('Internal');

    // Bob closes his console: after the grace period colleagues see him Offline.
    await bob.close();
    opened.pop();
    await expect(bobRow).toHaveAttribute('data-dot', 'red', { timeout: 10_000 });
    await expect(bobRow).toContainText('Offline');
  } finally {
    await Promise.all(opened.map((person) => person.close()));
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('two librarians chat with each other, and the staff chat history survives a reload', async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice');
  const bob = await desk.operator('bob');
  await alice.logInOnline();
  await bob.logInOnline();

  await operatorRow(alice, 'Bob').getByRole('button', { name: 'Bob', exact: true }).click();
  const aliceChat = alice.page.getByRole('region', { name: 'Staff chat with Bob' });
  await expect(aliceChat).toContainText('Staff chats are archived');
  await alice.reply('Bob, do you know where the map collection moved?');

  await operatorRow(bob, 'Alice').getByRole('button', { name: 'Alice', exact: true }).click();
  const bobChat = bob.page.getByRole('region', { name: 'Staff chat with Alice' });
  await expect(bobChat.getByRole('log', { name: 'Messages' })).toContainText('map collection moved');
  await bob.reply('Second floor, east wing.');

  // Alice sees Bob's answer live.
  await expect(aliceChat.getByRole('log', { name: 'Messages' })).toContainText('Second floor, east wing.');
  await saveScreenshot(alice.page, 'console-operators-staff-chat', testInfo);

  await alice.page.reload();
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
  await operatorRow(alice, 'Bob').getByRole('button', { name: 'Bob', exact: true }).click();
  await expect
    .poll(() => alice.messageBodies())
    .toEqual(['Bob, do you know where the map collection moved?', 'Second floor, east wing.']);
});
