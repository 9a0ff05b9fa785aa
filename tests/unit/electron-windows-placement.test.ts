import { describe, expect, it } from 'vitest';
import { BADGE_DOT_SIZE, badgeDotBitmap } from '../../electron/main/windows/badge-dot';
import { centreIn, displayShowingMost, moveInside, overlapArea } from '../../electron/main/windows/geometry';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, placeMainWindow } from '../../electron/main/windows/window-placement';
import { display } from '../fakes/windows-fake-ports';

const laptop = display(1, { x: 0, y: 0, width: 1440, height: 900 });
const monitorRight = display(2, { x: 1440, y: 0, width: 2560, height: 1440 });
const monitorLeftTaskbarTop = {
  id: 3,
  bounds: { x: -1920, y: 0, width: 1920, height: 1080 },
  workArea: { x: -1920, y: 48, width: 1920, height: 1032 },
  scaleFactor: 1.25,
};

describe('where the main window opens', () => {
  it('on first run it opens at the default size, centred on the primary display', () => {
    const place = placeMainWindow(null, [laptop, monitorRight], laptop);
    expect(place.maximized).toBe(false);
    expect(place.bounds.width).toBe(DEFAULT_WINDOW_SIZE.width);
    expect(place.bounds.height).toBe(DEFAULT_WINDOW_SIZE.height);
    const work = laptop.workArea;
    expect(place.bounds.x - work.x).toBe(work.x + work.width - (place.bounds.x + place.bounds.width));
    expect(
      Math.abs(place.bounds.y - work.y - (work.y + work.height - (place.bounds.y + place.bounds.height))),
    ).toBeLessThanOrEqual(1);
  });

  it('on a first run on a small screen the default size shrinks to fit the work area', () => {
    const small = display(1, { x: 0, y: 0, width: 1024, height: 600 });
    expect(placeMainWindow(null, [small], small).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 560 });
  });

  it('reopens exactly where the librarian left it when that place is still on screen', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(placeMainWindow(saved, [laptop, monitorRight], laptop)).toEqual(saved);
  });

  it('a window saved on a monitor that was unplugged comes back centred on the primary display, same size', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    const place = placeMainWindow(saved, [laptop], laptop);
    expect(place.bounds).toEqual(centreIn({ width: 1200, height: 800 }, laptop.workArea));
    expect(overlapArea(place.bounds, laptop.workArea)).toBe(1200 * 800);
  });

  it('a window hanging partly off the screen is moved fully onto the display that showed most of it', () => {
    const saved = { bounds: { x: 1000, y: 500, width: 800, height: 600 }, maximized: false };
    const place = placeMainWindow(saved, [laptop], laptop);
    expect(place.bounds).toEqual({ x: 640, y: 260, width: 800, height: 600 });
  });

  it('a window partly above a top taskbar is moved below it', () => {
    const saved = { bounds: { x: -1800, y: 0, width: 1000, height: 700 }, maximized: false };
    const place = placeMainWindow(saved, [laptop, monitorLeftTaskbarTop], laptop);
    expect(place.bounds).toEqual({ x: -1800, y: 48, width: 1000, height: 700 });
  });

  it('a window spanning two monitors goes onto the one that showed most of it', () => {
    const saved = { bounds: { x: 1000, y: 100, width: 1000, height: 700 }, maximized: false };
    const place = placeMainWindow(saved, [laptop, monitorRight], laptop);
    expect(place.bounds).toEqual({ x: 1440, y: 100, width: 1000, height: 700 });
  });

  it('a remembered size bigger than the display shrinks to the work area', () => {
    const saved = { bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false };
    expect(placeMainWindow(saved, [laptop], laptop).bounds).toEqual(laptop.workArea);
  });

  it('a remembered size smaller than the console can use grows to the minimum', () => {
    const saved = { bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false };
    const { bounds } = placeMainWindow(saved, [laptop], laptop);
    expect(bounds.width).toBe(MIN_WINDOW_SIZE.width);
    expect(bounds.height).toBe(MIN_WINDOW_SIZE.height);
  });

  it('a window that was maximized opens maximized again', () => {
    const saved = { bounds: { x: 10, y: 10, width: 900, height: 700 }, maximized: true };
    expect(placeMainWindow(saved, [laptop], laptop).maximized).toBe(true);
  });
});

describe('screen geometry', () => {
  it('rectangles that only touch share no area', () => {
    expect(overlapArea({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 })).toBe(0);
    expect(overlapArea({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 5, width: 10, height: 10 })).toBe(25);
  });

  it('no display is chosen for a rectangle that no display shows', () => {
    expect(displayShowingMost({ x: 5000, y: 5000, width: 10, height: 10 }, [laptop, monitorRight])).toBeNull();
  });

  it('moving inside leaves a rectangle that already fits where it is', () => {
    const rect = { x: 10, y: 20, width: 300, height: 200 };
    expect(moveInside(rect, laptop.workArea)).toEqual(rect);
  });
});

describe('the taskbar badge dot (Windows overlay)', () => {
  const pixel = (bitmap: Uint8Array, x: number, y: number) =>
    Array.from(bitmap.slice((y * BADGE_DOT_SIZE + x) * 4, (y * BADGE_DOT_SIZE + x) * 4 + 4));

  it('is a 16 x 16 BGRA bitmap: red in the middle, white rim, clear corners', () => {
    const bitmap = badgeDotBitmap();
    expect(bitmap.length).toBe(BADGE_DOT_SIZE * BADGE_DOT_SIZE * 4);
    expect(pixel(bitmap, 8, 8)).toEqual([0x2b, 0x2b, 0xd2, 0xff]);
    expect(pixel(bitmap, 0, 8)).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(pixel(bitmap, 0, 0)[3]).toBe(0);
    expect(pixel(bitmap, 15, 15)[3]).toBe(0);
  });
});
