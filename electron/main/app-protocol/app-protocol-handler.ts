import { posix as posixPath, join, relative, isAbsolute } from 'node:path';
import { isAppUrl } from './app-url';

/**
 * Decides what `deskbell-app://console/<path>` answers: a file of the built
 * console (dist/console) with its content type and the app's CSP, or a refusal.
 * The Electron adapter only turns the answer into a `Response`.
 */

export interface AppRequest {
  url: string;
  method: string;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

export interface AppProtocolDeps {
  /** The built console's folder (dist/console). */
  root: string;
  /** Reads a whole file; rejects (ENOENT, EISDIR, ...) when it cannot. */
  readFile(path: string): Promise<Uint8Array>;
  /** The CSP for the app's pages right now (it names the server from the settings). */
  contentSecurityPolicy(): string;
}

export type ResolvedPath = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The content type for a file name; unknown kinds are plain bytes (and `nosniff` keeps them that way). */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[posixPath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app URL to a file under `root`. The console is built with Vite's
 * base `/console/`, so its pages ask for `/console/assets/...`: a leading
 * `console/` segment is the same folder. `/` is index.html. Any segment that
 * would climb out of the folder (`..`, also percent-encoded), or that holds a
 * slash, backslash, colon or NUL once decoded, is refused.
 */
export function resolveAppPath(url: string, root: string): ResolvedPath {
  if (!isAppUrl(url)) return { ok: false, status: 403, reason: 'not an address of the app' };
  const { pathname } = new URL(url);
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed address' };
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) {
      return { ok: false, status: 403, reason: 'path leaves the app folder' };
    }
    segments.push(segment);
  }
  if (segments[0] === 'console') segments.shift();
  if (segments.length === 0) segments.push('index.html');
  const file = join(root, ...segments);
  const inside = relative(root, file);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    return { ok: false, status: 403, reason: 'path leaves the app folder' };
  }
  return { ok: true, file };
}

/** Builds the handler for every request to the app's scheme. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: AppRequest) => Promise<AppResponse> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'only GET and HEAD');
    const resolved = resolveAppPath(request.url, deps.root);
    if (!resolved.ok) return refusal(resolved.status, resolved.reason);
    let body: Uint8Array;
    try {
      body = await deps.readFile(resolved.file);
    } catch {
      return refusal(404, 'no such file in the app');
    }
    return {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(resolved.file),
        'Content-Security-Policy': deps.contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
        // The files change only when the app is updated; revalidating costs nothing locally.
        'Cache-Control': 'no-cache',
      },
      body: request.method === 'HEAD' ? null : body,
    };
  };
}

function refusal(status: number, reason: string): AppResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    body: new TextEncoder().encode(reason),
  };
}
