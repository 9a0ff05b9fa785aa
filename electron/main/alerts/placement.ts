/**
 * Where Deskbell's new-chat pop-ups go: the bottom-right corner of the WORK
 * AREA (the screen minus taskbar, dock and panels) of the display the main
 * window is on, the oldest chat nearest the corner and newer ones stacked
 * upward. A pure function of the displays, the main window and the stack, so
 * every taskbar position, monitor layout and scale factor is tested in Node.
 */

import { innerWholeArea, overlapArea, type DisplayInfo as ScreenDisplay, type Rectangle } from '../windows/geometry';

export type { Rectangle } from '../windows/geometry';

/** What placement needs to know about one display (Electron's `Display`, trimmed). */
export interface DisplayInfo extends ScreenDisplay {
  /** The primary display is the fallback when the main window is on none of them. */
  primary: boolean;
}

export interface AlertPlacementRequest {
  displays: readonly DisplayInfo[];
  /** Null when the main window is not created yet (or hidden away in the tray). */
  mainWindow: Rectangle | null;
  /** The pop-up's designed size, in DIP. */
  popupSize: { width: number; height: number };
  /** Space between pop-ups, and between a pop-up and the work area's edges, in DIP. */
  gap: number;
  /** The open alerts' chat ids, oldest first. */
  alerts: readonly string[];
  /** Never show more than this many at once, even on a tall screen. */
  maxVisible: number;
}

export interface PlacedAlert {
  chatId: string;
  bounds: Rectangle;
}

export interface AlertPlacement {
  /** The display the pop-ups go on, or null when there is no display at all. */
  displayId: number | null;
  /** Pop-ups to show, oldest (lowest) first. */
  placed: PlacedAlert[];
  /** Alerts that wait for room, oldest first; they show as placed pop-ups go away. */
  waiting: string[];
}

/**
 * Places the pop-ups. Every rectangle has whole-DIP coordinates (Electron's
 * setBounds wants integers) and lies inside the chosen display's work area,
 * even when that work area has fractional edges (fractional scaling on Linux
 * reports them) or is smaller than a pop-up (the pop-up then shrinks).
 */
export function placeAlertWindows(request: AlertPlacementRequest): AlertPlacement {
  const display = chooseDisplay(request.displays, request.mainWindow);
  if (!display) return { displayId: null, placed: [], waiting: [...request.alerts] };

  const area = innerWholeArea(display.workArea);
  const gap = Math.max(0, Math.round(request.gap));
  const width = clampSize(request.popupSize.width, area.width - 2 * gap, area.width);
  const height = clampSize(request.popupSize.height, area.height - 2 * gap, area.height);
  // With no room for the gaps, the pop-up hugs the edges instead of leaving the screen.
  const sideGap = Math.min(gap, Math.floor((area.width - width) / 2));
  const bottomGap = Math.min(gap, area.height - height);

  const right = area.x + area.width - sideGap;
  const bottom = area.y + area.height - bottomGap;
  const fits = 1 + Math.floor((bottom - height - area.y - gap) / (height + gap));
  const capacity = Math.max(1, Math.min(Math.max(1, Math.floor(request.maxVisible)), fits));

  const placed = request.alerts.slice(0, capacity).map((chatId, index) => ({
    chatId,
    bounds: { x: right - width, y: bottom - height - index * (height + gap), width, height },
  }));
  return { displayId: display.id, placed, waiting: request.alerts.slice(capacity) };
}

/**
 * The display the main window overlaps most; the primary display when the main
 * window overlaps none (or does not exist), so pop-ups follow the librarian's
 * eyes to the monitor they work on.
 */
export function chooseDisplay(displays: readonly DisplayInfo[], mainWindow: Rectangle | null): DisplayInfo | null {
  let best: DisplayInfo | null = null;
  let bestArea = 0;
  if (mainWindow) {
    for (const display of displays) {
      const area = overlapArea(display.bounds, mainWindow);
      if (area > bestArea) {
        best = display;
        bestArea = area;
      }
    }
  }
  return best ?? displays.find((display) => display.primary) ?? displays[0] ?? null;
}

/** The designed size when it fits with its gaps, else what fits with them, else the whole side. */
function clampSize(designed: number, roomWithGaps: number, room: number): number {
  const wanted = Math.max(1, Math.round(designed));
  if (wanted <= roomWithGaps) return wanted;
  return Math.max(1, roomWithGaps > 0 ? roomWithGaps : room);
}
