import { useShallow } from 'zustand/react/shallow';
import { isLive } from '../../../src/domain/screenshare-session';
import type { ScreenshareSession } from '../../../src/protocol';
import { describeShareSource } from '../../../src/domain/screenshare-lines';
import { otherPartyOf } from '../../store/screenshare-slice';
import { useConsole } from '../../store/store-context';
import './screenshare.css';

/**
 * Across the top of the console: while this window shares a screen, that it
 * shares, what, and with whom, with Stop Share always in reach (the desktop
 * app also shows its own always-on-top bar, for when the console is hidden);
 * and a call of this librarian's that is not connected here (the console was
 * reloaded), with Rejoin the call, so it cannot go unnoticed.
 */
export function SharingBanner() {
  const live = useConsole((state) => state.liveScreenshare);
  const session = useConsole((state) => (live ? state.screenshares[live.sessionId] : undefined));
  const me = useConsole((state) => state.operator?.id);
  const stop = useConsole((state) => state.stopShare);
  const elsewhere = useConsole(
    useShallow((state) =>
      Object.values(state.screenshares).filter(
        (other: ScreenshareSession) => isLive(other.state) && other.id !== state.liveScreenshare?.sessionId,
      ),
    ),
  );
  const { rejoin, end } = useConsole(
    useShallow((state) => ({ rejoin: state.rejoinScreenshare, end: state.endScreenshare })),
  );
  return (
    <>
      {live?.peer.sharing && session ? (
        <div className="sharing-banner" role="status">
          You are sharing {describeShareSource(live.peer.sharingLabel ?? '')} with{' '}
          <bdi>{otherPartyOf(session, me)}</bdi>
          <button type="button" onClick={() => void stop()}>
            Stop Share
          </button>
        </div>
      ) : null}
      {elsewhere.map((other) => (
        <div key={other.id} className="screenshare-orphan" role="alert">
          Your screenshare with <bdi>{otherPartyOf(other, me)}</bdi> is not connected in this window.
          <button type="button" className="primary" onClick={() => void rejoin(other.id)}>
            Rejoin the call
          </button>
          <button type="button" onClick={() => void end(other.id)}>
            End
          </button>
        </div>
      ))}
    </>
  );
}
