import { describeSource, otherPartyOf } from '../../store/screenshare-slice';
import { useConsole } from '../../store/store-context';
import './screenshare.css';

/**
 * Across the top of the console while this window shares a screen: that it
 * shares, what, and with whom, with Stop Share always in reach (the desktop
 * app also shows its own always-on-top bar, for when the console is hidden).
 */
export function SharingBanner() {
  const live = useConsole((state) => state.liveScreenshare);
  const session = useConsole((state) => (live ? state.screenshares[live.sessionId] : undefined));
  const me = useConsole((state) => state.operator?.id);
  const stop = useConsole((state) => state.stopShare);
  if (!live?.peer.sharing || !session) return null;
  return (
    <div className="sharing-banner" role="status">
      You are sharing {describeSource(live.peer.sharingLabel ?? '')} with <bdi>{otherPartyOf(session, me)}</bdi>
      <button type="button" onClick={() => void stop()}>
        Stop Share
      </button>
    </div>
  );
}
