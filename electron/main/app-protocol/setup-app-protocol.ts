import { readFile } from 'node:fs/promises';
import type { AppContext } from '../app-context';
import { contentSecurityPolicy } from '../security/content-security-policy';
import { createAppProtocolHandler, type AppRequest, type AppResponse } from './app-protocol-handler';
import { APP_SCHEME } from './app-url';

/** protocol.handle for one scheme (electron-app-protocol.ts). */
export interface ProtocolPort {
  handle(scheme: string, handler: (request: AppRequest) => Promise<AppResponse>): void;
}

/**
 * Serves the built console at `deskbell-app://console/`, every page with the
 * CSP for the server in the settings right now.
 */
export function setUpAppProtocol(
  context: AppContext,
  port: ProtocolPort,
  read: (path: string) => Promise<Uint8Array> = readFile,
): void {
  const handler = createAppProtocolHandler({
    root: context.paths.renderer,
    readFile: read,
    contentSecurityPolicy: () => contentSecurityPolicy(context.settings.get().serverUrl),
  });
  port.handle(APP_SCHEME, handler);
}
