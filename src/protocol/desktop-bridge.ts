import { z } from 'zod';
import { idSchema, operatorStatusSchema } from './models';

/**
 * The only way the operator console reaches what a desktop does: pop-ups,
 * the chirp, the tray. In the browser console a web implementation (the
 * Notification API and Audio) stands behind the same interface; in the
 * desktop app the preload exposes an Electron one over IPC channels named
 * `feature/verb`. Every `on...` returns its unsubscribe function.
 */

export const newChatAlertSchema = z.object({
  chatId: idSchema,
  patronName: z.string().max(120),
  departmentName: z.string().max(120),
  /** The first words of the question. */
  preview: z.string().max(200),
  /** "transferred from ..." and the like, when there is something to add. */
  note: z.string().max(200).nullable().default(null),
  /**
   * A patron's new chat (Claim Chat, Preview), or a new message in a chat
   * (`chat-message`, patron chat id) or staff chat (`staff-message`, staff chat id)
   * the librarian is not looking at (Open chat). One pop-up mechanism for all three.
   */
  kind: z.enum(['new-chat', 'chat-message', 'staff-message', 'desk-alarm']).optional(),
});
export type NewChatAlert = z.input<typeof newChatAlertSchema>;

/** A new message from the other side (patron or colleague) in a chat that is not on screen. */
export const messageAlertSchema = z.object({
  /** `desk`: a supervisor's alarm (a dark desk, a chat past T2); its id is the department's or the chat's, "Open" opens the Desk view. */
  kind: z.enum(['chat', 'staff', 'desk']),
  /** The patron chat's or the staff chat's id. */
  id: idSchema,
  /** Who wrote: the patron's name, or the colleague's. */
  from: z.string().max(120),
  /** The first words of the message. */
  preview: z.string().max(200),
  /** The console is hidden or not focused: raise a notification (pop-up) as well as the sound. */
  notify: z.boolean(),
});
export type MessageAlert = z.infer<typeof messageAlertSchema>;

export const presenceSnapshotSchema = z.object({
  status: operatorStatusSchema,
  connected: z.boolean(),
  /** Patron chats waiting to be claimed. */
  waiting: z.number().int().nonnegative(),
  /** Messages from patrons and colleagues this operator has not read; the badge and title count them too. */
  unread: z.number().int().nonnegative().default(0),
  /** Of the waiting chats, those past T1 of their ladder: the chirp repeats more often while any is. */
  escalated: z.number().int().nonnegative().default(0),
});
export type PresenceSnapshot = z.input<typeof presenceSnapshotSchema>;

export const ALERT_STYLES = ['deskbell', 'system'] as const;

/** The desktop client's settings, kept by the main process (electron-store). */
export const desktopSettingsSchema = z.object({
  /** The Deskbell server the console talks to. */
  serverUrl: z.url({ protocol: /^https?$/ }).max(2048),
  sound: z.object({
    muted: z.boolean(),
    /** 0 to 1. */
    volume: z.number().min(0).max(1),
    /** Chirp again every this many seconds while a chat waits unclaimed; 0 never repeats. */
    repeatSeconds: z.number().int().min(0).max(600),
    /** The message sound for a patron's new message in a chat not on screen (on unless false). */
    chatMessages: z.boolean().optional(),
    /** The message sound for a staff chat message or briefing (on unless false). */
    staffMessages: z.boolean().optional(),
  }),
  /** Deskbell's own lower-right pop-up, or the operating system's notifications. */
  alertStyle: z.enum(ALERT_STYLES),
  /** Minutes without input before Online turns Away; 0 turns auto-away off. */
  autoAwayMinutes: z.number().int().min(0).max(240),
  startAtLogin: z.boolean(),
  startMinimized: z.boolean(),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  serverUrl: 'http://127.0.0.1:8080',
  sound: { muted: false, volume: 0.8, repeatSeconds: 30, chatMessages: true, staffMessages: true },
  alertStyle: 'deskbell',
  autoAwayMinutes: 10,
  startAtLogin: false,
  startMinimized: false,
};

/** A change to some settings; nested `sound` may be partial too. */
export const desktopSettingsPatchSchema = desktopSettingsSchema
  .omit({ sound: true })
  .partial()
  .extend({ sound: desktopSettingsSchema.shape.sound.partial().optional() })
  .strict();
export type DesktopSettingsPatch = z.infer<typeof desktopSettingsPatchSchema>;

/** What the operator clicked outside the console: Claim Chat or Preview (new chats), Open chat (messages). */
export const alertActionSchema = z.object({
  chatId: idSchema,
  action: z.enum(['claim', 'preview', 'open-chat', 'open-staff-chat', 'open-desk']),
});
export type AlertAction = z.infer<typeof alertActionSchema>;

export const popupActionSchema = z.object({
  chatId: idSchema,
  action: z.enum(['claim', 'preview', 'open', 'dismiss']),
});
export type PopupAction = z.infer<typeof popupActionSchema>;

export const statusRequestSchema = z.object({
  status: operatorStatusSchema,
  /** Who asks: the tray menu, or auto-away going away / coming back. */
  reason: z.enum(['tray', 'auto-away', 'auto-return']),
});
export type StatusRequest = z.infer<typeof statusRequestSchema>;

export const reconnectHintSchema = z.object({ reason: z.enum(['resume', 'unlock', 'network']) });
export type ReconnectHint = z.infer<typeof reconnectHintSchema>;

/** The chirp (a new chat) or the message sound (a new message in another chat, a staff message). */
export const playSoundSchema = z.object({ sound: z.enum(['chirp', 'message']), volume: z.number().min(0).max(1) });
export type PlaySound = z.infer<typeof playSoundSchema>;

export type AlertPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export const storedTokenSchema = z.object({
  token: z.string().min(1).max(512).nullable(),
  /** False when the OS offers no encryption: the token then lives in memory only. */
  persisted: z.boolean(),
});
export type StoredToken = z.infer<typeof storedTokenSchema>;

const none = z.object({}).strict();

/** What the desktop's sharing bar says while the operator shares: that they share, and what. */
export const sharingBarSchema = z.object({
  /** The source the picker chose ("Entire screen", a window's title). */
  sourceLabel: z.string().max(200),
  /** Who watches: the patron's name or the colleague's. */
  watcherName: z.string().max(120),
});
export type SharingBar = z.infer<typeof sharingBarSchema>;

/** A screen or window the desktop's own picker offers, with its thumbnail (a data: URL, PNG or JPEG). */
export const shareSourceSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  kind: z.enum(['screen', 'window']),
  thumbnail: z
    .string()
    .max(2_000_000)
    .regex(/^data:image\/(png|jpeg);base64,/, 'thumbnails are PNG or JPEG data: URLs')
    .nullable(),
});
export type ShareSource = z.infer<typeof shareSourceSchema>;

/** The picker window's answer: the chosen source, or null for Cancel. */
export const sharePickSchema = z.object({ sourceId: z.string().min(1).max(200).nullable() });
export type SharePick = z.infer<typeof sharePickSchema>;

/**
 * The IPC channel map, `feature/verb`. `invoke` channels answer; `send`
 * channels are one-way from the renderer; `events` flow from main to the
 * renderer. Main parses every request with these schemas.
 */
export const DESKTOP_CHANNELS = {
  invoke: {
    'settings/get': { request: none, response: desktopSettingsSchema },
    'settings/update': { request: desktopSettingsPatchSchema, response: desktopSettingsSchema },
    'credentials/get-token': { request: none, response: storedTokenSchema },
    'credentials/set-token': {
      request: z.object({ token: z.string().min(1).max(512).nullable() }),
      response: storedTokenSchema,
    },
    /** The pop-up window asks which alert it shows. */
    'alerts/popup-ready': { request: none, response: newChatAlertSchema.nullable() },
    /** The picker window asks which screens and windows it offers. */
    'screenshare/picker-sources': { request: none, response: z.array(shareSourceSchema) },
  },
  send: {
    'alerts/new-chat': newChatAlertSchema,
    'alerts/new-message': messageAlertSchema,
    'alerts/clear': z.object({ chatId: idSchema }),
    'alerts/popup-action': popupActionSchema,
    'sound/chirp': none,
    'presence/report': presenceSnapshotSchema,
    'window/show': none,
    /** The operator clicked Share Screen: the next getDisplayMedia of the console may open the picker. */
    'screenshare/gesture': none,
    /** The picker window's Share or Cancel. */
    'screenshare/picker-pick': sharePickSchema,
    /** The console shares (show the always-on-top sharing bar) or stopped (take it down). */
    'screenshare/sharing': sharingBarSchema.nullable(),
    /** The sharing bar's Stop Share. */
    'screenshare/bar-stop': none,
  },
  events: {
    'alerts/action': alertActionSchema,
    'sound/play': playSoundSchema,
    'presence/status-request': statusRequestSchema,
    'connection/reconnect-now': reconnectHintSchema,
    'settings/changed': desktopSettingsSchema,
    /** Stop Share on the desktop's sharing bar: the console stops the picture. */
    'screenshare/stop-requested': none,
  },
} as const;

export type InvokeChannel = keyof typeof DESKTOP_CHANNELS.invoke;
export type SendChannel = keyof typeof DESKTOP_CHANNELS.send;
export type EventChannel = keyof typeof DESKTOP_CHANNELS.events;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof DESKTOP_CHANNELS.invoke)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof DESKTOP_CHANNELS.invoke)[C]['response']>;
export type SendPayload<C extends SendChannel> = z.input<(typeof DESKTOP_CHANNELS.send)[C]>;
export type EventPayload<C extends EventChannel> = z.output<(typeof DESKTOP_CHANNELS.events)[C]>;

export interface DesktopBridge {
  /** 'web' in a browser, 'electron' in the desktop app. */
  readonly kind: 'web' | 'electron';
  /** Pops up a new-chat alert (lower right of the screen on the desktop). */
  alertNewChat(alert: NewChatAlert): void;
  /** Takes down a chat's alert: it was claimed (by anyone), ended, or dismissed. */
  clearChatAlert(chatId: string): void;
  /** Asks for the chirp; the desktop (or the web bridge) decides whether it plays now. */
  chirp(): void;
  /**
   * A new message in a chat not on screen: the message sound (as the settings
   * say) and, when `notify`, a notification with "Open chat" (answered
   * through onAlertAction). Cleared with clearChatAlert once it is read.
   */
  alertNewMessage(alert: MessageAlert): void;
  /**
   * Whether alerts outside the page can show: always 'granted' on the desktop;
   * in a browser the Notification permission ('unsupported' where there is none).
   */
  alertPermission(): AlertPermission;
  /** Asks for it (a browser allows asking only during a click); resolves with the answer. */
  requestAlertPermission(): Promise<AlertPermission>;
  /** Tells the desktop the operator's presence and queue, for the tray and badge. */
  reportPresence(presence: PresenceSnapshot): void;
  /** The operator clicked Claim Chat (or Preview) on an alert outside the console. */
  onAlertAction(listener: (action: AlertAction) => void): () => void;
  /** The desktop's settings (the web console keeps the sound ones in the browser). */
  getSettings(): Promise<DesktopSettings>;
  updateSettings(patch: DesktopSettingsPatch): Promise<DesktopSettings>;
  onSettingsChanged(listener: (settings: DesktopSettings) => void): () => void;
  /** The desktop asks the console to change status: tray menu, auto-away, coming back. */
  onStatusRequest(listener: (request: StatusRequest) => void): () => void;
  /** The machine resumed or unlocked, or the network changed: reconnect now. */
  onReconnectHint(listener: (hint: ReconnectHint) => void): () => void;
  /** The desktop decided the chirp plays now: the renderer plays it at this volume. */
  onPlaySound(listener: (sound: PlaySound) => void): () => void;
  /** The pop-up window's own page: which alert it shows, and what the operator clicked. */
  popupAlert(): Promise<NewChatAlert | null>;
  popupAction(action: PopupAction): void;
  /** The session token for the bearer login (desktop); the web console uses its cookie and gets null. */
  loadSessionToken(): Promise<StoredToken>;
  saveSessionToken(token: string | null): Promise<StoredToken>;
  /**
   * Share Screen was clicked: the desktop lets the next getDisplayMedia of the
   * console open its own picker (it answers nothing without this gesture).
   * The web bridge does nothing: the browser shows its own picker.
   */
  screenshareGesture(): void;
  /** The console shares (show the sharing bar with Stop Share) or stopped (null: take it down). */
  reportSharing(bar: SharingBar | null): void;
  /** Stop Share was clicked outside the console (the desktop's sharing bar). */
  onStopShareRequested(listener: () => void): () => void;
  /** The desktop's picker window: what it offers, and the operator's Share or Cancel. */
  pickerSources(): Promise<ShareSource[]>;
  pickSource(pick: SharePick): void;
  /**
   * The desktop's sharing bar's own page: its Stop Share (`screenshare/bar-stop`),
   * which main hands to the console as onStopShareRequested. Only the desktop's
   * bridge has it: the sharing bar is a desktop window, and a browser console
   * stops from the browser's own sharing controls.
   */
  stopShareFromBar?(): void;
}
