import { escalationPath } from '../../src/protocol/escalation';
import { scanForAccessibility, describe as describeViolation } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

/**
 * The supervisor's live desk (issue 13), worked as a shift would: the desk is
 * dark at opening and Sam is alarmed; Alice comes Online and the alarm goes;
 * three patrons wait and one leaves; Sam watches Alice's chat and whispers
 * (the patron never sees it), reassigns a waiting chat to Bob, and sets Bob's
 * forgotten Online to Away. Then a chat nobody claims climbs the ladder: Sam
 * is alerted past T2, the patron is offered a follow-up past T3 and leaves
 * one, and the Desk view lists it.
 */
test.describe('the supervisor’s Desk view', () => {
  test.use({ deskbellEnv: { DESKBELL_DARK_DESK_SECONDS: '3' } });

  test('dark-desk alarm, watch and whisper, reassign, a colleague’s status', async ({ desk }, testInfo) => {
    test.setTimeout(120_000);
    const sam = await desk.operator('sam');
    await sam.logIn();
    // Nobody is Online in hours (the demo's departments are always open): after 3 s the desk is dark.
    const alarm = sam.page.locator('[data-desk-alarm="general-reference"]');
    await expect(alarm).toContainText('Dark desk: General Reference.');
    await expect
      .poll(async () => (await sam.alerts()).notifications.map((n) => n.title))
      .toContain('Desk alarm from General Reference');
    await sam.page.getByRole('button', { name: 'Desk', exact: true }).click();
    const departments = sam.page.getByRole('region', { name: 'Departments' });
    await expect(departments.locator('tr[data-department="general-reference"]')).toHaveAttribute(
      'data-coverage',
      'alarm',
    );
    await saveScreenshot(sam.page, 'desk-view-dark-desk', testInfo);

    const alice = await desk.operator('alice');
    await alice.logInOnline();
    await expect(alarm).toHaveCount(0);
    await expect(departments.locator('tr[data-department="general-reference"]')).toHaveAttribute(
      'data-coverage',
      'covered',
      { timeout: 20_000 },
    );
    await expect(departments.locator('tr[data-department="general-reference"]')).toContainText('Alice');

    const patrons = [];
    for (const name of ['Pat One', 'Pat Two', 'Pat Three']) {
      const patron = await desk.patron();
      await patron.openPanel();
      await patron.startChat({ question: `${name} asks about parish maps`, name });
      patrons.push(patron);
    }
    const waiting = sam.page.getByRole('region', { name: /Waiting chats/ });
    await expect(waiting.locator('tr[data-chat-id]')).toHaveCount(3);
    // Longest first.
    await expect(waiting.locator('tbody th')).toHaveText(['Pat One', 'Pat Two', 'Pat Three']);
    await patrons[1]!.close();
    await expect(waiting.locator('tr[data-chat-id]').filter({ hasText: 'Pat Two' })).toContainText('patron away');
    await alice.claim('Pat One');
    const active = sam.page.getByRole('region', { name: /Active chats/ });
    await expect(active.locator('tr[data-chat-id]').filter({ hasText: 'Pat One' })).toContainText('Alice');
    await expect(
      sam.page.getByRole('region', { name: 'Operators' }).locator('tr').filter({ hasText: 'Alice' }),
    ).toContainText('1');

    await active.getByRole('button', { name: 'Watch the chat with Pat One' }).click();
    const watched = sam.openChat('Pat One');
    await expect(watched.locator('[data-staff-notes]')).toContainText('Sam is watching this chat.');
    await expect(alice.openChat('Pat One').locator('[data-staff-notes]')).toContainText('Sam is watching this chat.');
    await watched
      .getByRole('textbox', { name: 'Whisper to the operators of this chat' })
      .fill('Try the 1850 tithe map.');
    await watched.getByRole('button', { name: 'Whisper' }).click();
    await expect(alice.openChat('Pat One').locator('[data-note-kind="whisper"]')).toContainText(
      'Whisper from Sam: Try the 1850 tithe map.',
    );
    await alice.reply('We have the tithe map of 1850.');
    await expect(patrons[0]!.frame.getByText('We have the tithe map of 1850.')).toBeVisible();
    expect((await patrons[0]!.messageBodies()).join('\n')).not.toContain('Try the 1850');
    expect((await patrons[0]!.messageBodies()).join('\n')).not.toContain('watching');
    await saveScreenshot(alice.page, 'desk-whisper-in-operator-console', testInfo);

    const bob = await desk.operator('bob');
    await bob.logInOnline();
    await sam.page.getByRole('button', { name: 'Desk', exact: true }).click();
    await waiting.getByRole('button', { name: 'Reassign the chat with Pat Three' }).click();
    const dialog = sam.page.getByRole('dialog', { name: 'Reassign chat' });
    await dialog.getByRole('button', { name: /Bob/ }).click();
    await expect(bob.page.getByRole('list', { name: 'My chats' })).toContainText('Pat Three');
    await expect(active.locator('tr[data-chat-id]').filter({ hasText: 'Pat Three' })).toContainText('Bob');

    // Bob forgot he is Online at closing time: Sam sets him Away, and Bob's console says so.
    await sam.page.getByRole('combobox', { name: 'Status of Bob' }).selectOption('away');
    await expect(bob.page.getByRole('combobox', { name: 'Status' })).toHaveValue('away');
    await saveScreenshot(sam.page, 'desk-view', testInfo);
    const scan = await scanForAccessibility(sam.page, 'desk-view', testInfo);
    expect(scan.blocking.map(describeViolation)).toEqual([]);

    // Alice, the last one Online, steps away in staffed hours: the desk goes dark and Sam hears it again.
    await alice.setStatus('Away');
    await expect(alarm).toContainText('Dark desk: General Reference.', { timeout: 15_000 });
    await expect(departments.locator('tr[data-department="general-reference"]')).toHaveAttribute(
      'data-coverage',
      'alarm',
    );
    // The alert is the supervisors' only: no operator console shows it.
    await expect(bob.page.locator('[data-desk-alarm]')).toHaveCount(0);
    // Sam reloads: the alarm that stands is shown again, not lost with the page.
    await sam.page.reload();
    await expect(sam.connection).toHaveAttribute('data-connection-state', 'connected');
    await expect(sam.page.locator('[data-desk-alarm="general-reference"]')).toContainText(
      'Dark desk: General Reference.',
    );
    await sam.page.locator('[data-desk-alarm="general-reference"]').getByRole('button', { name: 'Dismiss' }).click();
    await expect(sam.page.locator('[data-desk-alarm="general-reference"]')).toHaveCount(0);
  });
});

test('a chat nobody claims climbs the ladder: supervisors alerted past T2, the patron leaves a follow-up past T3', async ({
  deskbell,
  desk,
}, testInfo) => {
  test.setTimeout(120_000);
  const sam = await desk.operator('sam');
  await sam.logIn();
  // On duty, not answering patrons: the supervisors' own status.
  await sam.setStatus('Internal');
  // Dana, the admin, sets a short ladder for General Reference (a script has its bearer token).
  const login = await fetch(`${deskbell.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dana', password: 'deskbell-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const put = await fetch(`${deskbell.url}${escalationPath('general-reference')}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ladder: { t1Seconds: 10, t2Seconds: 20, t3Seconds: 30, backupDepartmentId: null } }),
  });
  expect(put.status).toBe(200);

  // Alice is Online but busy elsewhere: she hears the chat again past T1, and does not claim it.
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const patron = await desk.patron();
  await patron.openPanel();
  await patron.startChat({ question: 'Do you keep the 1911 census?', name: 'Jo Waiting' });
  await sam.page.getByRole('button', { name: 'Desk', exact: true }).click();
  const row = sam.page.getByRole('region', { name: /Waiting chats/ }).locator('tr[data-chat-id]');
  await expect(row).toHaveAttribute('data-wait', 'warning', { timeout: 20_000 });
  await expect(row).toHaveAttribute('data-wait', 'urgent', { timeout: 20_000 });
  await expect(row).toContainText('past T2: supervisors alerted');
  await expect
    .poll(async () => (await sam.alerts()).notifications.map((n) => n.body).join('\n'))
    .toContain('Nobody has claimed it for');
  await saveScreenshot(sam.page, 'desk-view-escalated', testInfo);
  // Alice's pop-up came back past T1 (a second notification for the same chat, "Still waiting after ...").
  await expect
    .poll(async () => (await alice.alerts()).notifications.map((n) => n.body).join('\n'))
    .toContain('Still waiting after');

  const offer = patron.frame.locator('[data-follow-up-offer]');
  await expect(offer).toContainText('Everyone is busy right now.', { timeout: 20_000 });
  await saveScreenshot(patron.page, 'widget-follow-up-offer', testInfo);
  await offer.getByRole('button', { name: 'Leave my question' }).click();
  await offer.getByRole('textbox', { name: 'Email' }).fill('jo@example.org');
  await offer.getByRole('button', { name: 'Send my question' }).click();
  await expect(patron.frame.getByRole('heading', { name: 'Your question was sent' })).toBeVisible();
  await expect(patron.frame.getByText('A librarian will answer by email to jo@example.org.')).toBeVisible();
  const followUps = sam.page.getByRole('region', { name: /Follow-ups to answer by email/ });
  await expect(followUps.locator('tr[data-follow-up]')).toContainText('Do you keep the 1911 census?');
  await expect(followUps.getByRole('link', { name: 'jo@example.org' })).toHaveAttribute(
    'href',
    /^mailto:jo%40example\.org/,
  );
  await expect(sam.page.getByRole('region', { name: /Waiting chats/ }).locator('tr[data-chat-id]')).toHaveCount(0);
  await saveScreenshot(sam.page, 'desk-view-follow-up', testInfo);
  await followUps.getByRole('button', { name: 'Mark answered' }).click();
  await expect(followUps.locator('tr[data-follow-up]')).toHaveCount(0);
});
