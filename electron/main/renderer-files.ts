/**
 * Serves the built renderer (dist/renderer) to the window, with the CSP and correct MIME types, refusing
 * anything outside that directory. One implementation for Electron's `app://` protocol handler and the e2e
 * harness's loopback server, so both deliver the same bytes under the same policy.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

/** A response to hand to `protocol.handle` (as a Response) or to `http.ServerResponse`. */
export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type served for a file name (`application/octet-stream` when unknown). */
export function mimeType(fileName: string): string {
  return MIME_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers every renderer response carries, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

function failure(status: number, text: string): RendererResponse {
  return {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from(text),
  };
}

/**
 * The relative file path a URL path names inside the renderer directory, or null when it tries to leave
 * it: `..` or `.` segments (plain or percent-encoded), backslashes, NUL, drive letters, `//` roots, or
 * undecodable escapes.
 */
export function safeRelativePath(urlPath: string): string | null {
  const rawPath = urlPath.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (/[\\\0:]/.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  if (segments.slice(0, -1).some((segment) => segment === '')) return null;
  const relative = segments.join('/');
  return relative === '' ? 'index.html' : relative;
}

/**
 * Answers a request for `urlPath` (the URL's path, percent-encoded, query ignored) from `rendererDir`.
 * 200 with the file, 404 when missing, 400 when the path tries to escape; symlinks leading out are refused.
 */
export async function rendererResponse(urlPath: string, rendererDir: string): Promise<RendererResponse> {
  const relative = safeRelativePath(urlPath);
  if (relative === null) return failure(400, 'Bad request path.');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  if (!isInside(root, file)) return failure(400, 'Bad request path.');
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    if (!isInside(realRoot, realFile)) return failure(404, 'Not found.');
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) return failure(404, 'Not found.');
    const body = await fs.readFile(realFile);
    return { status: 200, headers: { ...securityHeaders(), 'Content-Type': mimeType(realFile) }, body };
  } catch {
    return failure(404, 'Not found.');
  }
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
