/**
 * Plays at most once per `minGapMs`: a burst of new chats (or a sync that
 * brings several) makes one chirp, not a chorus. Mattermost's desktop does the same.
 */
export function throttle(play: () => void, minGapMs: number, now: () => number = Date.now): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - last < minGapMs) return;
    last = at;
    play();
  };
}
