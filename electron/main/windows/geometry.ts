/**
 * Screen geometry in device-independent pixels (DIP), as Electron's screen
 * module reports it. Pure functions, shared by window placement and pop-ups.
 */

/** A rectangle in DIP: what `BrowserWindow.getBounds()` and `Display.workArea` return. */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One monitor: its whole area, the part not covered by taskbars/docks, and its scale factor. */
export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
  workArea: Rectangle;
  scaleFactor: number;
}

/** The area two rectangles share, 0 when they do not overlap. */
export function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** A rectangle of this size centred in `area`, shrunk first if it is bigger than the area. */
export function centreIn(size: { width: number; height: number }, area: Rectangle): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width: Math.round(width),
    height: Math.round(height),
  };
}

/** `rect` moved (and shrunk if needed) the least so that all of it lies inside `area`. */
export function moveInside(rect: Rectangle, area: Rectangle): Rectangle {
  const width = Math.min(rect.width, area.width);
  const height = Math.min(rect.height, area.height);
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

/** The display that shows most of `rect`, or null when none shows any of it. */
export function displayShowingMost(rect: Rectangle, displays: readonly DisplayInfo[]): DisplayInfo | null {
  let best: DisplayInfo | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlapArea(rect, display.workArea);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  return best;
}

/** The largest whole-DIP rectangle inside a possibly fractional one (fractional scaling reports those). */
export function innerWholeArea(area: Rectangle): Rectangle {
  const x = Math.ceil(area.x);
  const y = Math.ceil(area.y);
  return {
    x,
    y,
    width: Math.max(0, Math.floor(area.x + area.width) - x),
    height: Math.max(0, Math.floor(area.y + area.height) - y),
  };
}
