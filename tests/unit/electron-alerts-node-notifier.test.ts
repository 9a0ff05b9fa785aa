import { describe, expect, it } from 'vitest';
import { createNodeNotifierAdapter } from '../../electron/main/alerts/node-notifier-adapter';
import { systemNotice } from '../../electron/main/alerts/system-notice';

/** node-notifier's notify(), recorded; it answers the way the real one does on each outcome. */
function fakeNotifier(answer: Error | string | null = '') {
  const requests: Record<string, unknown>[] = [];
  return {
    requests,
    module: {
      notify(options: Record<string, unknown>, callback: (error: Error | string | null, response: string) => void) {
        requests.push(options);
        setImmediate(() => callback(answer, ''));
        return undefined;
      },
    },
  };
}

const NOTICE = systemNotice({
  chatId: 'c1',
  patronName: 'Ada <Lovelace>',
  departmentName: 'Research Help',
  preview: 'Engines & looms?',
});

const options = { appName: 'Deskbell', appId: 'org.deskbell.operator', iconPath: '/app/assets/tray/online@2x.png' };

describe('the OS notification for a new patron chat', () => {
  it('on Linux stays on screen until dismissed and shows a patron\'s "<" and "&" as text', async () => {
    const { module, requests } = fakeNotifier('');
    await createNodeNotifierAdapter({ ...options, platform: 'linux' }, module).notify(NOTICE);
    expect(requests).toEqual([
      {
        title: 'New patron chat — Research Help',
        message: 'Ada &lt;Lovelace&gt;: Engines &amp; looms?',
        timeout: 0,
        'app-name': 'Deskbell',
        category: 'im.received',
        urgency: 'normal',
        icon: '/app/assets/tray/online@2x.png',
      },
    ]);
  });

  it('on Windows is tied to the installed app id, and on macOS stays in Notification Center; neither plays a sound', async () => {
    const windows = fakeNotifier(null);
    await createNodeNotifierAdapter({ ...options, platform: 'win32' }, windows.module).notify(NOTICE);
    expect(windows.requests[0]).toMatchObject({ appID: 'org.deskbell.operator', sound: false, wait: false });
    const mac = fakeNotifier(null);
    await createNodeNotifierAdapter({ ...options, platform: 'darwin' }, mac.module).notify(NOTICE);
    expect(mac.requests[0]).toMatchObject({
      timeout: false,
      sound: false,
      message: 'Ada <Lovelace>: Engines & looms?',
    });
  });

  it('reports a notification the OS refused with a clear message', async () => {
    const { module } = fakeNotifier(new Error('notify-send: not found'));
    await expect(createNodeNotifierAdapter({ ...options, platform: 'linux' }, module).notify(NOTICE)).rejects.toThrow(
      'The system notification could not be shown: notify-send: not found',
    );
  });
});
