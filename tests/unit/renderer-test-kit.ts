import { OperatorConnection } from '../../src/client/operator-connection';
import {
  DEFAULT_DESKTOP_SETTINGS,
  desktopSettingsPatchSchema,
  type AlertAction,
  type AlertPermission,
  type DesktopBridge,
  type DesktopSettings,
  type DesktopSettingsPatch,
  type MessageAlert,
  type NewChatAlert,
  type OperatorProfile,
  type OperatorStatus,
  type PlaySound,
  type PopupAction,
  type PresenceSnapshot,
  type ReconnectHint,
  type StatusRequest,
  type StoredToken,
  type ShareSource,
  type SharingBar,
} from '../../src/protocol';
import type { ConsoleApi } from '../../renderer/api/console-api';
import type { ConsoleDeps } from '../../renderer/store/console-runtime';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import type { FakeDeskServer } from './client-fake-desk-server';

/**
 * A desktop bridge (the Electron kind) that remembers what the console asked
 * of it, and lets a test play the main process: click a pop-up, ask for a
 * status, hint a reconnect, say "play the chirp", hold a session token.
 */
export class RecordingBridge implements DesktopBridge {
  /** 'web' plays the browser console's bridge kind, to see the store take the cookie way. */
  constructor(readonly kind: 'web' | 'electron' = 'electron') {}
  readonly alerts: NewChatAlert[] = [];
  readonly cleared: string[] = [];
  readonly presence: PresenceSnapshot[] = [];
  readonly settingsPatches: DesktopSettingsPatch[] = [];
  readonly popupActions: PopupAction[] = [];
  /** Every saveSessionToken call, in order (null = forget). */
  readonly savedTokens: Array<string | null> = [];
  chirps = 0;
  settings: DesktopSettings = structuredClone(DEFAULT_DESKTOP_SETTINGS);
  /** The token "main" holds; `persisted` false plays a computer without safeStorage. */
  storedToken: string | null = null;
  persisted = true;
  private listeners = new Set<(action: AlertAction) => void>();
  private settingsListeners = new Set<(settings: DesktopSettings) => void>();
  private statusListeners = new Set<(request: StatusRequest) => void>();
  private reconnectListeners = new Set<(hint: ReconnectHint) => void>();
  private soundListeners = new Set<(sound: PlaySound) => void>();
  alertNewChat(alert: NewChatAlert) {
    this.alerts.push(alert);
  }
  readonly messageAlerts: MessageAlert[] = [];
  permission: AlertPermission = 'granted';
  alertNewMessage(alert: MessageAlert) {
    this.messageAlerts.push(alert);
  }
  alertPermission() {
    return this.permission;
  }
  async requestAlertPermission() {
    return this.permission;
  }
  clearChatAlert(chatId: string) {
    this.cleared.push(chatId);
  }
  chirp() {
    this.chirps += 1;
  }
  reportPresence(presence: PresenceSnapshot) {
    this.presence.push(presence);
  }
  onAlertAction(listener: (action: AlertAction) => void) {
    return subscribe(this.listeners, listener);
  }
  clickAlert(chatId: string, action: AlertAction['action']) {
    for (const listener of this.listeners) listener({ chatId, action });
  }
  async getSettings() {
    return structuredClone(this.settings);
  }
  async updateSettings(patch: DesktopSettingsPatch) {
    this.settingsPatches.push(patch);
    const { sound, ...rest } = desktopSettingsPatchSchema.parse(patch);
    this.settings = { ...this.settings, ...rest, sound: { ...this.settings.sound, ...sound } };
    for (const listener of this.settingsListeners) listener(structuredClone(this.settings));
    return structuredClone(this.settings);
  }
  onSettingsChanged(listener: (settings: DesktopSettings) => void) {
    return subscribe(this.settingsListeners, listener);
  }
  onStatusRequest(listener: (request: StatusRequest) => void) {
    return subscribe(this.statusListeners, listener);
  }
  onReconnectHint(listener: (hint: ReconnectHint) => void) {
    return subscribe(this.reconnectListeners, listener);
  }
  onPlaySound(listener: (sound: PlaySound) => void) {
    return subscribe(this.soundListeners, listener);
  }
  /** Main asks for a status (the tray menu, auto-away, coming back). */
  requestStatus(status: OperatorStatus, reason: StatusRequest['reason'] = 'tray') {
    for (const listener of this.statusListeners) listener({ status, reason });
  }
  /** Main saw the machine resume or unlock, or the network change. */
  hintReconnect(reason: ReconnectHint['reason'] = 'resume') {
    for (const listener of this.reconnectListeners) listener({ reason });
  }
  /** Main's sound scheduler decided the chirp plays now. */
  playSound(volume: number) {
    for (const listener of this.soundListeners) listener({ sound: 'chirp', volume });
  }
  async popupAlert() {
    return null;
  }
  popupAction(action: PopupAction) {
    this.popupActions.push(action);
  }
  async loadSessionToken(): Promise<StoredToken> {
    return { token: this.storedToken, persisted: this.persisted };
  }
  async saveSessionToken(token: string | null): Promise<StoredToken> {
    this.savedTokens.push(token);
    this.storedToken = token;
    return { token, persisted: this.persisted };
  }
  /** What the console told the desktop's sharing bar, in order (null = taken down). */
  readonly sharingReports: Array<SharingBar | null> = [];
  gestures = 0;
  private stopShareListeners = new Set<() => void>();
  screenshareGesture() {
    this.gestures += 1;
  }
  reportSharing(bar: SharingBar | null) {
    this.sharingReports.push(bar);
  }
  onStopShareRequested(listener: () => void) {
    return subscribe(this.stopShareListeners, listener);
  }
  /** Plays the sharing bar's Stop Share. */
  clickStopShare() {
    for (const listener of this.stopShareListeners) listener();
  }
  async pickerSources(): Promise<ShareSource[]> {
    return [];
  }
  pickSource() {}
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}

const PROFILES: Record<string, OperatorProfile> = {
  alice: {
    id: 'op-alice',
    username: 'alice',
    displayName: 'Alice',
    role: 'operator',
    departmentIds: ['general-reference'],
  },
  bob: { id: 'op-bob', username: 'bob', displayName: 'Bob', role: 'operator', departmentIds: ['general-reference'] },
};

/** The console API against the fake server, remembering the tokens it was shown. */
export interface FakeApi extends ConsoleApi {
  /** The bearer token of every `me` call (undefined: the cookie way). */
  readonly meTokens: Array<string | undefined>;
  readonly logOutTokens: Array<string | undefined>;
}

/**
 * The fake server's log-in: the demo password, and a token its socket
 * middleware accepts (`alice-token`); `me` knows only those tokens (a cookie,
 * or any other token, is "not logged in": 401).
 */
export function fakeApi(): FakeApi {
  const meTokens: Array<string | undefined> = [];
  const logOutTokens: Array<string | undefined> = [];
  return {
    meTokens,
    logOutTokens,
    async logIn(username, password) {
      const operator = PROFILES[username];
      if (!operator || password !== 'deskbell-demo') throw new Error('That username and password do not match.');
      return { token: `${username}-token`, operator };
    },
    async logOut(token) {
      logOutTokens.push(token);
    },
    async me(token) {
      meTokens.push(token);
      const operator = PROFILES[token?.replace(/-token$/, '') ?? ''];
      return operator && token === `${operator.username}-token` ? operator : null;
    },
  };
}

/** A console store wired to the fake server through a real OperatorConnection. */
export function consoleFor(
  server: FakeDeskServer,
  bridge = new RecordingBridge(),
  overrides: Partial<ConsoleDeps> = {},
): { store: ConsoleStore; bridge: RecordingBridge } {
  const store = createConsoleStore({
    api: fakeApi(),
    bridge,
    now: () => Date.now(),
    createConnection: (token) =>
      new OperatorConnection({
        url: server.url,
        ...(token ? { token } : {}),
        requestTimeoutMs: 1000,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      }),
    ...overrides,
  });
  return { store, bridge };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
