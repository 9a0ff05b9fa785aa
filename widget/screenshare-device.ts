/**
 * What this browser can do in a screenshare, for the widget's request card
 * and the screenshare window alike. Watching and talking work everywhere
 * WebRTC does; showing one's own screen needs getDisplayMedia, which phones
 * and tablets do not offer (and which a page served over plain http lacks).
 */

/** The parts of `window` read here, so tests can describe a phone. */
export interface DeviceFacts {
  hasDisplayCapture: boolean;
  coarsePointer: boolean;
  /** The shorter side of the screen (not of the window: the widget's panel is always narrow). */
  screenShortSide: number;
}

/** Below this a touch screen is a phone or a small tablet. */
const NARROW_SCREEN_PX = 768;

export function deviceFacts(): DeviceFacts {
  const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
  return {
    hasDisplayCapture: typeof mediaDevices?.getDisplayMedia === 'function',
    coarsePointer: window.matchMedia?.('(pointer: coarse)').matches ?? false,
    screenShortSide: Math.min(window.screen.width, window.screen.height),
  };
}

/** True when sharing one's own screen will not work here: no getDisplayMedia, or a phone-sized touch screen. */
export function cannotShareScreen(facts: DeviceFacts = deviceFacts()): boolean {
  return !facts.hasDisplayCapture || (facts.coarsePointer && facts.screenShortSide < NARROW_SCREEN_PX);
}

/** What the patron is told on such a device, in the widget and in the screenshare window. */
export const PHONE_NOTE =
  'On a phone you can watch and talk, but sharing your own screen does not work; please use a computer.';
