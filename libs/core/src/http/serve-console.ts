import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { answerFrameworkError } from '../errors/framework-errors';

/** Paths that never fall back to the console: their unknown routes keep the API's JSON 404. */
const API_PATHS = /^\/(api|health)(\/|$)/;

/**
 * The console's own Content-Security-Policy, stricter than the API's (which allows inline
 * scripts for Swagger UI): scripts only from this origin; inline styles because Ant Design
 * writes its CSS-in-JS into <style> elements; images from data:/blob: (icons, charts).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Chanjiao</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>控制台尚未构建 · The console is not built</h1>
<p>运行 <code>npm run build</code>（或只构建控制台：<code>npm run build:console</code>），然后重启。</p>
<p>Run <code>npm run build</code> (or just <code>npm run build:console</code>) and restart.
The API itself is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** dist/console next to the compiled app (dist/apps/…) or under the repository (sources run by jest). */
export function findConsoleDir(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'console'), join(dir, 'dist', 'console')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Serves the built web console at `/`: hashed assets under /assets/ (cached for a year,
 * pre-compressed .br/.gz when the browser accepts them), and index.html, never cached, for
 * every other GET outside /api and /health so that the console's own routes (/c/…/organizations)
 * survive a reload. Without a build, `/` says how to make one.
 */
export async function serveConsole(app: NestFastifyApplication, dir: string | undefined): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const maxParamLength = fastify.initialConfig.maxParamLength ?? 100;
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    if (API_PATHS.test(request.url)) {
      // The router falls back to this catch-all when a path parameter is too long; answer what
      // it answers without one (414), rather than a 404 that would echo the long path.
      const segments = request.url.split('?')[0].split('/');
      if (segments.some((segment) => decoded(segment).length > maxParamLength)) {
        return answerFrameworkError(new errorCodes.FST_ERR_MAX_PARAM_LENGTH(request.url.slice(0, 40)), request, reply);
      }
      return reply.callNotFound();
    }
    void reply.header('cache-control', 'no-cache').header('content-security-policy', CONSOLE_CSP);
    if (!dir) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').sendFile('index.html', dir, { cacheControl: false });
  };
  if (dir) {
    await app.register(fastifyStatic as never, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      preCompressed: true,
      cacheControl: false,
      // index.html goes through the same plugin (reply.sendFile) and must stay revalidated.
      setHeaders: (reply: FastifyReply, path: string) => {
        if (!path.endsWith('index.html')) void reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  fastify.get('/', page);
  fastify.get('/*', page);
}
