import { DEPARTMENT_PATHS, WEEKDAYS } from '../../src/protocol';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

/**
 * Outside the department's hours the widget says the desk is closed and when it opens (issue 13),
 * instead of queueing a patron nobody will answer; an admin set the hours over the Administration API.
 */
test('outside hours of service the widget says closed and names the day it opens', async ({
  deskbell,
  desk,
  request,
}, testInfo) => {
  // Someone is Online: it is the hours that close the desk, not the lack of a librarian.
  const alice = await desk.operator('alice');
  await alice.logIn();
  await alice.setStatus('Online');

  const login = await request.post(`${deskbell.url}/api/login`, {
    data: { username: 'dana', password: 'deskbell-demo' },
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  expect(
    (await request.put(`${deskbell.url}${DEPARTMENT_PATHS.timeZone}`, { headers, data: { timeZone: 'UTC' } })).ok(),
  ).toBe(true);
  // Open only on the weekday two days from now (UTC), 9 to 5.
  const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
  const openDay = WEEKDAYS[(inTwoDays.getUTCDay() + 6) % 7];
  const weekly = Object.fromEntries(
    WEEKDAYS.map((day) => [day, day === openDay ? [{ open: '09:00', close: '17:00' }] : []]),
  );
  const saved = await request.patch(`${deskbell.url}${DEPARTMENT_PATHS.department('general-reference')}`, {
    headers,
    data: { hours: { weekly, closedDates: [] } },
  });
  expect(saved.ok()).toBe(true);

  const patron = await desk.patron();
  await patron.openPanel();
  const weekday = inTwoDays.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  await expect(
    patron.frame.getByRole('heading', { name: `The desk is closed; it opens ${weekday} 9:00` }),
  ).toBeVisible();
  await expect(patron.form).toHaveCount(0);
  await saveScreenshot(patron.page, 'widget-desk-closed', testInfo);

  // Hours back to always open: "Check again" offers the form.
  await request.patch(`${deskbell.url}${DEPARTMENT_PATHS.department('general-reference')}`, {
    headers,
    data: { hours: null },
  });
  await patron.frame.getByRole('button', { name: 'Check again' }).click();
  await expect(patron.form).toBeVisible();
});
