import { centreIn, displayShowingMost, moveInside, type DisplayInfo, type Rectangle } from './geometry';

/** The console's size on first run: room for the chat list beside an open chat. */
export const DEFAULT_WINDOW_SIZE = { width: 1180, height: 780 } as const;
/** Smaller than this and the console's two columns no longer fit. */
export const MIN_WINDOW_SIZE = { width: 640, height: 480 } as const;

/** What is remembered of the main window between runs. */
export interface SavedWindowState {
  /** The normal (not maximized) bounds. */
  bounds: Rectangle;
  maximized: boolean;
}

/**
 * Where the main window opens. First run: the default size centred on the
 * primary display. Later runs: where it was, but moved fully onto the display
 * that shows most of it; if no display shows any of it (its monitor was
 * unplugged), centred on the primary display at its remembered size.
 */
export function placeMainWindow(
  saved: SavedWindowState | null,
  displays: readonly DisplayInfo[],
  primary: DisplayInfo,
): SavedWindowState {
  if (!saved) return { bounds: centreIn(DEFAULT_WINDOW_SIZE, primary.workArea), maximized: false };
  const size = {
    width: Math.max(saved.bounds.width, MIN_WINDOW_SIZE.width),
    height: Math.max(saved.bounds.height, MIN_WINDOW_SIZE.height),
  };
  const home = displayShowingMost(saved.bounds, displays);
  const bounds = home ? moveInside({ ...saved.bounds, ...size }, home.workArea) : centreIn(size, primary.workArea);
  return { bounds, maximized: saved.maximized };
}
