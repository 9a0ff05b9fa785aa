import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config';
import { ConfigError } from '../../server/config/config-error';

const made: string[] = [];
const emptyDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-config-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const load = (argv: string[], env: Record<string, string> = {}) => loadConfig({ argv, env, cwd: emptyDir() });

describe('reading the server options', () => {
  it('starts on 127.0.0.1:8080 with a SQLite file under ./.deskbell-data when told nothing', () => {
    const cwd = emptyDir();
    const config = loadConfig({ argv: [], env: {}, cwd });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      demo: false,
      databaseUrl: undefined,
      trustProxy: false,
    });
    expect(config.dataDir).toBe(join(cwd, '.deskbell-data'));
    expect(config.settings).toEqual({});
  });

  it('command-line options win over the environment', () => {
    const config = load(['--port', '9000', '--host', '0.0.0.0', '--demo', '--trust-proxy'], {
      PORT: '7000',
      HOST: '10.0.0.1',
    });
    expect(config).toMatchObject({ port: 9000, host: '0.0.0.0', demo: true, trustProxy: true });
  });

  it('reads PORT, HOST, DATABASE_URL, DESKBELL_TRUST_PROXY and DESKBELL_ADMIN_PASSWORD from the environment', () => {
    const config = load([], {
      PORT: '0',
      HOST: '::1',
      DATABASE_URL: 'postgres://deskbell@db/deskbell',
      DESKBELL_TRUST_PROXY: 'yes',
      DESKBELL_ADMIN_PASSWORD: 'correct horse battery',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '::1',
      databaseUrl: 'postgres://deskbell@db/deskbell',
      trustProxy: true,
      adminPassword: 'correct horse battery',
    });
  });

  it('DESKBELL_TRUST_PROXY=false leaves X-Forwarded-For ignored', () => {
    expect(load([], { DESKBELL_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('reads the transfer timeout, presence grace and patron return periods in seconds', () => {
    const config = load([], {
      DESKBELL_TRANSFER_TIMEOUT_SECONDS: '90',
      DESKBELL_PRESENCE_GRACE_SECONDS: '5',
      DESKBELL_PATRON_RETURN_SECONDS: '120',
    });
    expect(config.timings).toEqual({ transferTimeoutMs: 90_000, presenceGraceMs: 5_000, patronReturnMs: 120_000 });
    expect(load([], {}).timings).toEqual({});
  });

  it('reads the per-address limits a campus behind one address may need to raise', () => {
    const config = load([], {
      DESKBELL_LIMIT_SOCKETS_PER_ADDRESS: '2000',
      DESKBELL_LIMIT_CONNECTIONS_PER_MINUTE: '3000',
      DESKBELL_LIMIT_CHAT_STARTS_PER_MINUTE: '120',
    });
    expect(config.addressLimits).toEqual({
      socketsPerAddress: 2000,
      connectionsPerMinute: 3000,
      chatStartsPerMinute: 120,
    });
    expect(load([], {}).addressLimits).toEqual({});
  });

  it('reads the per-socket event limit only as a pair (a load test from one machine raises it)', () => {
    const config = load([], {
      DESKBELL_LIMIT_SOCKET_EVENTS_BURST: '5000',
      DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND: '2000',
    });
    expect(config.socketRateLimit).toEqual({ burst: 5000, perSecond: 2000 });
    expect(load([], {}).socketRateLimit).toBeUndefined();
    expect(() => load([], { DESKBELL_LIMIT_SOCKET_EVENTS_BURST: '5000' })).toThrow(
      /DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND must be set together/,
    );
  });

  it.each([
    [[], { DESKBELL_LIMIT_SOCKETS_PER_ADDRESS: '0' }, 'DESKBELL_LIMIT_SOCKETS_PER_ADDRESS'],
    [[], { DESKBELL_LIMIT_CHAT_STARTS_PER_MINUTE: 'lots' }, 'DESKBELL_LIMIT_CHAT_STARTS_PER_MINUTE'],
    [
      [],
      { DESKBELL_LIMIT_SOCKET_EVENTS_BURST: '10', DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND: 'fast' },
      'DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND',
    ],
    [[], { DESKBELL_TRANSFER_TIMEOUT_SECONDS: 'two minutes' }, 'DESKBELL_TRANSFER_TIMEOUT_SECONDS'],
    [[], { DESKBELL_PRESENCE_GRACE_SECONDS: '-3' }, 'DESKBELL_PRESENCE_GRACE_SECONDS'],
    [[], { DESKBELL_PATRON_RETURN_SECONDS: '1.5' }, 'DESKBELL_PATRON_RETURN_SECONDS'],
    [['--port', '65536'], {}, '--port'],
    [['--port', '-1'], {}, '--port'],
    [[], { PORT: '' }, 'PORT'],
    [[], { PORT: '80.5' }, 'PORT'],
    [['--host', ' '], {}, '--host'],
    [[], { DATABASE_URL: 'sqlite://file' }, 'DATABASE_URL'],
    [['--verbose'], {}, '--verbose'],
    [['serve'], {}, 'serve'],
  ])('refuses %j %j naming %s', (argv, env, name) => {
    expect(() => load(argv, env)).toThrow(ConfigError);
    expect(() => load(argv, env)).toThrow(name);
  });

  it("lets any site frame the widget by default, or only the library's sites named in DESKBELL_WIDGET_ORIGINS or --widget-origins", () => {
    expect(load([]).widgetOrigins).toBe('*');
    expect(load([], { DESKBELL_WIDGET_ORIGINS: '' }).widgetOrigins).toBe('*');
    expect(load([], { DESKBELL_WIDGET_ORIGINS: ' * ' }).widgetOrigins).toBe('*');
    expect(
      load([], { DESKBELL_WIDGET_ORIGINS: 'https://www.Riverside-Library.example, https://*.county.example:8443' })
        .widgetOrigins,
    ).toEqual(['https://www.riverside-library.example', 'https://*.county.example:8443']);
    expect(
      load(['--widget-origins', 'http://intranet.library.example'], { DESKBELL_WIDGET_ORIGINS: '*' }).widgetOrigins,
    ).toEqual(['http://intranet.library.example']);
  });

  it.each([
    [[], { DESKBELL_WIDGET_ORIGINS: 'www.library.example' }, 'DESKBELL_WIDGET_ORIGINS'],
    [[], { DESKBELL_WIDGET_ORIGINS: 'https://www.library.example/' }, 'DESKBELL_WIDGET_ORIGINS'],
    [[], { DESKBELL_WIDGET_ORIGINS: "https://a.example; script-src 'unsafe-inline'" }, 'DESKBELL_WIDGET_ORIGINS'],
    [[], { DESKBELL_WIDGET_ORIGINS: '*, https://a.example' }, 'DESKBELL_WIDGET_ORIGINS'],
    [[], { DESKBELL_WIDGET_ORIGINS: 'https://a.example,,https://b.example' }, 'DESKBELL_WIDGET_ORIGINS'],
    [['--widget-origins', 'ftp://files.library.example'], {}, '--widget-origins'],
  ])('refuses widget origins %j %j naming %s', (argv, env, name) => {
    expect(() => load(argv, env)).toThrow(ConfigError);
    expect(() => load(argv, env)).toThrow(name);
  });

  it('reads question types and patron fields from deskbell.json in the data directory', () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'deskbell.json'),
      JSON.stringify({
        questionTypes: [{ label: 'Directional', countsAs: 'directional' }, 'Policy / Rules'],
        patronFields: [{ key: 'course', label: 'Course' }],
      }),
    );
    const config = load(['--data-dir', dir]);
    expect(config.settings).toEqual({
      questionTypes: [
        { id: 'directional', label: 'Directional', countsAs: 'directional' },
        { id: 'policy-rules', label: 'Policy / Rules', countsAs: 'reference' },
      ],
      patronFields: [{ key: 'course', label: 'Course' }],
    });
  });

  it.each([
    [{ questionTypes: [] }, 'questionTypes'],
    [{ questionTypes: ['Reference', 'reference'] }, 'same id'],
    [
      {
        patronFields: [
          { key: 'a', label: 'A' },
          { key: 'a', label: 'B' },
        ],
      },
      'unique',
    ],
    [{ colour: 'blue' }, 'colour'],
  ])('refuses a deskbell.json of %j', (settings, words) => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'deskbell.json'), JSON.stringify(settings));
    expect(() => load(['--data-dir', dir])).toThrow(ConfigError);
    expect(() => load(['--data-dir', dir])).toThrow(words);
  });
});
