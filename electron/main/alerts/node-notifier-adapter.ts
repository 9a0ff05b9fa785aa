/**
 * The operating system's own notifications (the `alertStyle: 'system'`
 * setting) through node-notifier: notify-send on Linux, Notification Center on
 * macOS, toasts on Windows. An adapter: it only hands the words the alert
 * service chose to the OS. It imports no Electron, so it runs (and is tested
 * under Xvfb + D-Bus + dunst) in plain Node: tests/desktop/os-notification.test.ts.
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import notifier from 'node-notifier';
import type { SystemNotifierPort } from './ports';

/** What the adapter needs to know about the app it speaks for. */
export interface NodeNotifierAdapterOptions {
  /** Shown by the notification daemon as the sender ("Deskbell"). */
  appName: string;
  /** Windows groups toasts by this id; it must be the installer's appId (electron-builder.yml). */
  appId: string;
  /** An absolute path to a PNG shown beside the text (the app icon), if any. */
  iconPath?: string;
  /** process.platform unless a test says otherwise. */
  platform?: NodeJS.Platform;
}

/** The slice of node-notifier's default export the adapter calls. */
type NotifyCallback = (error: Error | string | null, response: string) => void;
interface NotifierModule {
  notify(options: Record<string, unknown>, callback: NotifyCallback): unknown;
}

/**
 * Creates the SystemNotifierPort. On Linux each alert stays on screen until
 * the librarian dismisses it: an alert that vanishes after a few seconds is
 * how patrons get missed. node-notifier cannot withdraw a notification, so a
 * claimed chat's notification stays until dismissed too.
 */
export function createNodeNotifierAdapter(
  options: NodeNotifierAdapterOptions,
  module: NotifierModule = notifier as unknown as NotifierModule,
): SystemNotifierPort {
  const platform = options.platform ?? process.platform;
  const vendorPath = unpackedVendorPath(platform);
  return {
    notify(n) {
      const request = notifierRequest(n, platform, options, vendorPath);
      return new Promise<void>((resolve, reject) => {
        module.notify(request, (error) => {
          // On Linux the callback's first argument is notify-send's stderr, '' on success; a real failure is an Error.
          if (error instanceof Error) reject(new Error(`The system notification could not be shown: ${error.message}`));
          else resolve();
        });
      });
    },
  };
}

/**
 * node-notifier passes most options straight to the platform's helper as
 * flags, so each platform gets only the options its helper knows.
 */
function notifierRequest(
  n: { title: string; message: string },
  platform: NodeJS.Platform,
  options: NodeNotifierAdapterOptions,
  vendorPath: string | null,
): Record<string, unknown> {
  const icon = options.iconPath ? { icon: outsideAsar(options.iconPath) } : {};
  const helper = vendorPath ? { customPath: vendorPath } : {};
  if (platform === 'darwin') {
    // timeout false: terminal-notifier returns at once; Notification Center keeps the alert. Deskbell plays its own chirp.
    return { title: n.title, message: n.message, timeout: false, wait: false, sound: false, ...icon, ...helper };
  }
  if (platform === 'win32') {
    // Toasts land in the Action Center and stay there; appID ties them to the installed app.
    return { title: n.title, message: n.message, appID: options.appId, wait: false, sound: false, ...icon, ...helper };
  }
  return {
    title: n.title,
    // Linux notification daemons read the body as markup: a patron's "<" or "&" must stay text.
    message: escapeMarkup(n.message),
    // notify-send's --expire-time 0 means "never expire" (node-notifier's default is 10 s).
    timeout: 0,
    'app-name': options.appName,
    category: 'im.received',
    urgency: 'normal',
    ...icon,
  };
}

/** The characters Pango markup gives meaning to. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The same file as another program sees it. The OS's notification helpers
 * and daemons cannot read inside app.asar, so electron-builder.yml unpacks
 * what they need (node-notifier's helpers, the tray icons) next to it into
 * app.asar.unpacked; outside the packaged app paths are left as they are.
 */
function outsideAsar(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

/** node-notifier's helper program for macOS (terminal-notifier) or Windows (SnoreToast) when packed; Linux uses the system's notify-send. */
function unpackedVendorPath(platform: NodeJS.Platform): string | null {
  const helper =
    platform === 'darwin'
      ? 'vendor/mac.noindex/terminal-notifier.app/Contents/MacOS/terminal-notifier'
      : platform === 'win32'
        ? `vendor/snoreToast/snoretoast-${process.arch === 'x64' || process.arch === 'arm64' ? 'x64' : 'x86'}.exe`
        : null;
  if (!helper) return null;
  const packageDir = dirname(createRequire(import.meta.url).resolve('node-notifier/package.json'));
  const outside = outsideAsar(packageDir);
  return outside === packageDir ? null : join(outside, helper);
}
