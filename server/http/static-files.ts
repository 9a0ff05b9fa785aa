import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { sendError } from './http-errors';
import { DEMO_PAGE_HEADERS, SCREENSHARE_WINDOW_HEADERS, type WidgetOrigins, widgetHeaders } from './security-headers';

export interface StaticFilesOptions {
  /** The build output: `console/` (the operator console) and `widget/` (loader, frame, demo page). */
  distDir: string;
  /** Sites that may frame the widget's chat panel (`--widget-origins`). */
  widgetOrigins: WidgetOrigins;
}

/**
 * The built front ends: the console SPA at /console/ (unknown paths fall back
 * to its index.html so deep links work), the widget at /widget/ (its
 * screenshare window with headers of its own), and the demo
 * library page at /. Files are looked up per request, so a build made while
 * the server runs is served at once; until then the answer says what to run.
 * The console keeps the strict headers every answer gets (security-headers.ts);
 * the widget and the demo page say what they need instead.
 */
export async function registerStaticFiles(app: FastifyInstance, options: StaticFilesOptions): Promise<void> {
  const consoleRoot = resolve(options.distDir, 'console');
  const widgetRoot = resolve(options.distDir, 'widget');
  await app.register(fastifyStatic, { root: options.distDir, serve: false });

  app.get('/', { helmet: DEMO_PAGE_HEADERS }, (_request, reply) => {
    if (!isFile(widgetRoot, 'demo.html')) return notBuilt(reply, 'widget demo page');
    return reply.sendFile('demo.html', widgetRoot);
  });

  app.get('/console', (_request, reply) => reply.redirect('/console/'));

  app.get('/console/*', (request, reply) => {
    if (!isFile(consoleRoot, 'index.html')) return notBuilt(reply, 'operator console');
    const file = (request.params as { '*': string })['*'];
    if (file !== '' && isFile(consoleRoot, file)) return reply.sendFile(file, consoleRoot);
    // A missing script or image is a 404; anything else is a console route for the SPA to show.
    if (extname(file) !== '' && extname(file) !== '.html') {
      return sendError(reply, 404, 'NOT_FOUND', `No file /console/${file}.`);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', consoleRoot);
  });

  // A window of its own, not a framed panel: its own headers (security-headers.ts says why).
  app.get('/widget/screenshare.html', { helmet: SCREENSHARE_WINDOW_HEADERS }, (_request, reply) => {
    if (!isFile(widgetRoot, 'screenshare.html')) return notBuilt(reply, 'screenshare window');
    return reply.header('cache-control', 'no-cache').sendFile('screenshare.html', widgetRoot);
  });

  app.get('/widget/*', { helmet: widgetHeaders(options.widgetOrigins) }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (!isFile(widgetRoot, 'loader.js')) return notBuilt(reply, 'chat widget');
    if (!isFile(widgetRoot, file)) return sendError(reply, 404, 'NOT_FOUND', `No file /widget/${file}.`);
    // The loader keeps its name across releases, so caches must ask again.
    if (file === 'loader.js' || file.endsWith('.html')) void reply.header('cache-control', 'no-cache');
    return reply.sendFile(file, widgetRoot);
  });
}

/** True for a regular file inside root (never outside it, whatever the path says). */
function isFile(root: string, relative: string): boolean {
  if (relative === '') return false;
  const path = resolve(join(root, relative));
  if (!path.startsWith(root + sep)) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function notBuilt(reply: FastifyReply, what: string): FastifyReply {
  return reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .send(
      `The Deskbell ${what} has not been built yet. Run \`npm run build\` (or \`npm start\`, which builds first), then reload.\n`,
    );
}
