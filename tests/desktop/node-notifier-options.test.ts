/**
 * What the node-notifier adapter asks of each operating system's helper,
 * with a fake in node-notifier's place: only macOS and Windows runs could
 * show these for real (Linux is shown for real in os-notification.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { createNodeNotifierAdapter } from '../../electron/main/alerts/node-notifier-adapter';

type Callback = (error: Error | string | null, response: string) => void;

/** Records each request and answers the way node-notifier does: (stderr or Error, stdout). */
function fakeNotifier(answer: Error | string | null = '') {
  const requests: Array<Record<string, unknown>> = [];
  return {
    requests,
    notify(options: Record<string, unknown>, callback: Callback) {
      requests.push(options);
      queueMicrotask(() => callback(answer, ''));
    },
  };
}

const alert = { id: 'chat-1', title: 'New patron chat — General Reference', message: 'Ada: Maps & <atlases>?' };
const packagedIcon = '/opt/Deskbell/resources/app.asar/assets/tray/online@2x.png';

describe('the OS notification the node-notifier adapter asks for', () => {
  it('on Linux: never expires, names Deskbell, and shows markup characters as text', async () => {
    const fake = fakeNotifier();
    const adapter = createNodeNotifierAdapter(
      { appName: 'Deskbell', appId: 'org.deskbell.operator', platform: 'linux' },
      fake,
    );

    await adapter.notify(alert);

    expect(fake.requests).toEqual([
      {
        title: 'New patron chat — General Reference',
        message: 'Ada: Maps &amp; &lt;atlases&gt;?',
        timeout: 0,
        'app-name': 'Deskbell',
        category: 'im.received',
        urgency: 'normal',
      },
    ]);
  });

  it('on macOS: plain text, no sound of its own (Deskbell chirps), no waiting for a click', async () => {
    const fake = fakeNotifier();
    const adapter = createNodeNotifierAdapter(
      { appName: 'Deskbell', appId: 'org.deskbell.operator', platform: 'darwin', iconPath: '/Applications/x.png' },
      fake,
    );

    await adapter.notify(alert);

    expect(fake.requests).toEqual([
      {
        title: alert.title,
        message: 'Ada: Maps & <atlases>?',
        timeout: false,
        wait: false,
        sound: false,
        icon: '/Applications/x.png',
      },
    ]);
  });

  it('on Windows: the toast belongs to the installed app id', async () => {
    const fake = fakeNotifier();
    const adapter = createNodeNotifierAdapter(
      { appName: 'Deskbell', appId: 'org.deskbell.operator', platform: 'win32' },
      fake,
    );

    await adapter.notify(alert);

    expect(fake.requests[0]).toMatchObject({ appID: 'org.deskbell.operator', wait: false, sound: false });
    expect(fake.requests[0]).not.toHaveProperty('app-name');
  });

  it('points the notification at the unpacked copy of an icon packed inside app.asar', async () => {
    const fake = fakeNotifier();
    const adapter = createNodeNotifierAdapter(
      { appName: 'Deskbell', appId: 'org.deskbell.operator', platform: 'linux', iconPath: packagedIcon },
      fake,
    );

    await adapter.notify(alert);

    expect(fake.requests[0]?.icon).toBe('/opt/Deskbell/resources/app.asar.unpacked/assets/tray/online@2x.png');
  });

  it('treats notify-send’s warnings on stderr as shown, and a real failure as an error', async () => {
    const warned = createNodeNotifierAdapter(
      { appName: 'Deskbell', appId: 'org.deskbell.operator', platform: 'linux' },
      fakeNotifier('GLib-WARNING: something harmless'),
    );
    await expect(warned.notify(alert)).resolves.toBeUndefined();

    const failed = createNodeNotifierAdapter(
      { appName: 'Deskbell', appId: 'org.deskbell.operator', platform: 'linux' },
      fakeNotifier(new Error('notify-send must be installed on the system.')),
    );
    await expect(failed.notify(alert)).rejects.toThrow(
      'The system notification could not be shown: notify-send must be installed on the system.',
    );
  });
});
