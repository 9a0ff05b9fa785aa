import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chooseDisplay,
  placeAlertWindows,
  type AlertPlacementRequest,
  type DisplayInfo,
  type Rectangle,
} from '../../electron/main/alerts/placement';
import { display } from '../fakes/alerts-fakes';

const POPUP = { width: 360, height: 132 };
const GAP = 8;

function place(
  displays: DisplayInfo[],
  mainWindow: Rectangle | null,
  alerts: string[],
  extra: Partial<AlertPlacementRequest> = {},
) {
  return placeAlertWindows({ displays, mainWindow, popupSize: POPUP, gap: GAP, alerts, maxVisible: 4, ...extra });
}

const right = (r: Rectangle) => r.x + r.width;
const bottom = (r: Rectangle) => r.y + r.height;

function expectInside(inner: Rectangle, outer: Rectangle): void {
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y);
  expect(right(inner)).toBeLessThanOrEqual(right(outer));
  expect(bottom(inner)).toBeLessThanOrEqual(bottom(outer));
}

/** 1920x1080 with a 40 px taskbar on each side in turn. */
const FULL_HD = { x: 0, y: 0, width: 1920, height: 1080 };
const TASKBAR = {
  bottom: { x: 0, y: 0, width: 1920, height: 1040 },
  top: { x: 0, y: 40, width: 1920, height: 1040 },
  left: { x: 40, y: 0, width: 1880, height: 1080 },
  right: { x: 0, y: 0, width: 1880, height: 1080 },
};

describe('where the new-chat pop-up appears, by taskbar position', () => {
  it.each(Object.entries(TASKBAR))(
    'with the taskbar at the %s the pop-up sits in the lower-right corner of the free screen, clear of the taskbar',
    (_side, workArea) => {
      const result = place([display(1, FULL_HD, workArea, { primary: true })], null, ['c1']);
      const [only] = result.placed;
      expect(only?.chatId).toBe('c1');
      const bounds = only!.bounds;
      expect({ width: bounds.width, height: bounds.height }).toEqual(POPUP);
      expect(right(bounds)).toBe(right(workArea) - GAP);
      expect(bottom(bounds)).toBe(bottom(workArea) - GAP);
      expectInside(bounds, workArea);
    },
  );

  it('with the taskbar at the bottom, the first pop-up is 8 px above it and 8 px from the right edge', () => {
    const result = place([display(1, FULL_HD, TASKBAR.bottom, { primary: true })], null, ['c1']);
    expect(result.placed[0]?.bounds).toEqual({ x: 1920 - 8 - 360, y: 1040 - 8 - 132, width: 360, height: 132 });
  });

  it('with the taskbar on the right, the pop-up never covers it', () => {
    const result = place([display(1, FULL_HD, TASKBAR.right, { primary: true })], null, ['c1']);
    expect(right(result.placed[0]!.bounds)).toBe(1880 - GAP);
  });

  it('with the taskbar on top, the pop-up still anchors to the bottom of the screen', () => {
    const result = place([display(1, FULL_HD, TASKBAR.top, { primary: true })], null, ['c1']);
    expect(bottom(result.placed[0]!.bounds)).toBe(1080 - GAP);
  });
});

describe('several chats at once', () => {
  const screen = [display(1, FULL_HD, TASKBAR.bottom, { primary: true })];

  it('stacks upward: the oldest chat nearest the corner, each newer one above the last, never overlapping', () => {
    const { placed, waiting } = place(screen, null, ['oldest', 'middle', 'newest']);
    expect(placed.map((p) => p.chatId)).toEqual(['oldest', 'middle', 'newest']);
    expect(waiting).toEqual([]);
    for (let i = 1; i < placed.length; i++) {
      const below = placed[i - 1]!.bounds;
      const above = placed[i]!.bounds;
      expect(above.x).toBe(below.x);
      expect(bottom(above) + GAP).toBe(below.y);
    }
  });

  it('shows at most the cap and keeps the rest waiting, oldest first', () => {
    const alerts = ['a', 'b', 'c', 'd', 'e', 'f'];
    const { placed, waiting } = place(screen, null, alerts);
    expect(placed.map((p) => p.chatId)).toEqual(['a', 'b', 'c', 'd']);
    expect(waiting).toEqual(['e', 'f']);
  });

  it('on a short screen shows only what fits, and the rest wait instead of going off the top', () => {
    const short = [display(1, { x: 0, y: 0, width: 800, height: 600 }, { x: 0, y: 0, width: 800, height: 560 })];
    const { placed, waiting } = place(short, null, ['a', 'b', 'c', 'd', 'e']);
    expect(placed).toHaveLength(3);
    expect(waiting).toEqual(['d', 'e']);
    for (const p of placed) expectInside(p.bounds, short[0]!.workArea);
  });

  it('on a screen smaller than a pop-up shrinks the pop-up to fit instead of leaving the screen', () => {
    const tiny = { x: 0, y: 0, width: 300, height: 100 };
    const { placed, waiting } = place([display(1, tiny, tiny)], null, ['a', 'b']);
    expect(placed).toHaveLength(1);
    expect(waiting).toEqual(['b']);
    expectInside(placed[0]!.bounds, tiny);
  });

  it('with no display at all, every alert waits', () => {
    expect(place([], null, ['a'])).toEqual({ displayId: null, placed: [], waiting: ['a'] });
  });
});

describe('two monitors', () => {
  const primary = display(1, FULL_HD, TASKBAR.bottom, { primary: true });
  // A second monitor to the left of and higher than the primary: negative coordinates.
  const leftHigher = display(
    2,
    { x: -1280, y: -200, width: 1280, height: 1024 },
    { x: -1280, y: -200, width: 1280, height: 984 },
  );
  const displays = [primary, leftHigher];

  it('pops up on the monitor the console window is on, even at negative coordinates', () => {
    const mainWindow = { x: -1200, y: -100, width: 1000, height: 700 };
    const result = place(displays, mainWindow, ['c1', 'c2']);
    expect(result.displayId).toBe(2);
    const [first, second] = result.placed.map((p) => p.bounds);
    expect(first).toEqual({ x: -8 - 360, y: -200 + 984 - 8 - 132, width: 360, height: 132 });
    expect(bottom(second!) + GAP).toBe(first!.y);
    for (const p of result.placed) expectInside(p.bounds, leftHigher.workArea);
  });

  it('when the console window straddles both monitors, picks the one holding most of it', () => {
    const mostlyOnPrimary = { x: -300, y: 100, width: 1000, height: 600 };
    expect(chooseDisplay(displays, mostlyOnPrimary)?.id).toBe(1);
    const mostlyOnSecond = { x: -700, y: 100, width: 1000, height: 600 };
    expect(chooseDisplay(displays, mostlyOnSecond)?.id).toBe(2);
  });

  it('uses the primary monitor when the console window is hidden or lies on no monitor', () => {
    const secondFirst = [leftHigher, primary];
    expect(place(secondFirst, null, ['c1']).displayId).toBe(1);
    expect(place(secondFirst, { x: 5000, y: 5000, width: 800, height: 600 }, ['c1']).displayId).toBe(1);
  });

  it('uses the first monitor when none is marked primary', () => {
    const unmarked = [{ ...leftHigher }, { ...primary, primary: false }];
    expect(place(unmarked, null, ['c1']).displayId).toBe(2);
  });
});

describe('scale factors', () => {
  it('a pop-up has the same size in DIP at 100 %, 125 % and 200 %, so it looks the same size everywhere', () => {
    const cases = [
      display(1, FULL_HD, TASKBAR.bottom, { scaleFactor: 1 }),
      // 1920x1080 at 125 % is 1536x864 DIP; a 40 px taskbar is 32 DIP.
      display(
        2,
        { x: 0, y: 0, width: 1536, height: 864 },
        { x: 0, y: 0, width: 1536, height: 832 },
        { scaleFactor: 1.25 },
      ),
      // A Retina 2880x1800 is 1440x900 DIP with the menu bar on top and the dock below.
      display(
        3,
        { x: 0, y: 0, width: 1440, height: 900 },
        { x: 0, y: 25, width: 1440, height: 805 },
        { scaleFactor: 2 },
      ),
    ];
    for (const screen of cases) {
      const bounds = place([screen], null, ['c1']).placed[0]!.bounds;
      expect({ width: bounds.width, height: bounds.height }).toEqual(POPUP);
      expect(right(bounds)).toBe(right(screen.workArea) - GAP);
      expect(bottom(bounds)).toBe(bottom(screen.workArea) - GAP);
    }
  });

  it('rounds to whole DIP inside the work area when fractional scaling reports fractional edges', () => {
    // 1366x768 at 125 % on Linux: 1092.8 x 614.4 DIP, a 27 px panel at the bottom.
    const fractional = display(
      1,
      { x: 0, y: 0, width: 1092.8, height: 614.4 },
      { x: 0.4, y: 0.6, width: 1092.4, height: 592.2 },
      { scaleFactor: 1.25 },
    );
    const { placed } = place([fractional], null, ['a', 'b', 'c']);
    expect(placed).toHaveLength(3);
    for (const { bounds } of placed) {
      for (const value of Object.values(bounds)) expect(Number.isInteger(value)).toBe(true);
      expectInside(bounds, fractional.workArea);
    }
    expect(right(placed[0]!.bounds)).toBe(Math.floor(0.4 + 1092.4) - GAP);
    expect(bottom(placed[0]!.bounds)).toBe(Math.floor(0.6 + 592.2) - GAP);
  });

  it('on a mixed-DPI pair the pop-up follows the console to the 200 % monitor', () => {
    const office = display(1, FULL_HD, TASKBAR.bottom, { primary: true, scaleFactor: 1 });
    const laptop = display(
      2,
      { x: 1920, y: 180, width: 1440, height: 900 },
      { x: 1920, y: 180, width: 1440, height: 852 },
      { scaleFactor: 2 },
    );
    const result = place([office, laptop], { x: 2000, y: 200, width: 1200, height: 800 }, ['c1']);
    expect(result.displayId).toBe(2);
    expect(result.placed[0]!.bounds).toEqual({
      x: 1920 + 1440 - 8 - 360,
      y: 180 + 852 - 8 - 132,
      width: 360,
      height: 132,
    });
  });
});

describe('for any screen layout', () => {
  const rect = fc.record({
    x: fc.integer({ min: -4000, max: 4000 }),
    y: fc.integer({ min: -4000, max: 4000 }),
    width: fc.integer({ min: 1, max: 4000 }),
    height: fc.integer({ min: 1, max: 3000 }),
  });
  const displayArb = fc
    .tuple(rect, fc.nat(200), fc.nat(200), fc.nat(200), fc.nat(200), fc.constantFrom(1, 1.25, 1.5, 2), fc.boolean())
    .map(([bounds, top, left, bottomBar, rightBar, scaleFactor, primary]) => {
      const width = Math.max(1, bounds.width - left - rightBar);
      const height = Math.max(1, bounds.height - top - bottomBar);
      return { bounds, workArea: { x: bounds.x + left, y: bounds.y + top, width, height }, scaleFactor, primary };
    });

  it('every pop-up lies on one display inside its work area, on whole DIP, without overlapping another', () => {
    fc.assert(
      fc.property(
        fc.array(displayArb, { minLength: 1, maxLength: 3 }),
        fc.option(rect, { nil: null }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 6 }),
        (raw, mainWindow, count, maxVisible) => {
          const displays = raw.map((d, id) => ({ ...d, id }));
          const alerts = Array.from({ length: count }, (_, i) => `chat-${i}`);
          const result = place(displays, mainWindow, alerts, { maxVisible });
          const chosen = displays.find((d) => d.id === result.displayId)!;
          expect(result.placed.length).toBeLessThanOrEqual(maxVisible);
          expect([...result.placed.map((p) => p.chatId), ...result.waiting]).toEqual(alerts);
          if (count > 0) expect(result.placed.length).toBeGreaterThan(0);
          for (const [i, { bounds }] of result.placed.entries()) {
            for (const value of Object.values(bounds)) expect(Number.isInteger(value)).toBe(true);
            expectInside(bounds, chosen.workArea);
            const next = result.placed[i + 1];
            if (next) expect(bottom(next.bounds)).toBeLessThanOrEqual(bounds.y);
          }
        },
      ),
    );
  });
});
