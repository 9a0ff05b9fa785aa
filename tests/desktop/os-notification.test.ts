/**
 * The "system notifications" alert style for real: the node-notifier adapter
 * hands a new patron chat to the desktop's notification daemon (dunst, on an
 * Xvfb display with its own D-Bus session), which draws it at the lower right.
 * The daemon counts it and a screenshot shows where it landed.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeNotifierAdapter } from '../../electron/main/alerts/node-notifier-adapter';
import { systemNotice } from '../../electron/main/alerts/system-notice';
import {
  DAEMON_DEFAULT_TIMEOUT_SECONDS,
  drawnBox,
  missingDesktopTools,
  type NotificationDesktop,
  pixelColor,
  SCREEN,
  startNotificationDesktop,
} from './support/notification-desktop';

const missing = missingDesktopTools();
const screenshot = 'reports/screenshots/os-notification.png';
const title =
  missing.length === 0
    ? 'OS notifications for new patron chats (Xvfb + D-Bus + dunst)'
    : `OS notifications for new patron chats: SKIPPED, not installed: ${missing.join(', ')} ` +
      '(apt-get install xvfb dbus-x11 dunst libnotify-bin imagemagick; CI installs them)';

async function eventually<T>(probe: () => T | null): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const value = probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The notification never showed');
}

describe.skipIf(missing.length > 0)(title, () => {
  let desktop: NotificationDesktop;
  const savedEnv = { DISPLAY: process.env.DISPLAY, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS };
  // As setup-alerts.ts makes it: the Online tray icon beside the words.
  const adapter = createNodeNotifierAdapter({
    appName: 'Deskbell',
    appId: 'org.deskbell.operator',
    iconPath: fileURLToPath(new URL('../../assets/tray/online@2x.png', import.meta.url)),
  });

  function useBus(address: string | undefined) {
    // node-notifier runs notify-send with this process's environment: point it at the test desktop.
    if (address === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = address;
  }

  beforeAll(async () => {
    desktop = await startNotificationDesktop();
    process.env.DISPLAY = desktop.env.DISPLAY;
    useBus(desktop.env.DBUS_SESSION_BUS_ADDRESS);
  });

  afterAll(async () => {
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await desktop?.stop();
  });

  beforeEach(() => {
    useBus(desktop.env.DBUS_SESSION_BUS_ADDRESS);
    desktop.dismissAll();
  });

  it('shows a new patron chat as a notification at the lower right of the screen', async () => {
    expect(desktop.displayedCount()).toBe(0);

    await adapter.notify(
      systemNotice({
        chatId: 'chat-atlases',
        patronName: 'Ada Lovelace',
        departmentName: 'General Reference',
        preview: 'Where do you keep the historical atlases?',
        note: null,
      }),
    );

    await eventually(() => (desktop.displayedCount() === 1 ? true : null));
    mkdirSync('reports/screenshots', { recursive: true });
    // dunst draws just after it counts the notification: photograph until something is on screen.
    const box = await eventually(() => {
      desktop.screenshot(screenshot);
      return drawnBox(screenshot);
    });

    // Entirely in the lower-right quadrant, hugging the bottom-right corner (dunst's offset is 24 px).
    expect(box.x).toBeGreaterThanOrEqual(SCREEN.width / 2);
    expect(box.y).toBeGreaterThanOrEqual(SCREEN.height / 2);
    expect(SCREEN.width - (box.x + box.width)).toBeLessThan(60);
    expect(SCREEN.height - (box.y + box.height)).toBeLessThan(60);
    // A real notification card (white, from the daemon's config), not a stray pixel.
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBeGreaterThan(40);
    expect(pixelColor(screenshot, box.x + box.width - 8, box.y + box.height - 8)).toBe('#FFFFFF');
    expect(pixelColor(screenshot, 10, 10)).toBe('#000000');
  });

  it('keeps the alert on screen past the daemon’s own timeout until the librarian dismisses it', async () => {
    await adapter.notify({ id: 'chat-stays', title: 'New patron chat — Research Help', message: 'Grace: Citations?' });
    await eventually(() => (desktop.displayedCount() === 1 ? true : null));

    // The daemon's default expiry for a normal notification has passed: still there.
    await new Promise((resolve) => setTimeout(resolve, (DAEMON_DEFAULT_TIMEOUT_SECONDS + 1.5) * 1000));
    expect(desktop.displayedCount()).toBe(1);

    desktop.dismissAll();
    expect(desktop.displayedCount()).toBe(0);
    // It asked never to expire (node-notifier's own default would be 10 seconds), as Deskbell, as a chat message.
    expect(desktop.history()[0]).toMatchObject({ timeout: 0, appname: 'Deskbell', category: 'im.received' });
  });

  it('shows a patron’s odd characters as text: no shell command runs, no markup applies', async () => {
    const marker = join(tmpdir(), `deskbell-notifier-marker-${process.pid}`);
    const message = `Eve $(touch ${marker}) \`touch ${marker}\` "quoted" <b>bold</b> & co: Hello`;

    await adapter.notify({ id: 'chat-odd', title: 'New patron chat — General Reference', message });
    await eventually(() => (desktop.displayedCount() === 1 ? true : null));
    desktop.dismissAll();

    expect(existsSync(marker)).toBe(false);
    const [shown] = desktop.history();
    expect(shown?.summary).toBe('New patron chat — General Reference');
    // The daemon received the words verbatim, with markup characters escaped so they display as typed.
    expect(shown?.body).toBe(
      `Eve $(touch ${marker}) \`touch ${marker}\` "quoted" &lt;b&gt;bold&lt;/b&gt; &amp; co: Hello`,
    );
  });

  it('reports an error when the desktop has no notification service', async () => {
    useBus('unix:path=/nonexistent/deskbell-test-bus');

    await expect(
      adapter.notify({ id: 'chat-lost', title: 'New patron chat — General Reference', message: 'Nobody listens' }),
    ).rejects.toThrow(/system notification could not be shown/);
  });
});
