import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isLive, sharerRole } from '../../../src/domain/screenshare-session';
import type { ScreenshareChatRef, ScreenshareSession } from '../../../src/protocol';
import { useNow } from '../../shared/use-now';
import { myRoleIn } from '../../store/screenshare-slice';
import { useConsole } from '../../store/store-context';
import { RemoteAudio, RemoteScreen } from './remote-media';
import './screenshare.css';

/** The newest session of a chat that is not over, if any. */
function useOpenSessionOf(chatId: string): ScreenshareSession | null {
  return useConsole(
    useShallow((state) => {
      let newest: ScreenshareSession | null = null;
      for (const session of Object.values(state.screenshares)) {
        if (session.chat.id !== chatId || session.state === 'ended') continue;
        if (!newest || session.requestedAt > newest.requestedAt) newest = session;
      }
      return newest;
    }),
  );
}

/**
 * At the bottom of a chat window (a patron chat, or a staff chat): Request
 * Screenshare and Ask to see their screen, then each step as the practice
 * names it: waiting for Join, Launch, the call with Mute, Share Screen and
 * Stop Share, the other side's screen when watching, and End.
 */
export function ScreenshareBar({
  chat,
  otherName,
  mayRequest,
}: {
  chat: ScreenshareChatRef;
  /** "the patron" or the colleague's name, as the buttons say it. */
  otherName: string;
  /** The access rules allow this account to start one (a member of an active chat). */
  mayRequest: boolean;
}) {
  const session = useOpenSessionOf(chat.id);
  const error = useConsole((state) => state.screenshareErrors[chat.id]);
  const request = useConsole((state) => state.requestScreenshare);
  return (
    <section className="screenshare-bar" aria-label="Screenshare">
      {session ? (
        <SessionControls session={session} />
      ) : mayRequest ? (
        <div className="screenshare-actions">
          <button type="button" onClick={() => void request(chat, 'host-shares')}>
            Request Screenshare
          </button>
          <button type="button" onClick={() => void request(chat, 'guest-shares')}>
            Ask to see {chat.kind === 'patron' ? "the patron's" : `${otherName}'s`} screen
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function SessionControls({ session }: { session: ScreenshareSession }) {
  const me = useConsole((state) => state.operator?.id);
  const live = useConsole((state) => (state.liveScreenshare?.sessionId === session.id ? state.liveScreenshare : null));
  const busy = useConsole((state) => state.screenshareBusy[session.id] === true);
  const { answer, launch, end, rejoin } = useConsole(
    useShallow((state) => ({
      answer: state.answerScreenshare,
      launch: state.launchScreenshare,
      end: state.endScreenshare,
      rejoin: state.rejoinScreenshare,
    })),
  );
  const role = myRoleIn(session, me);
  const hostShares = session.direction === 'host-shares';
  const guest = session.guest.kind === 'patron' ? 'The patron' : session.guest.name;

  if (session.state === 'requested') {
    if (role === 'guest') {
      return (
        <div className="screenshare-actions screenshare-invite" role="group" aria-label="Screenshare request">
          <p>
            <strong>
              <bdi>{session.host.name}</bdi>{' '}
              {hostShares ? 'would like to share their screen with you.' : 'would like to see your screen.'}
            </strong>{' '}
            <TimeLeft until={session.expiresAt} />
          </p>
          <button type="button" className="primary" disabled={busy} onClick={() => void answer(session.id, true)}>
            Join
          </button>
          <button type="button" disabled={busy} onClick={() => void answer(session.id, false)}>
            No thanks
          </button>
        </div>
      );
    }
    return (
      <div className="screenshare-actions">
        <p role="status">
          {hostShares
            ? 'Screenshare requested'
            : `Asked to see ${guest === 'The patron' ? "the patron's" : `${guest}'s`} screen`}
          : waiting for <bdi>{guest === 'The patron' ? 'the patron' : guest}</bdi> to Join.{' '}
          <TimeLeft until={session.expiresAt} />
        </p>
        <button type="button" disabled={busy} onClick={() => void end(session.id)}>
          Cancel request
        </button>
      </div>
    );
  }

  if (session.state === 'joined') {
    if (role === 'guest') {
      return (
        <div className="screenshare-actions">
          <p role="status">
            You joined. Waiting for <bdi>{session.host.name}</bdi> to Launch…
          </p>
          <button type="button" disabled={busy} onClick={() => void end(session.id)}>
            End
          </button>
        </div>
      );
    }
    return (
      <div className="screenshare-actions">
        <p role="status">
          {session.guestReady ? (
            <>
              <bdi>{guest}</bdi> joined the screenshare.
            </>
          ) : (
            <>
              <bdi>{guest}</bdi> joined; their screenshare window is opening…
            </>
          )}
        </p>
        <button
          type="button"
          className="primary"
          disabled={busy || !session.guestReady}
          onClick={() => void launch(session.id)}
        >
          Launch
        </button>
        <button type="button" disabled={busy} onClick={() => void end(session.id)}>
          Cancel
        </button>
      </div>
    );
  }

  if (isLive(session.state) && !live) {
    return (
      <div className="screenshare-actions">
        <p role="status">This screenshare is not connected in this window (it was reloaded, or is open in another).</p>
        <button type="button" className="primary" disabled={busy} onClick={() => void rejoin(session.id)}>
          Rejoin the call
        </button>
        <button type="button" onClick={() => void end(session.id)}>
          End
        </button>
      </div>
    );
  }
  return <CallStage session={session} />;
}

/** The call: voices first, then the picture (sent or watched), with Mute, Share Screen / Stop Share and End. */
function CallStage({ session }: { session: ScreenshareSession }) {
  const me = useConsole((state) => state.operator?.id);
  const live = useConsole((state) => (state.liveScreenshare?.sessionId === session.id ? state.liveScreenshare : null));
  const { share, stop, mute, end } = useConsole(
    useShallow((state) => ({
      share: state.shareScreen,
      stop: state.stopShare,
      mute: state.setScreenshareMuted,
      end: state.endScreenshare,
    })),
  );
  const stage = useRef<HTMLDivElement>(null);
  if (!live) return null;
  const { peer } = live;
  const role = myRoleIn(session, me);
  const iShare = role !== null && sharerRole(session) === role;
  const other =
    role === 'host' ? (session.guest.kind === 'patron' ? 'the patron' : session.guest.name) : session.host.name;
  const connected = peer.connection === 'connected';
  const status = !connected
    ? peer.connection === 'failed'
      ? 'The call could not connect. End it and try again.'
      : 'Connecting the call…'
    : iShare
      ? peer.sharing
        ? `You are sharing ${peer.sharingLabel ? 'your screen' : 'a screen'} with ${other}.`
        : `In a call with ${other}: computer audio is on. Share Screen when you are ready.`
      : session.state === 'sharing'
        ? `${capitalise(other)} is sharing: ${session.sourceLabel ?? 'their screen'}.`
        : `In a call with ${other}: computer audio is on. Waiting for ${other} to share their screen…`;

  return (
    <div className="screenshare-stage" ref={stage} data-screenshare-state={session.state} data-peer={peer.connection}>
      <p role="status" className="screenshare-status">
        {status}
      </p>
      <RemoteAudio tracks={peer.remoteTracks} />
      {!iShare ? <RemoteScreen tracks={peer.remoteTracks} label={`${capitalise(other)}'s screen`} /> : null}
      <div className="screenshare-actions">
        <button type="button" aria-pressed={peer.muted} onClick={() => mute(!peer.muted)}>
          {peer.muted ? 'Unmute' : 'Mute'}
        </button>
        {iShare ? (
          peer.sharing ? (
            <button type="button" className="danger" onClick={() => void stop()}>
              Stop Share
            </button>
          ) : (
            <button type="button" className="primary" disabled={!connected} onClick={() => void share(session.id)}>
              Share Screen
            </button>
          )
        ) : (
          <button
            type="button"
            disabled={session.state !== 'sharing'}
            onClick={() => void stage.current?.querySelector('video')?.requestFullscreen()}
          >
            Fullscreen
          </button>
        )}
        <button type="button" className="danger" onClick={() => void end(session.id)}>
          End
        </button>
      </div>
    </div>
  );
}

function TimeLeft({ until }: { until: number | null }) {
  const now = useNow(1000);
  if (until === null) return null;
  const seconds = Math.max(0, Math.round((until - now) / 1000));
  return (
    <span className="screenshare-time-left">
      ({Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, '0')} left)
    </span>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
