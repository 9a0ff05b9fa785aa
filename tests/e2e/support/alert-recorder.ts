import type { BrowserContext, Page } from '@playwright/test';

/** A pop-up the console asked the browser for: `new Notification(title, { body, tag })`. */
export interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
}

/** One `play()` on an audio or video element, with what it was about to play. */
export interface RecordedPlay {
  src: string;
  muted: boolean;
}

export interface RecordedAlerts {
  notifications: RecordedNotification[];
  plays: RecordedPlay[];
}

declare global {
  interface Window {
    __deskbellAlerts?: RecordedAlerts;
  }
}

/**
 * Runs in the page before any of its scripts: wraps the browser's Notification
 * constructor and HTMLMediaElement.prototype.play so each call is written down
 * and then passed on to the real one. The console's web desktop bridge cannot
 * tell the difference; the test reads the record back.
 */
function installAlertRecorder(): void {
  const record: RecordedAlerts = { notifications: [], plays: [] };
  window.__deskbellAlerts = record;

  const RealNotification = window.Notification;
  if (typeof RealNotification === 'function') {
    class RecordingNotification extends RealNotification {
      constructor(title: string, options?: NotificationOptions) {
        record.notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
        super(title, options);
      }
    }
    window.Notification = RecordingNotification;
  }

  const realPlay = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
    record.plays.push({ src: this.currentSrc || this.src, muted: this.muted });
    return realPlay.call(this);
  };
}

/** Pop-ups allowed and every pop-up and sound recorded, for every page of the context. */
export async function recordAlerts(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(['notifications'], { origin });
  await context.addInitScript(installAlertRecorder);
}

/** What the page has asked for so far (empty lists if the recorder is not installed). */
export async function alertsOf(page: Page): Promise<RecordedAlerts> {
  return page.evaluate(() => window.__deskbellAlerts ?? { notifications: [], plays: [] });
}
