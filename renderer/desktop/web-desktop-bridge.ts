import {
  DEFAULT_DESKTOP_SETTINGS,
  desktopSettingsPatchSchema,
  type AlertPermission,
  type DesktopBridge,
  type DesktopSettings,
  type DesktopSettingsPatch,
  type MessageAlert,
  type NewChatAlert,
  type PresenceSnapshot,
  type StoredToken,
  type ShareSource,
} from '../../src/protocol';
import { systemClock } from '../../src/client/timers';
import { ChirpScheduler } from '../../src/domain/chirp-scheduler';
import { MessageSound } from '../../src/domain/message-sound';
import { SOUND_URLS } from './chirp-player';
import {
  browserStorage,
  readSoundSettings,
  WEB_SOUND_SETTINGS_KEY,
  writeSoundSettings,
  type SettingsStorage,
  type SoundSettings,
} from './web-sound-settings';

const BASE_TITLE = 'Deskbell';
/** The browser keeps its cookie; there is no token for script to hold. */
const NO_TOKEN: StoredToken = { token: null, persisted: false };

type AlertListener = Parameters<DesktopBridge['onAlertAction']>[0];
type SettingsListener = Parameters<DesktopBridge['onSettingsChanged']>[0];

export interface WebDesktopBridgeOptions {
  /** Where the sound settings live; `localStorage` by default. */
  storage?: SettingsStorage | null;
}

/**
 * The desktop bridge for the browser console: pop-ups through the Notification
 * API, the chirp through an Audio element, the waiting count in the tab title.
 * Of the desktop's settings only the sound ones mean something in a browser;
 * they live in `localStorage`. Nothing here ever asks the console to change
 * status, reconnect or play a sound: there is no desktop to ask.
 */
export class WebDesktopBridge implements DesktopBridge {
  readonly kind = 'web' as const;
  private readonly notifications = new Map<string, Notification>();
  private readonly listeners = new Set<AlertListener>();
  private readonly settingsListeners = new Set<SettingsListener>();
  private readonly audio: HTMLAudioElement | null;
  private readonly messageAudio: HTMLAudioElement | null;
  /** When the message sound plays: the same rule as the desktop app's main process. */
  private readonly messageSound: MessageSound;
  private readonly storage: SettingsStorage | null;
  private sound: SoundSettings;
  /** When the chirp plays: the same rule as the desktop app's main process. */
  private readonly chirps: ChirpScheduler;

  constructor(options: WebDesktopBridgeOptions = {}) {
    this.storage = options.storage === undefined ? browserStorage() : options.storage;
    this.sound = readSoundSettings(this.storage);
    this.audio = typeof Audio === 'undefined' ? null : new Audio(SOUND_URLS.chirp);
    this.messageAudio = typeof Audio === 'undefined' ? null : new Audio(SOUND_URLS.message);
    this.messageSound = new MessageSound({
      now: () => systemClock.now(),
      sound: () => this.sound,
      play: ({ volume }) => {
        if (!this.messageAudio) return;
        this.messageAudio.volume = volume;
        void playQuietly(this.messageAudio);
      },
    });
    this.chirps = new ChirpScheduler({
      clock: systemClock,
      sound: () => this.sound,
      play: ({ volume }) => {
        if (!this.audio) return;
        this.audio.volume = volume;
        // A browser that has not seen a gesture refuses to play; the pop-up still shows.
        void playQuietly(this.audio);
      },
    });
    // Another tab of the console changed the sound: follow it.
    if (typeof window !== 'undefined') window.addEventListener('storage', this.onStorage);
  }

  /**
   * Asks for pop-up permission and unlocks sound. Browsers allow both only
   * during a user gesture, so the login form calls this on submit.
   */
  prepareAlerts(): void {
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
    // Both sounds, so the message sound plays later without a gesture too.
    for (const audio of [this.audio, this.messageAudio]) {
      if (!audio) continue;
      // Playing once, muted, inside the gesture lets later chirps play without one.
      audio.muted = true;
      void playQuietly(audio).then(() => {
        audio.pause();
        audio.currentTime = 0;
        audio.muted = false;
      });
    }
  }

  /** A new patron chat: the chirp, unless one just played (a burst makes one chirp) or it is muted. */
  readonly chirp = (): void => this.chirps.newChat();

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

  /**
   * A new message in a chat not on screen: the message sound, and while the
   * console is hidden a notification ("Open chat" is a click on it). Without
   * permission the console shows its own in-page alert instead.
   */
  alertNewMessage(alert: MessageAlert): void {
    this.messageSound.heard(alert.kind);
    if (!alert.notify || this.alertPermission() !== 'granted') return;
    this.clearChatAlert(alert.id);
    const where = { chat: 'New message', staff: 'Staff chat', desk: 'Desk alarm' }[alert.kind];
    const notification = new Notification(`${where} from ${alert.from}`, {
      body: alert.preview,
      tag: `deskbell-message-${alert.id}`,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
      const action = { chat: 'open-chat', staff: 'open-staff-chat', desk: 'open-desk' } as const;
      for (const listener of this.listeners) listener({ chatId: alert.id, action: action[alert.kind] });
    };
    notification.onclose = () => {
      if (this.notifications.get(alert.id) === notification) this.notifications.delete(alert.id);
    };
    this.notifications.set(alert.id, notification);
  }

  alertPermission(): AlertPermission {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  }

  async requestAlertPermission(): Promise<AlertPermission> {
    if (typeof Notification === 'undefined') return 'unsupported';
    try {
      return await Notification.requestPermission();
    } catch {
      return Notification.permission;
    }
  }

  reportPresence(presence: PresenceSnapshot): void {
    // What waits for this operator: new chats and unread messages.
    const count = presence.waiting + (presence.unread ?? 0);
    document.title = count > 0 ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
    this.chirps.presenceReported(presence);
  }

  onAlertAction(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- settings ----

  /** The sound settings as saved in this browser; the rest are the desktop app's defaults, shown for reference. */
  getSettings(): Promise<DesktopSettings> {
    return Promise.resolve(this.settings());
  }

  /**
   * Changes the sound settings. The browser has no tray, no start-up and no
   * server to pick (it talks to the server that served it), so a patch that
   * touches anything else is refused with the reason.
   */
  updateSettings(patch: DesktopSettingsPatch): Promise<DesktopSettings> {
    const parsed = desktopSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.reject(new Error(`${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'is not valid'}`));
    }
    const { sound, ...others } = parsed.data;
    const notHere = Object.keys(others);
    if (notHere.length > 0) {
      return Promise.reject(
        new Error(`Only the sound settings can be changed in the browser (not ${notHere.join(', ')}).`),
      );
    }
    if (sound) this.setSound({ ...this.sound, ...sound }, true);
    return Promise.resolve(this.settings());
  }

  onSettingsChanged(listener: SettingsListener): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  // ---- what only a desktop does: never happens in a browser ----

  readonly onStatusRequest: DesktopBridge['onStatusRequest'] = () => () => undefined;
  readonly onReconnectHint: DesktopBridge['onReconnectHint'] = () => () => undefined;
  readonly onPlaySound: DesktopBridge['onPlaySound'] = () => () => undefined;
  readonly popupAlert: DesktopBridge['popupAlert'] = () => Promise.resolve(null);
  /** There are no pop-up windows in a browser; its notifications answer through onAlertAction. */
  readonly popupAction: DesktopBridge['popupAction'] = () => undefined;
  readonly loadSessionToken: DesktopBridge['loadSessionToken'] = () => Promise.resolve({ ...NO_TOKEN });
  readonly saveSessionToken: DesktopBridge['saveSessionToken'] = () => Promise.resolve({ ...NO_TOKEN });

  // Screen sharing in a browser: its own picker (getDisplayMedia) and its own "sharing this screen" bar;
  // the console shows its own sharing banner, so there is nothing for a bridge to do.
  screenshareGesture(): void {}
  reportSharing(): void {}
  onStopShareRequested(): () => void {
    return () => undefined;
  }
  pickerSources(): Promise<ShareSource[]> {
    return Promise.resolve([]);
  }
  pickSource(): void {}

  /** Stops the repeat timer and the cross-tab listener (tests; the console keeps one bridge for its life). */
  dispose(): void {
    this.chirps.dispose();
    if (typeof window !== 'undefined') window.removeEventListener('storage', this.onStorage);
  }

  // ---- internals ----

  private settings(): DesktopSettings {
    const origin = typeof window === 'undefined' ? '' : window.location.origin;
    return {
      ...DEFAULT_DESKTOP_SETTINGS,
      serverUrl: /^https?:\/\//.test(origin) ? origin : DEFAULT_DESKTOP_SETTINGS.serverUrl,
      sound: { ...this.sound },
    };
  }

  private setSound(sound: SoundSettings, save: boolean): void {
    this.sound = sound;
    if (save) writeSoundSettings(this.storage, sound);
    this.chirps.settingsChanged();
    const settings = this.settings();
    for (const listener of this.settingsListeners) listener(settings);
  }

  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== WEB_SOUND_SETTINGS_KEY) return;
    this.setSound(readSoundSettings(this.storage), false);
  };
}

/** `play()` rejects without a user gesture (and some engines return nothing or throw); none of that is an error here. */
async function playQuietly(audio: HTMLAudioElement): Promise<void> {
  try {
    await audio.play();
  } catch {
    // Autoplay refused or no audio device: the pop-up and the list still show the chat.
  }
}
