import type { NetworkPort, PowerMonitorPort, Unsubscribe } from '../../electron/main/power/ports';

type PowerEvent = 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume';

/** A machine the test locks, suspends and leaves idle at will. */
export class FakePowerMonitor implements PowerMonitorPort {
  idle = 0;
  locked = false;
  private readonly listeners = new Map<PowerEvent, Set<() => void>>();

  onLockScreen(listener: () => void): Unsubscribe {
    return this.add('lock-screen', listener);
  }

  onUnlockScreen(listener: () => void): Unsubscribe {
    return this.add('unlock-screen', listener);
  }

  onSuspend(listener: () => void): Unsubscribe {
    return this.add('suspend', listener);
  }

  onResume(listener: () => void): Unsubscribe {
    return this.add('resume', listener);
  }

  idleSeconds(): number {
    return this.idle;
  }

  isScreenLocked(): boolean {
    return this.locked;
  }

  lock(): void {
    this.locked = true;
    this.fire('lock-screen');
  }

  unlock(): void {
    this.locked = false;
    this.idle = 0;
    this.fire('unlock-screen');
  }

  suspend(): void {
    this.fire('suspend');
  }

  /** Wakes up; `toLockScreen` when the OS locks on sleep. */
  resume(options: { toLockScreen?: boolean } = {}): void {
    this.locked = options.toLockScreen ?? false;
    this.fire('resume');
  }

  /** The librarian touches the mouse. */
  touch(): void {
    this.idle = 0;
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  private add(event: PowerEvent, listener: () => void): Unsubscribe {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  private fire(event: PowerEvent): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}

export class FakeNetwork implements NetworkPort {
  online = true;
  current: string[] = ['192.168.1.20', 'fe80::1'];

  isOnline(): boolean {
    return this.online;
  }

  addresses(): string[] {
    return this.current;
  }
}
