import { z } from 'zod';
import { idSchema, screenshareDirectionSchema } from './models';
import type { PushTable, RequestTable } from './socket-contract';

/**
 * Screen sharing (Request Screenshare, Launch, Share Screen, Stop Share, End):
 * the session the server keeps, the signalling it relays and the rows both
 * namespaces' contract tables take from here. Media never passes through the
 * server: it only carries the offer, the answer and ICE candidates between
 * the two parties of one session.
 *
 * The parties: the **host** is the operator who asked (they always make the
 * WebRTC offer); the **guest** is the patron of the chat, or the colleague of
 * a staff chat. `direction` says whose screen is shown.
 */

export const SCREENSHARE_LIMITS = {
  /** An SDP offer or answer with audio and one video track is a few kB; this allows many codecs and candidates. */
  sdpMaxLength: 20_000,
  candidateMaxLength: 1_000,
  /** What the sharer says it shares ("Entire screen", a window's title). */
  sourceLabelMaxLength: 200,
} as const;

/**
 * requested: waiting for the guest's Join or No thanks (expires);
 * joined: the guest said Join and their window is there, waiting for Launch;
 * connecting: launched, the peers are connecting (the voices come first);
 * audio-only: connected, no picture (before Share Screen, after Stop Share);
 * sharing: the picture is on; ended: over, `endReason` says why.
 */
export const SCREENSHARE_STATES = ['requested', 'joined', 'connecting', 'audio-only', 'sharing', 'ended'] as const;
export const screenshareStateSchema = z.enum(SCREENSHARE_STATES);
export type ScreenshareState = z.infer<typeof screenshareStateSchema>;

export const SCREENSHARE_END_REASONS = [
  'declined',
  'expired',
  'cancelled',
  'hung-up',
  'chat-ended',
  'connection-lost',
] as const;
export const screenshareEndReasonSchema = z.enum(SCREENSHARE_END_REASONS);
export type ScreenshareEndReason = z.infer<typeof screenshareEndReasonSchema>;

export const screenshareChatRefSchema = z.object({ kind: z.enum(['patron', 'staff']), id: idSchema });
export type ScreenshareChatRef = z.infer<typeof screenshareChatRefSchema>;

/** A party as the other one sees it. */
const partySchema = z.object({ kind: z.enum(['operator', 'patron']), id: idSchema.nullable(), name: z.string() });

export const screenshareSessionSchema = z.object({
  id: idSchema,
  chat: screenshareChatRefSchema,
  direction: screenshareDirectionSchema,
  state: screenshareStateSchema,
  host: partySchema,
  guest: partySchema,
  requestedAt: z.number().int(),
  /** While requested or joined: when the offer lapses unless answered (requested) or launched (joined). */
  expiresAt: z.number().int().nullable(),
  startedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  endReason: screenshareEndReasonSchema.nullable(),
  /** Who ended it (hung up, declined, cancelled); null when the server did. */
  endedBy: z.string().nullable(),
  /** While sharing: what the sharer said is shown. */
  sourceLabel: z.string().nullable(),
  /** The guest's side is there (the patron's screenshare window, the colleague's console): Launch can start. */
  guestReady: z.boolean(),
});
export type ScreenshareSession = z.infer<typeof screenshareSessionSchema>;

/** The ICE servers for one session: STUN, and TURN with credentials minted for it (they lapse). */
export const iceConfigSchema = z.object({
  iceServers: z.array(
    z.object({
      urls: z.array(z.string().min(1).max(512)).min(1),
      username: z.string().max(512).optional(),
      credential: z.string().max(512).optional(),
    }),
  ),
  /** 'relay' keeps the patron's address from the operator's machine (every path goes through TURN). */
  iceTransportPolicy: z.enum(['all', 'relay']),
});
export type IceConfig = z.infer<typeof iceConfigSchema>;

/** One signalling message between the two peers of a session. */
export const screenshareSignalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp: z.string().min(1).max(SCREENSHARE_LIMITS.sdpMaxLength) }),
  z.object({ kind: z.literal('answer'), sdp: z.string().min(1).max(SCREENSHARE_LIMITS.sdpMaxLength) }),
  z.object({
    kind: z.literal('candidate'),
    candidate: z.string().max(SCREENSHARE_LIMITS.candidateMaxLength),
    sdpMid: z.string().max(64).nullable(),
    sdpMLineIndex: z.number().int().min(0).max(16).nullable(),
  }),
  /** The guest's window was opened again mid-call (a reload) and has a fresh peer: the host offers anew. */
  z.object({ kind: z.literal('restart') }),
]);
export type ScreenshareSignal = z.infer<typeof screenshareSignalSchema>;

/** A key the guest's own window proves itself with (made by the widget, sent with Join). */
const windowKeySchema = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'window keys are url-safe letters, digits, - and _');

// ---- requests ----

export const screenshareRequestSchema = z.object({
  chat: screenshareChatRefSchema,
  /** 'guest-shares' is "Ask to see the patron's screen". */
  direction: screenshareDirectionSchema.default('host-shares'),
});
export type ScreenshareRequestRequest = z.input<typeof screenshareRequestSchema>;

export const screenshareRefSchema = z.object({ sessionId: idSchema });
export type ScreenshareRef = z.infer<typeof screenshareRefSchema>;

export const screenshareAnswerSchema = z.object({
  sessionId: idSchema,
  join: z.boolean(),
  /** Patron only: the key of the window that will join the session. */
  windowKey: windowKeySchema.optional(),
});
export type ScreenshareAnswer = z.infer<typeof screenshareAnswerSchema>;

export const screenshareAttachSchema = z.object({ sessionId: idSchema, windowKey: windowKeySchema });
export type ScreenshareAttach = z.infer<typeof screenshareAttachSchema>;

export const screenshareSignalRequestSchema = z.object({ sessionId: idSchema, signal: screenshareSignalSchema });
export type ScreenshareSignalRequest = z.infer<typeof screenshareSignalRequestSchema>;

/** The sharer's picture went on (with what it shows) or off; the voices go on either way. */
export const screenshareMediaSchema = z.object({
  sessionId: idSchema,
  sharing: z.boolean(),
  sourceLabel: z.string().trim().max(SCREENSHARE_LIMITS.sourceLabelMaxLength).nullish(),
});
export type ScreenshareMedia = z.infer<typeof screenshareMediaSchema>;

const sessionResult = z.object({ session: screenshareSessionSchema });
const sessionWithIce = sessionResult.extend({ ice: iceConfigSchema });

/** What both the host and the guest may ask, in either namespace. */
const SCREENSHARE_PARTY_REQUESTS = {
  /** Relayed to the other party of a launched session, and nobody else. */
  'screenshare:signal': { request: screenshareSignalRequestSchema, ack: z.object({ relayed: z.boolean() }) },
  /** The sharer's picture is on or off (a line of the chat). */
  'screenshare:media': { request: screenshareMediaSchema, ack: sessionResult },
  /** Hang up (End), cancel a request, or close the window: the session ends for both. */
  'screenshare:end': { request: screenshareRefSchema, ack: sessionResult },
} as const satisfies RequestTable;

/** The console's rows in the /operator contract: as host, and as the guest of a staff chat. */
export const SCREENSHARE_OPERATOR_REQUESTS = {
  /** Request Screenshare (or Ask to see the patron's screen) in a patron chat or a staff chat. */
  'screenshare:request': { request: screenshareRequestSchema, ack: sessionResult },
  /** The colleague of a staff chat says Join or No thanks (the patron's is in the /patron rows). */
  'screenshare:answer': { request: screenshareAnswerSchema, ack: sessionWithIce.partial({ ice: true }) },
  /** Launch: the host starts connecting; the answer carries the ICE servers for this session. */
  'screenshare:launch': { request: screenshareRefSchema, ack: sessionWithIce },
  /** A console window takes over its side of a session after a reload or reconnect. */
  'screenshare:rejoin': { request: screenshareRefSchema, ack: sessionWithIce },
  ...SCREENSHARE_PARTY_REQUESTS,
} as const satisfies RequestTable;

/** The widget's and the patron's screenshare window's rows in the /patron contract. */
export const SCREENSHARE_PATRON_REQUESTS = {
  /** Join (with the key of the window it opens) or No thanks. */
  'screenshare:answer': { request: screenshareAnswerSchema, ack: sessionResult },
  /** The patron's screenshare window joins the session it was opened for (again, after a reconnect). */
  'screenshare:attach': { request: screenshareAttachSchema, ack: sessionWithIce },
  ...SCREENSHARE_PARTY_REQUESTS,
} as const satisfies RequestTable;

/** Pushed to both parties (and, for a patron chat, its widget): the session changed. */
export const SCREENSHARE_PUSHES = {
  'screenshare:updated': screenshareSessionSchema,
  /** From the other party: offer, answer or an ICE candidate. */
  'screenshare:signal': z.object({ sessionId: idSchema, signal: screenshareSignalSchema }),
} as const satisfies PushTable;
