import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { REPORT_PATHS, reportSummarySchema, type ReportSummary } from '../../src/protocol/reports';
import { scanForAccessibility, describe as describeViolation } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import type { OperatorConsole } from './support/operator-console';
import type { PatronWidget } from './support/patron-widget';
import { saveScreenshot } from './support/screenshots';

/** Alice answers the patron's chat, replies, ends it and files (or postpones) its analytics entry. */
async function answerAndEnd(alice: OperatorConsole, patron: PatronWidget, name: string, questionType?: string) {
  await alice.claim(name);
  await alice.reply(`Hello ${name}, the parish maps are in Local History.`);
  await expect(patron.frame.getByText(`Hello ${name}`)).toBeVisible();
  await alice.openChat(name).getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  if (questionType) {
    await analytics.getByRole('combobox', { name: 'Question Type' }).selectOption({ label: questionType });
    await analytics.getByRole('button', { name: 'Save' }).click();
  } else {
    await analytics.getByRole('button', { name: 'Later' }).click();
  }
  await expect(analytics).toBeHidden();
}

/** The summary the page asked for next, as the server sent it. */
async function nextSummary(sam: OperatorConsole, act: () => Promise<void>): Promise<ReportSummary> {
  const [response] = await Promise.all([
    sam.page.waitForResponse((response) => response.url().includes(REPORT_PATHS.summary) && response.ok()),
    act(),
  ]);
  return reportSummarySchema.parse(await response.json());
}

/**
 * The centre of a heatmap cell, found from the chart's own axis labels (ECharts draws SVG; the labels
 * of 00:00 and 21:00 span the hours, each weekday's label sits on its row).
 */
async function heatmapCellPoint(chart: Locator, weekday: number, hour: number) {
  const centre = async (text: string) => {
    const box = await chart
      .locator('text')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .first()
      .boundingBox();
    if (!box) throw new Error(`no axis label ${text}`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const first = await centre('00:00');
  const last = await centre('21:00');
  const row = await centre(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][weekday - 1]!);
  return { x: first.x + ((last.x - first.x) * hour) / 21, y: row.y };
}

test('a supervisor reads the month’s reports, follows a heatmap cell to a transcript, and exports the chats', async ({
  desk,
}, testInfo) => {
  test.setTimeout(150_000);
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const patrons: PatronWidget[] = [];
  for (const name of ['Pat One', 'Pat Two', 'Pat Three']) {
    const patron = await desk.patron();
    await patron.openPanel();
    await patron.startChat({ question: `${name} asks about parish maps`, name });
    patrons.push(patron);
  }
  await answerAndEnd(alice, patrons[0]!, 'Pat One', 'Directional');
  await answerAndEnd(alice, patrons[1]!, 'Pat Two');
  // Pat Three gives up before anyone answers: a missed chat.
  await patrons[2]!.frame.getByRole('button', { name: 'End chat' }).click();
  await patrons[2]!.frame.getByRole('button', { name: 'Yes, end chat' }).click();
  await expect(alice.waitingRow('Pat Three')).toHaveCount(0);

  // Alice answers chats but does not run the desk: no Reports, and the server says no too.
  await expect(alice.page.getByRole('button', { name: 'Reports', exact: true })).toHaveCount(0);
  const refused = await alice.page.request.get(
    `${new URL(alice.page.url()).origin}${REPORT_PATHS.chatsCsv}?from=2026-01-01&to=2026-01-31`,
  );
  expect(refused.status()).toBe(403);

  const sam = await desk.operator('sam');
  await sam.logIn();
  const opened = await nextSummary(sam, () => sam.page.getByRole('button', { name: 'Reports', exact: true }).click());
  const page = sam.page.getByRole('region', { name: 'Reports' });
  await expect(page.getByRole('heading', { name: 'Reports', level: 2 })).toBeFocused();
  expect(opened.totals.chats).toBe(3);
  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals.locator('[data-total="Chats"]')).toContainText('3');
  await expect(totals.locator('[data-total="Missed"]')).toContainText('1');
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-report-figure="heatmap"] [role="img"]').first()).toHaveAttribute(
    'aria-label',
    /When chats arrive, by weekday and hour: 3 chats/,
  );
  await saveScreenshot(sam.page, 'reports-page', testInfo);
  const scan = await scanForAccessibility(sam.page, 'reports-page', testInfo);
  expect(scan.blocking.map(describeViolation)).toEqual([]);

  // Over 30 days this weekday-hour was staffed once in four or five: the hour the chats came in stands out.
  const heatmapFigure = page.locator('[data-report-figure="heatmap"]');
  await expect(heatmapFigure).toContainText(/nobody was Online for most of these hours \(\d+ hours?\)/);
  await heatmapFigure.scrollIntoViewIfNeeded();
  await saveScreenshot(sam.page, 'reports-heatmap-staffing-gap', testInfo);

  // A range with nothing in it says so; Last 7 days finds the three again.
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  const empty = await nextSummary(sam, () => page.getByRole('button', { name: 'Apply' }).click());
  expect(empty.totals.chats).toBe(0);
  await expect(page.getByText('No chats ended in this range.')).toBeVisible();
  const week = await nextSummary(sam, () => page.getByRole('button', { name: 'Last 7 days' }).click());
  expect(week.totals.chats).toBe(3);
  await expect(totals.locator('[data-total="Chats"]')).toContainText('3');

  // The cell the chats arrived in lists them; Pat One's opens her transcript.
  const busiest = week.heatmap.filter((cell) => cell.chats > 0).sort((a, b) => b.chats - a.chats)[0]!;
  const arrivals = page.locator('[data-report-figure="heatmap"] [role="img"]').first();
  await arrivals.scrollIntoViewIfNeeded();
  const point = await heatmapCellPoint(arrivals, busiest.weekday, busiest.hour);
  await sam.page.mouse.click(point.x, point.y);
  const drill = sam.page.getByRole('dialog', { name: /^Chats: / });
  await expect(drill.locator('[data-drill-count]')).toHaveAttribute('data-drill-count', String(busiest.chats));
  await expect(drill.getByRole('button', { name: 'Pat One', exact: true })).toBeVisible();
  await saveScreenshot(sam.page, 'reports-heatmap-cell-chats', testInfo);
  await drill.getByRole('button', { name: 'Pat One', exact: true }).click();
  const transcript = sam.page.getByRole('region', { name: 'Transcript: Pat One' });
  await expect(transcript.getByRole('log', { name: 'Transcript' })).toContainText('Hello Pat One');
  await saveScreenshot(sam.page, 'reports-transcript-from-report', testInfo);
  await transcript.getByRole('button', { name: 'Back to Reports' }).click();
  await expect(drill).toBeVisible();
  await drill.getByRole('button', { name: 'Close' }).click();

  // The same numbers as a table, reached by keyboard: the cell's count is a button.
  await heatmapFigure.getByRole('button', { name: 'Show table' }).click();
  const table = heatmapFigure.getByRole('table', { name: /Chats by weekday and hour/ });
  await expect(table.getByRole('columnheader', { name: '23:00' })).toBeAttached();
  await table.scrollIntoViewIfNeeded();
  await saveScreenshot(sam.page, 'reports-heatmap-table', testInfo);
  const tableScan = await scanForAccessibility(sam.page, 'reports-heatmap-table', testInfo);
  expect(tableScan.blocking.map(describeViolation)).toEqual([]);

  // One CSV row per chat, as many as the page counts.
  const [download] = await Promise.all([
    sam.page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`deskbell-chats-${week.from}-to-${week.to}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  const rows = csv.trim().split(/\r?\n/);
  expect(rows.length - 1).toBe(week.totals.chats);
  expect(csv).toContain('Pat One');
});
