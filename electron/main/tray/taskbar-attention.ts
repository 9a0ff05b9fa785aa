/**
 * Flashes the taskbar button when a new chat arrives, and stops it once
 * nothing waits any more (someone claimed it). The window service does the
 * rest: it never flashes a focused window and stops flashing on focus.
 */
export class TaskbarAttention {
  private waiting = 0;

  constructor(
    /** WindowService.flashFrame. */
    private readonly flashFrame: (on: boolean) => void,
  ) {}

  /** The waiting count went up: a new chat. Down to zero: nothing left to call attention to. */
  setWaiting(count: number): void {
    const previous = this.waiting;
    this.waiting = Math.max(0, count);
    if (this.waiting > previous) this.flashFrame(true);
    else if (this.waiting === 0 && previous > 0) this.flashFrame(false);
  }
}
