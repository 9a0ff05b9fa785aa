import type { DesktopBridge, NewChatAlert, PresenceSnapshot } from '../../src/protocol';
import chirpUrl from '../../assets/sounds/chirp.wav';
import { throttle } from './chirp-throttle';

/** Chirps closer together than this are dropped. */
const CHIRP_GAP_MS = 4000;
const BASE_TITLE = 'Deskbell';

type AlertListener = Parameters<DesktopBridge['onAlertAction']>[0];

/**
 * The desktop bridge for the browser console: pop-ups through the Notification
 * API, the chirp through an Audio element, the waiting count in the tab title.
 */
export class WebDesktopBridge implements DesktopBridge {
  readonly kind = 'web' as const;
  private readonly notifications = new Map<string, Notification>();
  private readonly listeners = new Set<AlertListener>();
  private readonly audio: HTMLAudioElement | null;
  readonly chirp: () => void;

  constructor() {
    this.audio = typeof Audio === 'undefined' ? null : new Audio(chirpUrl);
    this.chirp = throttle(() => {
      // A browser that has not seen a gesture refuses to play; the pop-up still shows.
      if (this.audio) void playQuietly(this.audio);
    }, CHIRP_GAP_MS);
  }

  /**
   * Asks for pop-up permission and unlocks sound. Browsers allow both only
   * during a user gesture, so the login form calls this on submit.
   */
  prepareAlerts(): void {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
    const audio = this.audio;
    if (audio) {
      // Playing once, muted, inside the gesture lets later chirps play without one.
      audio.muted = true;
      void playQuietly(audio).then(() => {
        audio.pause();
        audio.currentTime = 0;
        audio.muted = false;
      });
    }
  }

  alertNewChat(alert: NewChatAlert): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    this.clearChatAlert(alert.chatId);
    const notification = new Notification(`New chat: ${alert.patronName}`, {
      body: `${alert.departmentName}: ${alert.preview}${alert.note ? `\n${alert.note}` : ''}`,
      tag: `deskbell-chat-${alert.chatId}`,
      requireInteraction: true,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
      for (const listener of this.listeners) listener({ chatId: alert.chatId, action: 'preview' });
    };
    notification.onclose = () => {
      if (this.notifications.get(alert.chatId) === notification) this.notifications.delete(alert.chatId);
    };
    this.notifications.set(alert.chatId, notification);
  }

  clearChatAlert(chatId: string): void {
    this.notifications.get(chatId)?.close();
    this.notifications.delete(chatId);
  }

  reportPresence(presence: PresenceSnapshot): void {
    document.title = presence.waiting > 0 ? `(${presence.waiting}) ${BASE_TITLE}` : BASE_TITLE;
  }

  onAlertAction(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** `play()` rejects without a user gesture (and some engines return nothing or throw); none of that is an error here. */
async function playQuietly(audio: HTMLAudioElement): Promise<void> {
  try {
    await audio.play();
  } catch {
    // Autoplay refused or no audio device: the pop-up and the list still show the chat.
  }
}
