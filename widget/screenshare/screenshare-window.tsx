import { type ReactNode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type {
  ScreenshareWindowConnection,
  ScreenshareWindowState,
} from '../../src/client/screenshare/screenshare-window-connection';
import type { ScreenshareSession } from '../../src/protocol/screenshare';
import { cannotShareScreen, type DeviceFacts, deviceFacts } from '../screenshare-device';
import { RemoteMedia } from './remote-media';
import { SharePanel } from './share-panel';
import type { CallState, WindowCall } from './window-call';

interface Props {
  /** Null when the window was opened without a session to join. */
  connection: ScreenshareWindowConnection | null;
  call: WindowCall | null;
  device?: DeviceFacts;
  /** Closes the window (window.close() by default; a browser may refuse). */
  closeWindow?: () => void;
}

const AUDIO_NOTE =
  'You will join with computer audio: your microphone and speakers. You can mute yourself at any time.';

const closeThisWindow = () => window.close();

/** The patron's screenshare window: joining, the call itself, or why not. */
export function ScreenshareWindow({ connection, call, device, closeWindow = closeThisWindow }: Props) {
  if (!connection || !call) {
    return (
      <Notice title="No screenshare to join">
        This window was opened without a screenshare. Go back to the chat and choose Open the screenshare window.
      </Notice>
    );
  }
  return <WindowWithSession connection={connection} call={call} device={device} closeWindow={closeWindow} />;
}

function WindowWithSession({
  connection,
  call,
  device,
  closeWindow,
}: Required<Pick<Props, 'closeWindow'>> & {
  connection: ScreenshareWindowConnection;
  call: WindowCall;
  device?: DeviceFacts;
}) {
  const link = useSyncExternalStore(connection.subscribe, connection.getState);
  const callState = useSyncExternalStore(call.subscribe, call.getState);
  const facts = useMemo(() => device ?? deviceFacts(), [device]);
  const [endError, setEndError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const over = link.link === 'refused' && link.refusal?.code === 'SCREENSHARE_OVER';
  const ended = link.session?.state === 'ended' || over;

  useEffect(() => {
    if (link.session?.host.name) document.title = `Screenshare with ${link.session.host.name}`;
  }, [link.session?.host.name]);

  // Over for good: the call and the socket go.
  useEffect(() => {
    if (!ended) return;
    call.close();
    connection.close();
  }, [ended, call, connection]);

  // End screenshare: once it is over (the server's push may come before its answer), the window closes itself.
  useEffect(() => {
    if (ended && leaving) closeWindow();
  }, [ended, leaving, closeWindow]);

  const end = async () => {
    setEndError(null);
    setLeaving(true);
    const ack = await connection.end();
    if (!ack.ok && ack.error.code !== 'SCREENSHARE_OVER' && connection.getState().session?.state !== 'ended') {
      setLeaving(false);
      setEndError(ack.error.message);
    }
  };

  if (ended) {
    return (
      <Notice title="The screenshare has ended">
        {endedWhy(link.session)}The screenshare has ended. You can close this window.
      </Notice>
    );
  }
  if (link.link === 'refused') {
    return (
      <Notice title="This window could not join the screenshare">
        {link.refusal?.message} Go back to the chat: if the screenshare is still on, choose Open the screenshare window.
      </Notice>
    );
  }
  if (!link.session) {
    return (
      <Notice title="Screenshare">
        {link.link === 'reconnecting' ? 'Reconnecting...' : 'Joining the screenshare...'}
      </Notice>
    );
  }
  return (
    <Call
      link={link}
      session={link.session}
      call={call}
      callState={callState}
      phone={cannotShareScreen(facts)}
      endError={endError}
      onEnd={() => void end()}
    />
  );
}

interface CallProps {
  link: ScreenshareWindowState;
  session: ScreenshareSession;
  call: WindowCall;
  callState: CallState;
  phone: boolean;
  endError: string | null;
  onEnd: () => void;
}

function Call({ link, session, call, callState, phone, endError, onEnd }: CallProps) {
  const host = session.host.name;
  const watching = session.direction === 'host-shares';
  const peer = callState.peer;
  const muted = peer?.muted ?? false;
  const micOn = callState.microphone === 'on';

  return (
    <main className="ss" aria-labelledby="ss-title">
      <header className="ss-bar">
        <div className="ss-who">
          <h1 id="ss-title">
            Screenshare with <bdi dir="auto">{host}</bdi>
          </h1>
          <p>Ask a Librarian</p>
        </div>
        <div className="ss-controls">
          <button type="button" disabled={!micOn} onClick={() => call.setMuted(!muted)}>
            {muted ? 'Unmute' : 'Mute'}
          </button>
          <button type="button" className="danger" onClick={onEnd}>
            End screenshare
          </button>
        </div>
      </header>
      <div className="ss-lines">
        <p role="status" className="ss-status">
          {statusText(session, link, callState)}
        </p>
        <p role="status" className="ss-mic">
          {micText(callState, muted)}
        </p>
        {endError && <p role="alert">{endError}</p>}
      </div>
      {!watching && (
        <SharePanel
          operatorName={host}
          call={callState}
          phone={phone}
          onShare={() => void call.share()}
          onStop={() => void call.stopShare()}
        />
      )}
      <RemoteMedia
        tracks={peer?.remoteTracks ?? []}
        pictureOn={session.state === 'sharing'}
        operatorName={host}
        watching={watching}
        waiting={
          <>
            <h2>
              {session.state === 'audio-only' ? `${host} is not sharing right now` : `Waiting for ${host} to start...`}
            </h2>
            <p>{session.state === 'audio-only' ? 'You can still talk to each other.' : AUDIO_NOTE}</p>
          </>
        }
      />
      {!watching && !peer && <p className="ss-audio-note">{AUDIO_NOTE}</p>}
    </main>
  );
}

function statusText(session: ScreenshareSession, link: ScreenshareWindowState, call: CallState): string {
  const host = session.host.name;
  if (link.link === 'reconnecting') return 'Connection lost. Reconnecting...';
  if (call.peer?.connection === 'failed') return `The call to ${host} could not connect.`;
  switch (session.state) {
    case 'joined':
      return `You have joined; ${host} will start the screenshare.`;
    case 'connecting':
      return `Connecting the call with ${host}...`;
    case 'audio-only':
      return session.direction === 'host-shares'
        ? `You are in a call with ${host}. Waiting for ${host} to share their screen.`
        : `You are in a call with ${host}. Choose Share my screen when you are ready.`;
    case 'sharing':
      return session.direction === 'host-shares' ? `${host} is sharing their screen.` : 'You are sharing your screen.';
    default:
      return '';
  }
}

function micText(call: CallState, muted: boolean): string {
  if (call.microphone === 'none') return 'No microphone: you can listen, and write in the chat.';
  if (call.microphone === 'unknown') return '';
  return muted ? 'Your microphone is muted.' : 'Your microphone is on.';
}

function endedWhy(session: ScreenshareSession | null): string {
  switch (session?.endReason) {
    case 'hung-up':
      if (session.endedBy === session.guest.name) return 'You ended it. ';
      return session.endedBy ? `${session.endedBy} ended it. ` : '';
    case 'connection-lost':
      return 'The connection was lost. ';
    case 'chat-ended':
      return 'The chat ended. ';
    case 'expired':
      return 'It was not started in time. ';
    default:
      return '';
  }
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <main className="ss ss-notice" aria-labelledby="ss-notice-title">
      <div className="ss-card">
        <h1 id="ss-notice-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <p role="status">{children}</p>
      </div>
    </main>
  );
}
