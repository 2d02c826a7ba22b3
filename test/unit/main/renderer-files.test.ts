import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mimeType, rendererResponse, safeRelativePath } from '../../../electron/main/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';

let root: string;
let rendererDir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-renderer-'));
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>GP Job Admin</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'my file.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'top secret');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('rendererResponse', () => {
  it('serves index.html for / with the CSP and an HTML type', async () => {
    const response = await rendererResponse('/', rendererDir);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toContain('<title>GP Job Admin</title>');
    expect(response.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(response.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves assets with their MIME types, ignoring the query string', async () => {
    const script = await rendererResponse('/assets/index-abc.js?v=1#x', rendererDir);
    expect(script.status).toBe(200);
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect((await rendererResponse('/assets/index-abc.css', rendererDir)).headers['Content-Type']).toBe(
      'text/css; charset=utf-8',
    );
    const svg = await rendererResponse('/assets/my%20file.svg', rendererDir);
    expect(svg.status).toBe(200);
    expect(svg.headers['Content-Type']).toBe('image/svg+xml');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '//etc/passwd',
    '/C:/Windows/win.ini',
    'etc/passwd',
    '/index.html%00.js',
    '/%zz',
    '/./index.html',
    '/assets//index-abc.js',
  ])('refuses the escaping or malformed path %s', async (urlPath) => {
    const response = await rendererResponse(urlPath, rendererDir);
    expect(response.status).toBe(400);
    expect(response.body.toString()).not.toContain('top secret');
    expect(response.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('does not follow a symlink out of the renderer directory', async () => {
    const response = await rendererResponse('/assets/link.txt', rendererDir);
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain('top secret');
  });

  it('answers 404 for missing files and directories, still with the CSP', async () => {
    for (const urlPath of ['/missing.js', '/assets', '/assets/']) {
      const response = await rendererResponse(urlPath, rendererDir);
      expect(response.status, urlPath).toBe(404);
      expect(response.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});

describe('safeRelativePath', () => {
  it('maps URL paths to relative file paths', () => {
    expect(safeRelativePath('/')).toBe('index.html');
    expect(safeRelativePath('/assets/a.js')).toBe('assets/a.js');
    expect(safeRelativePath('/assets/my%20file.svg')).toBe('assets/my file.svg');
  });
});

describe('mimeType', () => {
  it('knows the renderer’s file types and falls back to octet-stream', () => {
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.PNG')).toBe('image/png');
    expect(mimeType('a.map')).toBe('application/json; charset=utf-8');
    expect(mimeType('a.exe')).toBe('application/octet-stream');
  });
});
