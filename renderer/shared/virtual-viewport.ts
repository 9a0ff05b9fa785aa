import { observeElementRect, type Rect, type Virtualizer } from '@tanstack/react-virtual';

/**
 * The viewport a virtual list renders into, as TanStack Virtual's
 * `observeElementRect` reports it, except where the page has no layout engine
 * (no ResizeObserver: jsdom in the unit tests). There nothing has a size, and
 * a list that believed its viewport empty would show no rows at all; every
 * row is shown instead, as the list did before it was virtualised.
 */
export function observeViewport<S extends Element, I extends Element>(
  instance: Virtualizer<S, I>,
  report: (rect: Rect) => void,
): void | (() => void) {
  if (!instance.targetWindow?.ResizeObserver) {
    report({ width: 0, height: Number.MAX_SAFE_INTEGER });
    return () => {};
  }
  return observeElementRect(instance, report);
}
