import { useState } from 'react';
import type { SharingBar as SharingBarText } from '../../../src/protocol';
import './screenshare-picker.css';

export interface SharingBarProps {
  /** What is shared, with whom; null when the page was opened without it. */
  bar: SharingBarText | null;
  /** Stop Share: the desktop tells the console, which stops the picture and takes this bar down. */
  onStop: () => void;
}

/**
 * The always-on-top bar the desktop shows while the operator shares: that
 * they share, what, with whom, and Stop Share. The window never takes focus
 * (it must not steal it from the shared window), so it works with a click.
 */
export function SharingBar({ bar, onStop }: SharingBarProps) {
  const [stopping, setStopping] = useState(false);
  const stop = () => {
    if (stopping) return;
    setStopping(true);
    onStop();
  };
  return (
    <main className="sharing-bar" aria-label="Screen sharing">
      <span className="sharing-bar-dot" aria-hidden="true" />
      <h1 className="sharing-bar-text" aria-live="polite">
        {bar ? (
          <>
            Sharing <bdi className="sharing-bar-strong">{bar.sourceLabel}</bdi> with{' '}
            <bdi className="sharing-bar-strong">{bar.watcherName}</bdi>
          </>
        ) : (
          'Sharing your screen'
        )}
      </h1>
      <button type="button" className="danger sharing-bar-stop" disabled={stopping} onClick={stop}>
        {stopping ? 'Stopping…' : 'Stop Share'}
      </button>
    </main>
  );
}

/** The bar's text from its page's query (`?source=...&watcher=...`, as main opens it), or null. */
export function sharingBarFromQuery(search: string): SharingBarText | null {
  const params = new URLSearchParams(search);
  if (params.get('demo') === '1') return { sourceLabel: 'Screen 1', watcherName: 'Riley Reader' };
  const sourceLabel = params.get('source');
  const watcherName = params.get('watcher');
  if (sourceLabel === null || watcherName === null) return null;
  return { sourceLabel: sourceLabel.slice(0, 200), watcherName: watcherName.slice(0, 120) };
}
