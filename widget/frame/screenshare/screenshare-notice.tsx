import { useEffect, useId, useMemo, useState } from 'react';
import type { PatronConnection } from '../../../src/client/patron-connection';
import type { Ack } from '../../../src/protocol/ack';
import type { ScreenshareSession } from '../../../src/protocol/screenshare';
import { cannotShareScreen, type DeviceFacts, deviceFacts, PHONE_NOTE } from '../../screenshare-device';
import { screenshareWindows, type ScreenshareWindows } from './screenshare-windows';
import { timeLeftMs, timeLeftText } from './time-left';
import './screenshare-notice.css';

type Answering = Pick<PatronConnection, 'answerScreenshare' | 'endScreenshare'>;

interface Props {
  session: ScreenshareSession;
  connection: Answering;
  /** The windows this widget opened (tests hand in their own). */
  windows?: ScreenshareWindows;
  /** What the browser can do (tests describe a phone). */
  device?: DeviceFacts;
  now?: () => number;
}

/**
 * The chat's screenshare, under the conversation: a request to answer (Join,
 * No thanks, the time left), then, while it runs, where it is (its own
 * window) with Open the screenshare window and End screenshare. Nothing once
 * it is over: the chat's own lines say how it went.
 */
export function ScreenshareNotice({
  session,
  connection,
  windows = screenshareWindows,
  device,
  now = Date.now,
}: Props) {
  const facts = useMemo(() => device ?? deviceFacts(), [device]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);

  if (session.state === 'ended') return null;

  const settle = (ack: Ack<ScreenshareSession>) => {
    setBusy(false);
    setError(ack.ok ? null : ack.error.message);
    return ack.ok;
  };

  // window.open first, in the click itself (popup blockers allow it only there); then the answer.
  const join = async () => {
    const { key, opened } = windows.open(session.id);
    setBlocked(!opened);
    setBusy(true);
    if (!settle(await connection.answerScreenshare(session.id, true, key))) windows.discard(session.id);
  };
  const decline = async () => {
    setBusy(true);
    settle(await connection.answerScreenshare(session.id, false));
  };
  const end = async () => {
    setBusy(true);
    settle(await connection.endScreenshare(session.id));
  };
  const reopen = () => setBlocked(!windows.open(session.id).opened);

  if (session.state === 'requested') {
    return (
      <RequestCard
        key={session.id}
        session={session}
        phone={cannotShareScreen(facts)}
        busy={busy}
        error={error}
        now={now}
        onJoin={() => void join()}
        onDecline={() => void decline()}
      />
    );
  }
  const canReopen = windows.keyOf(session.id) !== null;
  return (
    <section className="screenshare-notice live" aria-labelledby={`screenshare-live-${session.id}`}>
      <h2 id={`screenshare-live-${session.id}`}>Screenshare in its own window</h2>
      <p role="status" className="screenshare-live-status">
        {blocked ? 'Your browser blocked the screenshare window. Open it with the button below.' : liveText(session)}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="actions">
        {canReopen && (
          <button type="button" className={blocked ? 'primary' : undefined} onClick={reopen}>
            Open the screenshare window
          </button>
        )}
        <button type="button" className="danger" disabled={busy} onClick={() => void end()}>
          End screenshare
        </button>
      </div>
    </section>
  );
}

function liveText(session: ScreenshareSession): string {
  const host = session.host.name;
  switch (session.state) {
    case 'joined':
      return session.guestReady ? `Waiting for ${host} to start.` : 'Opening the screenshare window...';
    case 'connecting':
      return 'Connecting the call...';
    case 'sharing':
      return session.direction === 'host-shares' ? `${host} is sharing their screen.` : 'You are sharing your screen.';
    default:
      return 'The call is on; nothing is being shared right now.';
  }
}

interface RequestProps {
  session: ScreenshareSession;
  phone: boolean;
  busy: boolean;
  error: string | null;
  now: () => number;
  onJoin: () => void;
  onDecline: () => void;
}

function RequestCard({ session, phone, busy, error, now, onJoin, onDecline }: RequestProps) {
  const headingId = useId();
  const hostShares = session.direction === 'host-shares';
  const host = session.host.name;
  const left = useTimeLeft(session, now);
  return (
    <section className="screenshare-notice request" aria-labelledby={headingId} data-screenshare-request={session.id}>
      <h2 id={headingId}>
        {hostShares ? (
          <>
            <bdi dir="auto">{host}</bdi> would like to share their screen with you
          </>
        ) : (
          <>
            <bdi dir="auto">{host}</bdi> would like to see your screen
          </>
        )}
      </h2>
      {hostShares ? (
        <p>The screenshare opens in a window of its own, with sound: you can talk to each other.</p>
      ) : (
        <p>
          You choose what to show: a window, a tab or your whole screen; nothing is shared until you choose. The
          screenshare opens in a window of its own, with sound.
        </p>
      )}
      {phone && !hostShares && <p className="phone-note">{PHONE_NOTE}</p>}
      {left !== null && (
        <p className="time-left" data-time-left={Math.ceil(left / 1000)}>
          {timeLeftText(left)}
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={onJoin}>
          Join
        </button>
        <button type="button" disabled={busy} onClick={onDecline}>
          No thanks
        </button>
      </div>
    </section>
  );
}

/** The time left, counted down once a second. */
function useTimeLeft(session: ScreenshareSession, now: () => number): number | null {
  // The card is keyed by the session, so this is when the widget first showed this request.
  const [seenAt] = useState(now);
  const [at, setAt] = useState(seenAt);
  useEffect(() => {
    const timer = setInterval(() => setAt(now()), 1000);
    return () => clearInterval(timer);
  }, [now]);
  return timeLeftMs(session, Math.max(at, seenAt), seenAt);
}
