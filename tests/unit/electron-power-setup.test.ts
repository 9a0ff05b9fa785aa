import { describe, expect, it } from 'vitest';
import { connectPower } from '../../electron/main/power/connect-power';
import { IDLE_POLL_MS } from '../../electron/main/power/auto-away';
import { NETWORK_POLL_MS } from '../../electron/main/power/reconnect-hints';
import { FakeNetwork, FakePowerMonitor } from '../fakes/power-fakes';
import { shellHarness } from '../fakes/tray-shell-harness';

function powerDesk(autoAwayMinutes = 10) {
  const shell = shellHarness({ settings: { autoAwayMinutes } });
  const power = new FakePowerMonitor();
  const network = new FakeNetwork();
  const teardown = connectPower(shell.context, { power, network });
  return { ...shell, power, network, teardown };
}

describe('auto-away and reconnecting, wired to the console', () => {
  it('locking the screen asks the console for Away; unlocking asks for Online and a reconnect now', () => {
    const { send, power, received } = powerDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 0 });
    power.lock();
    send('presence/report', { status: 'away', connected: true, waiting: 0 });
    power.unlock();
    expect(received('presence/status-request')).toEqual([
      { status: 'away', reason: 'auto-away' },
      { status: 'online', reason: 'auto-return' },
    ]);
    expect(received('connection/reconnect-now')).toEqual([{ reason: 'unlock' }]);
  });

  it('Away chosen by hand in the console stays Away after unlocking', () => {
    const { send, power, received } = powerDesk();
    send('presence/report', { status: 'away', connected: true, waiting: 0 });
    power.lock();
    power.unlock();
    expect(received('presence/status-request')).toEqual([]);
  });

  it('after sleep the console reconnects at once', () => {
    const { power, received } = powerDesk();
    power.suspend();
    power.resume();
    expect(received('connection/reconnect-now')).toEqual([{ reason: 'resume' }]);
  });

  it('a network change makes the console reconnect at once', () => {
    const { network, clock, received } = powerDesk();
    network.current = ['172.16.4.9'];
    clock.advance(NETWORK_POLL_MS);
    expect(received('connection/reconnect-now')).toEqual([{ reason: 'network' }]);
  });

  it('the auto-away minutes come from Settings, and a change applies at the next check', () => {
    const { send, power, clock, received, context } = powerDesk(30);
    send('presence/report', { status: 'online', connected: true, waiting: 0 });
    power.idle = 6 * 60;
    clock.advance(IDLE_POLL_MS);
    expect(received('presence/status-request')).toEqual([]);
    context.settings.update({ autoAwayMinutes: 5 });
    clock.advance(IDLE_POLL_MS);
    expect(received('presence/status-request')).toEqual([{ status: 'away', reason: 'auto-away' }]);
  });

  it('on quit stops watching the machine', () => {
    const { power, network, clock, teardown, received } = powerDesk();
    teardown();
    expect(power.listenerCount()).toBe(0);
    network.current = ['172.16.4.9'];
    clock.advance(NETWORK_POLL_MS * 10);
    expect(received('connection/reconnect-now')).toEqual([]);
  });
});
