import type { StateCreator } from 'zustand';
import { ScreensharePeer } from '../../src/client/screenshare/screenshare-peer';
import { describeShareSource } from '../../src/domain/screenshare-lines';
import { isLive, sharerRole, type ScreenshareRole } from '../../src/domain/screenshare-session';
import type { MediaTrackLike } from '../../src/client/screenshare/peer-ports';
import type { IceConfig, ScreenshareSession, ScreenshareSignal } from '../../src/protocol';
import { browserMedia } from '../desktop/screenshare-media';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { ScreenshareSlice } from './screenshare-types';

export type { ScreenshareSlice } from './screenshare-types';

/** This console's side of a session: host when it asked, guest when a colleague asked it. */
export function myRoleIn(session: ScreenshareSession, myId: string | undefined): ScreenshareRole | null {
  if (session.host.id === myId) return 'host';
  if (session.guest.kind === 'operator' && session.guest.id === myId) return 'guest';
  return null;
}

/** The other party's name, as this console shows it. */
export function otherPartyOf(session: ScreenshareSession, myId: string | undefined): string {
  return myRoleIn(session, myId) === 'host' ? session.guest.name : session.host.name;
}

/**
 * Screen sharing, the console's side. The server decides every step (the
 * session's state machine runs there); this slice holds the sessions it hears
 * about and the one call this window runs: a ScreensharePeer, its microphone
 * and, while sharing, the chosen screen. The desktop's sharing bar follows
 * what is shared (reportSharing) and its Stop Share comes back as stopShare.
 */
export const createScreenshareSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], ScreenshareSlice> =>
  (set, get) => {
    const media = () => runtime.deps.media ?? browserMedia;
    let peer: ScreensharePeer | null = null;
    /** The sharer reports "connected" once per call: it moves the session from connecting to audio-only. */
    let reportedConnected = false;
    /** Which call is the latest asked for: a slow microphone prompt must not start an older one. */
    let callTicket = 0;
    /** The live call's ICE servers, for a fresh peer when the other side's window was reloaded. */
    let callIce: IceConfig | null = null;

    const chatIdOf = (sessionId: string) => get().screenshares[sessionId]?.chat.id ?? sessionId;
    const fail = (chatId: string, message: string) =>
      set((state) => ({ screenshareErrors: { ...state.screenshareErrors, [chatId]: message } }));
    const busy = (sessionId: string, on: boolean) =>
      set((state) => {
        const screenshareBusy = { ...state.screenshareBusy };
        if (on) screenshareBusy[sessionId] = true;
        else delete screenshareBusy[sessionId];
        return { screenshareBusy };
      });
    const clearError = (chatId: string) =>
      set((state) => {
        if (!(chatId in state.screenshareErrors)) return {};
        const screenshareErrors = { ...state.screenshareErrors };
        delete screenshareErrors[chatId];
        return { screenshareErrors };
      });
    const remember = (session: ScreenshareSession) =>
      set((state) => ({ screenshares: { ...state.screenshares, [session.id]: session } }));

    const closeCall = () => {
      callTicket += 1;
      if (!peer) return;
      const wasSharing = peer.snapshot().sharing;
      peer.close();
      peer = null;
      reportedConnected = false;
      if (wasSharing) runtime.deps.bridge.reportSharing(null);
      set({ liveScreenshare: null });
    };

    const startCall = async (
      session: ScreenshareSession,
      ice: IceConfig,
      role: ScreenshareRole,
      /** A fresh call's beginning: the screen shared on the peer it replaces, and (a guest) the offer to answer. */
      carry: { screen?: MediaTrackLike | null; offer?: ScreenshareSignal } = {},
    ) => {
      const screen = carry.screen ?? null;
      closeCall();
      callIce = ice;
      const connection = runtime.connection();
      if (!connection) return;
      const ticket = ++callTicket;
      const iShare = sharerRole(session) === role;
      const sessionId = session.id;
      const call = await ScreensharePeer.open({
        role,
        shares: iShare,
        ice,
        createPeer: (config) => media().createPeer(config),
        microphone: () => media().microphone(),
        signal: (signal) =>
          void connection.screenshare('screenshare:signal', { sessionId, signal }).then((ack) => {
            if (!ack.ok)
              fail(
                session.chat.id,
                `The call could not reach ${otherPartyOf(session, get().operator?.id)}: ${ack.error.message}`,
              );
          }),
        onChange: (snapshot) => {
          if (peer !== call) return;
          set({ liveScreenshare: { sessionId, peer: snapshot } });
          if (iShare && snapshot.connection === 'connected' && !reportedConnected) {
            reportedConnected = true;
            void connection.screenshare('screenshare:media', { sessionId, sharing: snapshot.sharing });
          }
        },
        // The browser's own "Stop sharing" (or the shared window closing) ends the picture: say so.
        onShareEnded: () => {
          runtime.deps.bridge.reportSharing(null);
          void connection.screenshare('screenshare:media', { sessionId, sharing: false });
        },
      });
      const current = get().screenshares[sessionId];
      if (ticket !== callTicket || !current || current.state === 'ended') {
        call.close();
        screen?.stop();
        return;
      }
      peer = call;
      set({ liveScreenshare: { sessionId, peer: call.snapshot() } });
      try {
        await call.start();
        if (carry.offer) await call.handleSignal(carry.offer);
        if (screen) await call.share(screen);
      } catch (error) {
        fail(session.chat.id, `The call could not start: ${describe(error)}`);
      }
    };

    return {
      screenshares: {},
      liveScreenshare: null,
      screenshareErrors: {},
      screenshareBusy: {},

      async requestScreenshare(chat, direction) {
        const connection = runtime.connection();
        if (!connection) return;
        clearError(chat.id);
        const ack = await connection.screenshare('screenshare:request', { chat, direction });
        if (!ack.ok) return fail(chat.id, ack.error.message);
        remember(ack.data.session);
      },

      async answerScreenshare(sessionId, join) {
        const connection = runtime.connection();
        if (!connection) return;
        busy(sessionId, true);
        const ack = await connection.screenshare('screenshare:answer', { sessionId, join });
        busy(sessionId, false);
        if (!ack.ok) return fail(chatIdOf(sessionId), ack.error.message);
        remember(ack.data.session);
        if (join && ack.data.ice) await startCall(ack.data.session, ack.data.ice, 'guest');
      },

      async launchScreenshare(sessionId) {
        const connection = runtime.connection();
        if (!connection) return;
        busy(sessionId, true);
        const ack = await connection.screenshare('screenshare:launch', { sessionId });
        busy(sessionId, false);
        if (!ack.ok) return fail(chatIdOf(sessionId), ack.error.message);
        remember(ack.data.session);
        await startCall(ack.data.session, ack.data.ice, 'host');
      },

      async shareScreen(sessionId) {
        const connection = runtime.connection();
        const session = get().screenshares[sessionId];
        if (!connection || !session || !peer) return;
        // Before anything is awaited: the desktop answers the picker only right after the click.
        runtime.deps.bridge.screenshareGesture();
        let track;
        try {
          track = await media().pickScreen();
        } catch (error) {
          return fail(session.chat.id, `The screen could not be shared: ${describe(error)}`);
        }
        if (!track || !peer) return; // Cancelled in the picker.
        clearError(session.chat.id);
        await peer.share(track);
        const sourceLabel = describeShareSource(track.label);
        const ack = await connection.screenshare('screenshare:media', { sessionId, sharing: true, sourceLabel });
        if (!ack.ok) return fail(session.chat.id, ack.error.message);
        remember(ack.data.session);
        runtime.deps.bridge.reportSharing({ sourceLabel, watcherName: otherPartyOf(session, get().operator?.id) });
      },

      async stopShare() {
        const connection = runtime.connection();
        const live = get().liveScreenshare;
        if (!peer || !live || !connection) return;
        await peer.stopShare();
        runtime.deps.bridge.reportSharing(null);
        const ack = await connection.screenshare('screenshare:media', { sessionId: live.sessionId, sharing: false });
        if (ack.ok) remember(ack.data.session);
      },

      setScreenshareMuted(muted) {
        peer?.setMuted(muted);
      },

      async endScreenshare(sessionId) {
        const connection = runtime.connection();
        if (!connection) return;
        busy(sessionId, true);
        const ack = await connection.screenshare('screenshare:end', { sessionId });
        busy(sessionId, false);
        if (get().liveScreenshare?.sessionId === sessionId) closeCall();
        if (!ack.ok) return fail(chatIdOf(sessionId), ack.error.message);
        remember(ack.data.session);
      },

      screenshareUpdated(session) {
        const known = get().screenshares[session.id];
        remember(session);
        if (!known && session.state === 'requested' && myRoleIn(session, get().operator?.id) === 'guest') {
          const what = session.direction === 'host-shares' ? 'share their screen with you' : 'see your screen';
          get().announce(`${session.host.name} would like to ${what}: Join or No thanks in your staff chat.`);
        }
        if (session.state === 'ended' && get().liveScreenshare?.sessionId === session.id) closeCall();
        if (session.state === 'ended') {
          const mine = myRoleIn(session, get().operator?.id) === 'host';
          const why = session.endReason === 'declined' ? `${session.guest.name} said no thanks.` : null;
          if (mine && why) get().announce(why);
        }
      },

      screenshareSignalled(sessionId, signal) {
        if (get().liveScreenshare?.sessionId !== sessionId || !peer) return;
        const session = get().screenshares[sessionId];
        if (signal.kind === 'restart') {
          // The other side's window was opened again: a fresh peer and offer, the same screen still shared.
          if (!session || !callIce || myRoleIn(session, get().operator?.id) !== 'host') return;
          const screen = peer.detachScreen();
          void startCall(session, callIce, 'host', { screen });
          return;
        }
        if (signal.kind === 'offer' && peer.answered && session && callIce) {
          // The host's console was reloaded and offers anew: a fresh peer here too, the same screen still shared.
          const screen = peer.detachScreen();
          void startCall(session, callIce, 'guest', { screen, offer: signal });
          return;
        }
        const call = peer;
        void call.handleSignal(signal).catch((error: unknown) => {
          fail(chatIdOf(sessionId), `The call could not connect: ${describe(error)}`);
        });
      },

      screenshareSynced(sessions) {
        set((state) => {
          const screenshares: Record<string, ScreenshareSession> = {};
          // Ended ones are kept (their last word); open ones are what the server says now.
          for (const session of Object.values(state.screenshares)) {
            if (session.state === 'ended') screenshares[session.id] = session;
          }
          for (const session of sessions) screenshares[session.id] = session;
          // The call in this window is still its own, even if the sync raced its last change.
          const live = state.liveScreenshare ? state.screenshares[state.liveScreenshare.sessionId] : undefined;
          if (live && !screenshares[live.id]) screenshares[live.id] = live;
          return { screenshares };
        });
      },

      dropScreenshareCall() {
        closeCall();
        set({ screenshares: {}, screenshareErrors: {}, screenshareBusy: {} });
      },

      async rejoinScreenshare(sessionId) {
        const connection = runtime.connection();
        const session = get().screenshares[sessionId];
        const role = session ? myRoleIn(session, get().operator?.id) : null;
        if (!connection || !session || !role) return;
        busy(sessionId, true);
        const ack = await connection.screenshare('screenshare:rejoin', { sessionId });
        busy(sessionId, false);
        if (!ack.ok) return fail(session.chat.id, ack.error.message);
        remember(ack.data.session);
        // The host offers anew; a guest asks the host to (its old peer went with the page).
        await startCall(ack.data.session, ack.data.ice, role);
        if (role === 'guest')
          void connection.screenshare('screenshare:signal', { sessionId, signal: { kind: 'restart' } });
      },

      async screenshareResync() {
        const connection = runtime.connection();
        const live = get().liveScreenshare;
        if (!connection || !live) return;
        const session = get().screenshares[live.sessionId];
        if (!session || !isLive(session.state)) return;
        const ack = await connection.screenshare('screenshare:rejoin', { sessionId: live.sessionId });
        if (ack.ok) remember(ack.data.session);
        else closeCall();
      },
    };
  };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
