import { desktopSettingsSchema } from '../../../src/protocol';

/** What a launch may say on the command line or in the environment. */
export interface LaunchOptions {
  /** The server to use, from `--server-url=URL` or DESKBELL_SERVER_URL (`npm start` passes both). */
  serverUrl?: string;
  /** Where settings and the session live, from `--user-data-dir=DIR` or DESKBELL_USER_DATA_DIR (tests use it). */
  userDataDir?: string;
  /** Why something given was not used. */
  ignored: string[];
}

/**
 * Reads the launch options; the command line wins over the environment. A
 * server URL that the settings would refuse is ignored (and said so).
 */
export function readLaunchOptions(argv: readonly string[], env: Record<string, string | undefined>): LaunchOptions {
  const options: LaunchOptions = { ignored: [] };
  const serverUrl = switchValue(argv, 'server-url') ?? env.DESKBELL_SERVER_URL;
  if (serverUrl) {
    if (desktopSettingsSchema.shape.serverUrl.safeParse(serverUrl).success) options.serverUrl = serverUrl;
    else options.ignored.push(`server URL ${JSON.stringify(serverUrl)}: not an http(s) address`);
  }
  const userDataDir = switchValue(argv, 'user-data-dir') ?? env.DESKBELL_USER_DATA_DIR;
  if (userDataDir) options.userDataDir = userDataDir;
  return options;
}

function switchValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) || undefined;
}
