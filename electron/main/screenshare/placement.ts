/**
 * Where the screenshare windows go, as pure functions of the displays (DIP,
 * as Electron's screen module reports them), so every monitor layout, scale
 * factor and unplugged display is tested in Node.
 */
import { chooseDisplay, type DisplayInfo } from '../alerts/placement';
import { centreIn, innerWholeArea, type Rectangle } from '../windows/geometry';

export interface SharingBarPlacementRequest {
  displays: readonly DisplayInfo[];
  /** The display being shared (`String(display.id)`), or null for a window or when unknown. */
  sharedDisplayId: string | null;
  /** The console window, to find the librarian's display when the shared one is unknown or gone. */
  consoleBounds: Rectangle | null;
  size: { width: number; height: number };
  /** Space between the bar and the top of the work area, in DIP. */
  gap: number;
}

/**
 * The sharing bar: at the top centre of the WORK AREA (below a macOS menu bar
 * or a top panel) of the display being shared, so the librarian sees it on the
 * very screen the patron watches; on the console's display when the shared
 * one is a window, unknown, or was unplugged. Whole-DIP coordinates, always
 * inside the work area (a narrow display shrinks the bar instead of cutting it).
 * Null only when there is no display at all.
 */
export function placeSharingBar(request: SharingBarPlacementRequest): { displayId: number; bounds: Rectangle } | null {
  const shared =
    request.sharedDisplayId === null
      ? undefined
      : request.displays.find((display) => String(display.id) === request.sharedDisplayId);
  const display = shared ?? chooseDisplay(request.displays, request.consoleBounds);
  if (!display) return null;
  const area = innerWholeArea(display.workArea);
  const width = Math.max(1, Math.min(Math.round(request.size.width), area.width));
  const height = Math.max(1, Math.min(Math.round(request.size.height), area.height));
  const gap = Math.max(0, Math.min(Math.round(request.gap), area.height - height));
  return {
    displayId: display.id,
    bounds: { x: area.x + Math.floor((area.width - width) / 2), y: area.y + gap, width, height },
  };
}

/** The picker: centred on the console's display (the primary one when the console is hidden away). */
export function placePicker(
  displays: readonly DisplayInfo[],
  consoleBounds: Rectangle | null,
  size: { width: number; height: number },
): Rectangle {
  const display = chooseDisplay(displays, consoleBounds);
  if (!display) return { x: 0, y: 0, ...size };
  return centreIn(size, innerWholeArea(display.workArea));
}
