/**
 * A throwaway desktop for notification tests: an Xvfb display on a number it
 * picks itself (-displayfd, so parallel runs never collide), a private D-Bus
 * session bus, and dunst as the notification daemon, drawing at the bottom
 * right. Everything is started here and stopped by its own PID.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The programs the desktop needs, with the Debian package that brings each. */
export const DESKTOP_TOOLS: ReadonlyArray<[program: string, aptPackage: string]> = [
  ['Xvfb', 'xvfb'],
  ['dbus-launch', 'dbus-x11'],
  ['dbus-send', 'dbus-bin'],
  ['dunst', 'dunst'],
  ['dunstctl', 'dunst'],
  ['notify-send', 'libnotify-bin'],
  ['import', 'imagemagick'],
  ['convert', 'imagemagick'],
];

/** Which of DESKTOP_TOOLS are not on PATH, as "program (package)". */
export function missingDesktopTools(): string[] {
  return DESKTOP_TOOLS.filter(([program]) => spawnSync('which', [program]).status !== 0).map(
    ([program, aptPackage]) => `${program} (${aptPackage})`,
  );
}

export const SCREEN = { width: 1280, height: 800 } as const;

/** dunst's own expiry for a normal notification, in seconds: an alert that asks for none outlives it. */
export const DAEMON_DEFAULT_TIMEOUT_SECONDS = 2;

const DUNSTRC = `
[global]
    origin = bottom-right
    offset = 24x24
    width = 380
    notification_limit = 0
    font = DejaVu Sans 11
    frame_width = 2
    frame_color = "#1d4e89"
    padding = 10
    horizontal_padding = 12
    # No mouse or idle handling to wait for: nobody sits at this display.
    idle_threshold = 0
[urgency_low]
    background = "#ffffff"
    foreground = "#1a1a1a"
    timeout = ${DAEMON_DEFAULT_TIMEOUT_SECONDS}
[urgency_normal]
    background = "#ffffff"
    foreground = "#1a1a1a"
    timeout = ${DAEMON_DEFAULT_TIMEOUT_SECONDS}
[urgency_critical]
    background = "#ffffff"
    foreground = "#1a1a1a"
    timeout = 0
`;

/** One closed notification as dunst remembers it. */
export interface HistoryEntry {
  summary: string;
  body: string;
  appname: string;
  category: string;
  /** The expiry dunst applied: 0 when the notification never expires by itself. */
  timeout: number;
}

export interface NotificationDesktop {
  /** DISPLAY and DBUS_SESSION_BUS_ADDRESS for programs that should use this desktop. */
  env: { DISPLAY: string; DBUS_SESSION_BUS_ADDRESS: string };
  /** How many notifications dunst shows right now. */
  displayedCount(): number;
  /** Closes every notification, as a click on each would. */
  dismissAll(): void;
  /** The notifications dunst has closed, newest first, as received (timeout 0: never expires). */
  history(): HistoryEntry[];
  /** Photographs the whole screen into a PNG. */
  screenshot(file: string): void;
  stop(): Promise<void>;
}

async function waitFor<T>(what: string, probe: () => T | null | undefined, attempts = 100): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = probe();
    if (value !== null && value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function stopProcess(child: ChildProcess | number | null): Promise<void> {
  if (child === null) return Promise.resolve();
  if (typeof child === 'number') {
    try {
      process.kill(child, 'SIGTERM');
    } catch {
      // Already gone.
    }
    return Promise.resolve();
  }
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts Xvfb, a D-Bus session and dunst; throws (after stopping what started) if any of them fails. */
export async function startNotificationDesktop(): Promise<NotificationDesktop> {
  const work = mkdtempSync(join(tmpdir(), 'deskbell-desktop-'));
  let xvfb: ChildProcess | null = null;
  let dbusPid: number | null = null;
  let dunst: ChildProcess | null = null;
  const stop = async () => {
    await stopProcess(dunst);
    await stopProcess(dbusPid);
    await stopProcess(xvfb);
    rmSync(work, { recursive: true, force: true });
  };

  try {
    // -displayfd 3: Xvfb picks a free display number and writes it to fd 3 once it accepts connections.
    xvfb = spawn(
      'Xvfb',
      ['-displayfd', '3', '-screen', '0', `${SCREEN.width}x${SCREEN.height}x24`, '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
    );
    let xvfbErrors = '';
    xvfb.stderr?.on('data', (chunk: Buffer) => (xvfbErrors += chunk.toString()));
    let displayNumber = '';
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (displayNumber += chunk.toString()));
    const started = xvfb;
    const display = await waitFor(`Xvfb to choose a display (${xvfbErrors.trim() || 'no output'})`, () => {
      if (started.exitCode !== null) throw new Error(`Xvfb exited: ${xvfbErrors.trim()}`);
      return /^\d+\n/.test(displayNumber) ? `:${displayNumber.trim()}` : null;
    });

    const launched = execFileSync('dbus-launch', ['--sh-syntax'], {
      encoding: 'utf8',
      env: { ...process.env, DISPLAY: display },
    });
    const address = /DBUS_SESSION_BUS_ADDRESS='([^']+)'/.exec(launched)?.[1];
    const pid = /DBUS_SESSION_BUS_PID=(\d+)/.exec(launched)?.[1];
    if (!address || !pid) throw new Error(`dbus-launch said something unexpected: ${launched}`);
    dbusPid = Number(pid);
    const env = { DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: address };
    const childEnv = { ...process.env, ...env };

    const config = join(work, 'dunstrc');
    writeFileSync(config, DUNSTRC);
    dunst = spawn('dunst', ['-config', config], { env: childEnv, stdio: 'ignore' });
    const daemon = dunst;
    // Ask the bus (which never auto-starts anything for this question) until dunst owns the name;
    // asking dunst itself too early would make D-Bus start a second dunst with the default config.
    await waitFor('dunst to take org.freedesktop.Notifications', () => {
      if (daemon.exitCode !== null) throw new Error(`dunst exited with ${daemon.exitCode}`);
      const reply = spawnSync(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.Notifications',
        ],
        { env: childEnv, encoding: 'utf8' },
      );
      return reply.stdout.includes('boolean true') ? true : null;
    });

    const dunstctl = (...args: string[]) => execFileSync('dunstctl', args, { env: childEnv, encoding: 'utf8' });
    return {
      env,
      displayedCount: () => Number(dunstctl('count', 'displayed').trim()),
      dismissAll: () => void dunstctl('close-all'),
      history: () => {
        type Field<T> = { data: T };
        const parsed = JSON.parse(dunstctl('history')) as {
          data: Array<
            Array<Record<'summary' | 'body' | 'appname' | 'category', Field<string>> & { timeout: Field<number> }>
          >;
        };
        return (parsed.data[0] ?? []).map((entry) => ({
          summary: entry.summary.data,
          body: entry.body.data,
          appname: entry.appname.data,
          category: entry.category.data,
          timeout: entry.timeout.data,
        }));
      },
      screenshot: (file) => execFileSync('import', ['-display', display, '-window', 'root', file], { env: childEnv }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The box around everything drawn on the screen (the notification: the rest
 * is Xvfb's empty root window), as ImageMagick's trim finds it.
 */
export function drawnBox(png: string): { x: number; y: number; width: number; height: number } | null {
  const box = execFileSync('convert', [png, '-fuzz', '2%', '-format', '%@', 'info:'], { encoding: 'utf8' }).trim();
  const match = /^(\d+)x(\d+)\+(\d+)\+(\d+)$/.exec(box);
  if (!match) return null;
  const [width, height, x, y] = match.slice(1).map(Number) as [number, number, number, number];
  // An empty screen trims to a 1x1 box (ImageMagick's "nothing left").
  return width <= 1 && height <= 1 ? null : { x, y, width, height };
}

/** The colour of one pixel, as ImageMagick prints it ("#FFFFFF"). */
export function pixelColor(png: string, x: number, y: number): string {
  const text = execFileSync(
    'convert',
    [png, '-crop', `1x1+${x}+${y}`, '+repage', '-format', '%[hex:p{0,0}]', 'info:'],
    {
      encoding: 'utf8',
    },
  ).trim();
  return `#${text.slice(0, 6).toUpperCase()}`;
}
