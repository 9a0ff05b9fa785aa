import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/main/app-context';
import { contentSecurityPolicy, serverOrigins } from '../../electron/main/security/content-security-policy';
import { decideWindowOpen, externalWebUrl, mayNavigate } from '../../electron/main/security/navigation';
import { GRANTED_PERMISSIONS, mayGrantPermission } from '../../electron/main/security/permissions';
import { setUpSecurity } from '../../electron/main/security/setup-security';
import { mainWindowWebPreferences, popupWebPreferences } from '../../electron/main/security/web-preferences';
import { RecordingLogger } from '../fakes/fake-logger';
import { FakeSecurityPorts } from '../fakes/security-fake-ports';

const PRELOAD = '/app/dist/electron/preload.cjs';

describe.each([
  ['the main window', mainWindowWebPreferences(PRELOAD)],
  ['a pop-up', popupWebPreferences(PRELOAD)],
])("%s follows Electron's security checklist", (_window, prefs) => {
  it('isolates the page from the preload (contextIsolation on)', () => expect(prefs.contextIsolation).toBe(true));
  it("runs the page in Chromium's sandbox", () => expect(prefs.sandbox).toBe(true));
  it('gives the page no Node.js, in the page, its workers or its frames', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security (same-origin policy) on and refuses insecure content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });
  it('allows no <webview>', () => expect(prefs.webviewTag).toBe(false));
  it('does not navigate when a file or link is dropped on it', () => expect(prefs.navigateOnDragDrop).toBe(false));
  it('loads the Deskbell preload', () => expect(prefs.preload).toBe(PRELOAD));
});

describe('background throttling', () => {
  it('is off on the main window, so alerts fire while it hides in the tray', () => {
    expect(mainWindowWebPreferences(PRELOAD).backgroundThrottling).toBe(false);
  });
  it('stays on for pop-ups, which are only alive while visible', () => {
    expect(popupWebPreferences(PRELOAD).backgroundThrottling).toBe(true);
  });
});

describe("the app pages' Content-Security-Policy", () => {
  const directives = (csp: string) =>
    new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );

  it("loads everything from the app itself by default ('self')", () => {
    const csp = directives(contentSecurityPolicy('http://127.0.0.1:8080'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('media-src')).toEqual(["'self'"]);
  });

  it('connects only to the app and the configured server, over HTTP and WebSocket', () => {
    expect(directives(contentSecurityPolicy('http://127.0.0.1:8080')).get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:8080',
      'ws://127.0.0.1:8080',
    ]);
    expect(directives(contentSecurityPolicy('https://desk.library.example/deskbell/')).get('connect-src')).toEqual([
      "'self'",
      'https://desk.library.example',
      'wss://desk.library.example',
    ]);
  });

  it('never allows eval or inline scripts, plug-ins, frames, or a changed <base>', () => {
    const text = contentSecurityPolicy('https://desk.library.example');
    expect(text).not.toContain('unsafe-eval');
    const csp = directives(text);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('a server URL that is not http(s) adds nothing to connect-src', () => {
    expect(serverOrigins('ftp://files.example')).toEqual([]);
    expect(serverOrigins('not a url')).toEqual([]);
    expect(directives(contentSecurityPolicy('javascript:alert(1)')).get('connect-src')).toEqual(["'self'"]);
  });
});

describe('navigation is locked to the app', () => {
  it("moving between the app's own pages is allowed", () => {
    expect(mayNavigate('deskbell-app://console/index.html')).toBe(true);
    expect(mayNavigate('deskbell-app://console/alert.html?chat=1')).toBe(true);
  });
  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/console/',
    'file:///etc/passwd',
    'deskbell-app://other/index.html',
    'about:blank',
  ])('going to %s is stopped', (url) => expect(mayNavigate(url)).toBe(false));
});

describe('new windows are denied', () => {
  it('an http or https link opens in the system browser, never in the app', () => {
    expect(decideWindowOpen('https://www.library.example/hours')).toEqual({
      action: 'deny',
      openExternally: 'https://www.library.example/hours',
    });
    expect(decideWindowOpen('http://catalog.example/item?id=7')).toEqual({
      action: 'deny',
      openExternally: 'http://catalog.example/item?id=7',
    });
  });
  it.each([
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'smb://share/x',
    'ms-msdt:/id',
    'mailto:a@b.example',
    'deskbell-app://console/index.html',
    'not a url',
  ])('%s never reaches openExternal', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
    expect(externalWebUrl(url)).toBeNull();
  });
});

describe('permissions', () => {
  const app = 'deskbell-app://console/index.html';

  it("grants the app's pages notifications, media and display-capture (screen sharing), and nothing else", () => {
    expect(GRANTED_PERMISSIONS).toEqual(['notifications', 'media', 'display-capture', 'fullscreen']);
    expect(mayGrantPermission({ permission: 'fullscreen', requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(mayGrantPermission({ permission: 'display-capture', requestingUrl: app })).toBe(true);
    expect(mayGrantPermission({ permission: 'display-capture', requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(mayGrantPermission({ permission: 'notifications', requestingUrl: app })).toBe(true);
    expect(mayGrantPermission({ permission: 'media', requestingUrl: 'deskbell-app://console' })).toBe(true);
  });
  it.each(['geolocation', 'clipboard-read', 'midi', 'hid', 'serial', 'usb', 'openExternal', 'pointerLock'])(
    '%s is denied',
    (permission) => expect(mayGrantPermission({ permission, requestingUrl: app })).toBe(false),
  );
  it('even notifications are denied to a page that is not the app', () => {
    expect(mayGrantPermission({ permission: 'notifications', requestingUrl: 'https://evil.example/' })).toBe(false);
  });
});

describe('setUpSecurity applies all of it to every window the app creates', () => {
  function setUp() {
    const ports = new FakeSecurityPorts();
    const log = new RecordingLogger();
    setUpSecurity({ log } as unknown as AppContext, ports);
    return { ports, log, contents: ports.createContents() };
  }

  it('stops navigation away from the app and logs it', () => {
    const { contents, log } = setUp();
    expect(contents.tryNavigate('deskbell-app://console/index.html')).toBe(true);
    expect(contents.tryNavigate('https://evil.example/')).toBe(false);
    expect(log.messages('warn')).toEqual(['Stopped a page from leaving the app']);
  });

  it('refuses <webview>', () => {
    expect(setUp().contents.tryAttachWebview()).toBe(false);
  });

  it('denies every new window and sends only http(s) links to the system browser', async () => {
    const { contents, ports, log } = setUp();
    expect(contents.tryOpenWindow('https://www.library.example/')).toBe('deny');
    expect(contents.tryOpenWindow('file:///etc/passwd')).toBe('deny');
    expect(contents.tryOpenWindow('javascript:alert(1)')).toBe('deny');
    await Promise.resolve();
    expect(ports.opened).toEqual(['https://www.library.example/']);
    expect(log.messages('warn')).toEqual(['Refused to open a window', 'Refused to open a window']);
  });

  it('a link the system cannot open is logged', async () => {
    const { contents, ports, log } = setUp();
    ports.openFails = true;
    contents.tryOpenWindow('https://www.library.example/');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.messages('error')).toEqual(['Could not open a link']);
  });

  it('answers permission requests with the decision and logs denials', () => {
    const { ports, log } = setUp();
    expect(ports.decide?.('notifications', 'deskbell-app://console/index.html')).toBe(true);
    expect(ports.decide?.('geolocation', 'deskbell-app://console/index.html')).toBe(false);
    expect(log.messages('warn')).toEqual(['Denied a permission']);
  });
});
