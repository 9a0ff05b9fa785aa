/** Adapter: registers `deskbell-app:` with Chromium and answers it with what the handler decided. */
import { protocol } from 'electron';
import { APP_SCHEME_PRIVILEGES } from './app-scheme';
import type { ProtocolPort } from './setup-app-protocol';

/** Must run before `app.whenReady()`: Chromium fixes scheme privileges at start. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export function electronProtocolPort(): ProtocolPort {
  return {
    handle: (scheme, handler) =>
      protocol.handle(scheme, async (request) => {
        const answer = await handler({ url: request.url, method: request.method });
        return new Response(answer.body, { status: answer.status, headers: answer.headers });
      }),
  };
}
