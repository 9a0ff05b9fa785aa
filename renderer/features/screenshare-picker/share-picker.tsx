import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SharePick, ShareSource } from '../../../src/protocol';
import './screenshare-picker.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'ready'; sources: ShareSource[]; chosen: string | null; answered: boolean };

export interface SharePickerProps {
  /** What the desktop offers (the bridge's pickerSources, or the demo list). */
  loadSources: () => Promise<ShareSource[]>;
  /** Share (a source id) or Cancel (null); called once. */
  onPick: (pick: SharePick) => void;
}

const GROUPS = [
  { kind: 'screen', title: 'Entire screen' },
  { kind: 'window', title: 'Windows' },
] as const;

/**
 * The desktop's own picker window: every screen and window with a preview,
 * in two groups, "Entire screen" and "Windows". A click or the arrow keys
 * choose, Enter or Share shares, Escape or Cancel refuses. The desktop's main
 * process answers the console's getDisplayMedia with the choice; it closes
 * this window itself.
 */
export function SharePicker({ loadSources, onPick }: SharePickerProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const cards = useRef(new Map<string, HTMLButtonElement>());
  const id = useId();

  useEffect(() => {
    let live = true;
    loadSources().then(
      (sources) => live && setPhase({ kind: 'ready', sources: ordered(sources), chosen: null, answered: false }),
      () => live && setPhase({ kind: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [loadSources]);

  const sources = phase.kind === 'ready' ? phase.sources : [];
  const chosen = phase.kind === 'ready' ? phase.chosen : null;
  const answered = phase.kind === 'ready' && phase.answered;

  const answer = (sourceId: string | null) => {
    if (answered) return;
    if (phase.kind === 'ready') setPhase({ ...phase, answered: true });
    onPick({ sourceId });
  };
  const choose = (sourceId: string) => {
    if (phase.kind !== 'ready' || answered) return;
    setPhase({ ...phase, chosen: sourceId });
    cards.current.get(sourceId)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(null);
      return;
    }
    if (event.key === 'Enter' && chosen && event.target instanceof HTMLElement && event.target.dataset.sourceId) {
      event.preventDefault();
      answer(chosen);
      return;
    }
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const edge = event.key === 'Home' ? 0 : event.key === 'End' ? sources.length - 1 : null;
    if ((step === undefined && edge === null) || sources.length === 0) return;
    const from = event.target instanceof HTMLElement ? event.target.dataset.sourceId : undefined;
    if (!from) return;
    event.preventDefault();
    const at = sources.findIndex((source) => source.id === from);
    const next = edge ?? Math.min(sources.length - 1, Math.max(0, at + (step ?? 0)));
    const target = sources[next];
    if (target) choose(target.id);
  };

  // The one card reachable with Tab: the chosen one, else the first.
  const tabStop = chosen ?? sources[0]?.id ?? null;

  return (
    <main className="share-picker" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
      <header className="share-picker-header">
        <h1 id={`${id}-title`}>Choose what to share</h1>
        <p className="share-picker-hint">The patron will see everything on the screen or window you choose.</p>
      </header>
      <div className="share-picker-body">
        {phase.kind === 'loading' ? (
          <p className="share-picker-status" role="status">
            Looking for screens and windows…
          </p>
        ) : phase.kind === 'failed' ? (
          <p className="share-picker-status" role="alert">
            The screens and windows could not be listed. Cancel and try Share Screen again.
          </p>
        ) : sources.length === 0 ? (
          <p className="share-picker-status" role="status">
            There is no screen or window to share.
          </p>
        ) : (
          GROUPS.map((group) => {
            const members = sources.filter((source) => source.kind === group.kind);
            if (members.length === 0) return null;
            return (
              <section key={group.kind} className="share-picker-group" aria-labelledby={`${id}-${group.kind}`}>
                <h2 id={`${id}-${group.kind}`}>{group.title}</h2>
                <div className="share-picker-cards" role="radiogroup" aria-labelledby={`${id}-${group.kind}`}>
                  {members.map((source) => (
                    <button
                      key={source.id}
                      ref={(element) => {
                        if (element) cards.current.set(source.id, element);
                        else cards.current.delete(source.id);
                      }}
                      type="button"
                      role="radio"
                      aria-checked={source.id === chosen}
                      tabIndex={source.id === tabStop ? 0 : -1}
                      className="share-picker-card"
                      data-source-id={source.id}
                      disabled={answered}
                      onClick={() => choose(source.id)}
                      onDoubleClick={() => answer(source.id)}
                    >
                      <span className="share-picker-thumb">
                        {source.thumbnail ? (
                          <img src={source.thumbnail} alt="" />
                        ) : (
                          <span className="share-picker-no-thumb">No preview</span>
                        )}
                      </span>
                      <span className="share-picker-name" dir="auto">
                        {source.name || (source.kind === 'screen' ? 'Screen' : 'Untitled window')}
                      </span>
                    </button>
                  ))}
                </div>
              </section>
            );
          })
        )}
      </div>
      <footer className="share-picker-actions">
        <button type="button" disabled={answered} onClick={() => answer(null)}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!chosen || answered} onClick={() => answer(chosen)}>
          Share
        </button>
      </footer>
    </main>
  );
}

/** Screens first, then windows, each in the order the desktop listed them (the arrow keys follow this). */
function ordered(sources: ShareSource[]): ShareSource[] {
  return GROUPS.flatMap((group) => sources.filter((source) => source.kind === group.kind));
}
