import { describe, expect, it } from 'vitest';
import type { OperatorStatus, ReconnectHint, StatusRequest } from '../../src/protocol';
import { AutoAway, IDLE_POLL_MS } from '../../electron/main/power/auto-away';
import { externalAddresses } from '../../electron/main/power/network-addresses';
import { NETWORK_POLL_MS, ReconnectHints } from '../../electron/main/power/reconnect-hints';
import { FakeClock } from '../fakes/fake-clock';
import { FakeNetwork, FakePowerMonitor } from '../fakes/power-fakes';

const MINUTE = 60_000;

/**
 * A librarian's machine with auto-away after `minutes`, and a console that
 * applies every status request at once and reports it back, as the real one does.
 */
function desk(options: { minutes?: number; status?: OperatorStatus; consoleApplies?: boolean } = {}) {
  const clock = new FakeClock();
  const power = new FakePowerMonitor();
  const requests: StatusRequest[] = [];
  let minutes = options.minutes ?? 10;
  let autoAway: AutoAway | null = null;
  autoAway = new AutoAway({
    power,
    clock,
    autoAwayMinutes: () => minutes,
    requestStatus: (request) => {
      requests.push(request);
      if (options.consoleApplies !== false) autoAway?.report({ status: request.status });
    },
  });
  autoAway.report({ status: options.status ?? 'online' });
  /** Idle time grows with the clock until the librarian touches something. */
  const sitIdle = (ms: number) => {
    for (let left = ms; left > 0; left -= 1000) {
      power.idle += 1;
      clock.advance(1000);
    }
  };
  return {
    clock,
    power,
    requests,
    autoAway,
    sitIdle,
    setMinutes: (value: number) => (minutes = value),
    statuses: () => requests.map((r) => `${r.status}/${r.reason}`),
  };
}

describe('auto-away', () => {
  it('locking the screen turns Online into Away; unlocking turns it back to Online', () => {
    const { power, statuses, autoAway } = desk();
    power.lock();
    expect(statuses()).toEqual(['away/auto-away']);
    expect(autoAway.isAutomaticAway()).toBe(true);
    power.unlock();
    expect(statuses()).toEqual(['away/auto-away', 'online/auto-return']);
    expect(autoAway.isAutomaticAway()).toBe(false);
  });

  it('suspending turns Online into Away; resuming turns it back', () => {
    const { power, statuses } = desk();
    power.suspend();
    power.resume();
    expect(statuses()).toEqual(['away/auto-away', 'online/auto-return']);
  });

  it('a laptop that wakes to its lock screen stays Away until it is unlocked', () => {
    const { power, statuses } = desk();
    power.suspend();
    power.resume({ toLockScreen: true });
    expect(statuses()).toEqual(['away/auto-away']);
    power.unlock();
    expect(statuses()).toEqual(['away/auto-away', 'online/auto-return']);
  });

  it('idle for the set minutes turns Online into Away; touching the mouse turns it back', () => {
    const { sitIdle, power, clock, statuses } = desk({ minutes: 10 });
    sitIdle(9 * MINUTE);
    expect(statuses()).toEqual([]);
    sitIdle(1 * MINUTE + IDLE_POLL_MS);
    expect(statuses()).toEqual(['away/auto-away']);
    sitIdle(30 * MINUTE);
    expect(statuses()).toEqual(['away/auto-away']);
    power.touch();
    clock.advance(IDLE_POLL_MS);
    expect(statuses()).toEqual(['away/auto-away', 'online/auto-return']);
  });

  it('Away chosen by hand is never undone: not by unlocking, resuming or coming back to the desk', () => {
    const { power, sitIdle, clock, statuses, autoAway } = desk({ status: 'away' });
    power.lock();
    power.unlock();
    power.suspend();
    power.resume();
    sitIdle(20 * MINUTE);
    power.touch();
    clock.advance(IDLE_POLL_MS);
    expect(statuses()).toEqual([]);
    expect(autoAway.isAutomaticAway()).toBe(false);
  });

  it.each(['internal', 'offline'] as const)('%s is never touched', (status) => {
    const { power, sitIdle, statuses } = desk({ status });
    power.lock();
    power.unlock();
    sitIdle(20 * MINUTE);
    expect(statuses()).toEqual([]);
  });

  it('a status chosen by hand while automatically Away cancels the automatic return', () => {
    const { power, autoAway, statuses } = desk();
    power.lock();
    // In the console, the librarian picks Internal while the screen is still locked remotely.
    autoAway.report({ status: 'internal' });
    power.unlock();
    expect(statuses()).toEqual(['away/auto-away']);
  });

  it('picking Away by hand after an automatic Away keeps it: only an automatic Away comes back', () => {
    const { power, autoAway, statuses } = desk();
    power.lock();
    autoAway.report({ status: 'online' });
    autoAway.report({ status: 'away' });
    power.unlock();
    expect(statuses()).toEqual(['away/auto-away']);
  });

  it("a late report of the old Online while the console applies Away is not mistaken for the librarian's choice", () => {
    const { power, autoAway, statuses } = desk({ consoleApplies: false });
    power.lock();
    autoAway.report({ status: 'online' });
    autoAway.report({ status: 'away' });
    power.unlock();
    expect(statuses()).toEqual(['away/auto-away', 'online/auto-return']);
  });

  it('auto-away minutes 0 turns it all off: lock, suspend and idle leave the status alone', () => {
    const { power, sitIdle, statuses } = desk({ minutes: 0 });
    power.lock();
    power.unlock();
    power.suspend();
    power.resume();
    sitIdle(60 * MINUTE);
    expect(statuses()).toEqual([]);
  });

  it('turning auto-away off while automatically Away still lets the librarian come back', () => {
    const { sitIdle, power, clock, setMinutes, statuses } = desk({ minutes: 5 });
    sitIdle(5 * MINUTE + IDLE_POLL_MS);
    setMinutes(0);
    power.touch();
    clock.advance(IDLE_POLL_MS);
    expect(statuses()).toEqual(['away/auto-away', 'online/auto-return']);
  });

  it('a desktop that never says "unlocked" still returns once the screen is unlocked and used', () => {
    const { power, clock, statuses } = desk();
    power.lock();
    // Some Linux desktops send lock-screen but no unlock-screen.
    power.locked = false;
    power.touch();
    clock.advance(IDLE_POLL_MS);
    expect(statuses()).toEqual(['away/auto-away', 'online/auto-return']);
  });

  it('does not come back while the screen is still locked, even if idle time reads low', () => {
    const { power, clock, statuses } = desk();
    power.lock();
    power.touch();
    clock.advance(IDLE_POLL_MS * 4);
    expect(statuses()).toEqual(['away/auto-away']);
  });

  it('locking twice asks for Away once', () => {
    const { power, statuses } = desk();
    power.lock();
    power.suspend();
    power.lock();
    expect(statuses()).toEqual(['away/auto-away']);
  });

  it('stops listening when the app quits', () => {
    const { power, clock, autoAway } = desk();
    autoAway.dispose();
    expect(power.listenerCount()).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});

function hintsDesk() {
  const clock = new FakeClock();
  const power = new FakePowerMonitor();
  const network = new FakeNetwork();
  const hints: ReconnectHint[] = [];
  const service = new ReconnectHints({ power, network, clock, hint: (hint) => hints.push(hint) });
  return { clock, power, network, hints, service, reasons: () => hints.map((h) => h.reason) };
}

describe('reconnecting at once', () => {
  it('after resuming from sleep and after unlocking, the console is told to reconnect now', () => {
    const { power, reasons } = hintsDesk();
    power.suspend();
    power.resume();
    power.lock();
    power.unlock();
    expect(reasons()).toEqual(['resume', 'unlock']);
  });

  it('when the network comes back, the console reconnects now; losing it asks nothing', () => {
    const { network, clock, reasons } = hintsDesk();
    network.online = false;
    clock.advance(NETWORK_POLL_MS);
    expect(reasons()).toEqual([]);
    network.online = true;
    clock.advance(NETWORK_POLL_MS);
    expect(reasons()).toEqual(['network']);
  });

  it('moving from the office network to home Wi-Fi reconnects, even without going offline', () => {
    const { network, clock, reasons } = hintsDesk();
    network.current = ['10.0.0.7'];
    clock.advance(NETWORK_POLL_MS);
    expect(reasons()).toEqual(['network']);
    clock.advance(NETWORK_POLL_MS * 3);
    expect(reasons()).toEqual(['network']);
  });

  it('the same addresses in another order are the same network', () => {
    const { network, clock, reasons } = hintsDesk();
    network.current = [...network.current].reverse();
    clock.advance(NETWORK_POLL_MS);
    expect(reasons()).toEqual([]);
  });

  it('stops watching when the app quits', () => {
    const { service, power, clock } = hintsDesk();
    service.dispose();
    expect(power.listenerCount()).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('leaves loopback out of the addresses that name a network', () => {
    expect(
      externalAddresses({
        lo: [{ address: '127.0.0.1', internal: true }],
        wlan0: [
          { address: '192.168.1.20', internal: false },
          { address: 'fe80::1', internal: false },
        ],
        down: undefined,
      }),
    ).toEqual(['192.168.1.20', 'fe80::1']);
  });
});
