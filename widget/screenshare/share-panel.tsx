import { describeShareSource } from '../../src/domain/screenshare-lines';
import { PHONE_NOTE } from '../screenshare-device';
import type { CallState } from './window-call';

interface Props {
  operatorName: string;
  call: CallState;
  /** Sharing one's own screen cannot work in this browser (a phone). */
  phone: boolean;
  onShare: () => void;
  onStop: () => void;
}

/**
 * When the operator asked to see the patron's screen: what will be shared,
 * Share my screen (the browser's own picker), and while sharing what is
 * shown and Stop sharing.
 */
export function SharePanel({ operatorName, call, phone, onShare, onStop }: Props) {
  const peer = call.peer;
  const sharing = peer?.sharing ?? false;
  const ready = peer?.connection === 'connected';
  return (
    <section className="ss-share" aria-labelledby="ss-share-heading">
      <h2 id="ss-share-heading">
        <bdi dir="auto">{operatorName}</bdi> would like to see your screen
      </h2>
      <p>
        You choose what to show: a window, a tab or your whole screen; nothing is shared until you choose. You can stop
        at any time, and your browser shows its own Stop sharing button too.
      </p>
      {phone ? (
        <p className="ss-phone">{PHONE_NOTE}</p>
      ) : (
        <div className="ss-share-actions">
          {sharing ? (
            <button type="button" className="danger" onClick={onStop}>
              Stop sharing
            </button>
          ) : (
            <button type="button" className="primary" disabled={!ready} onClick={onShare}>
              Share my screen
            </button>
          )}
        </div>
      )}
      <p role="status" className="ss-share-status">
        {sharing && peer?.sharingLabel ? (
          <>
            You are sharing: <bdi dir="auto">{describeShareSource(peer.sharingLabel)}</bdi>
          </>
        ) : (
          (call.shareError ?? (ready || phone ? '' : 'You can share once the call is connected.'))
        )}
      </p>
    </section>
  );
}
