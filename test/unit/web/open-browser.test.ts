import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasDisplay, openerCommand, writeRedirectFile } from '../../../electron/web/open-browser';

describe('opening the browser for gpjobs ui', () => {
  it('keeps the keyed address off the command line: a private redirect file carries it', () => {
    const url = 'http://127.0.0.1:8765/?key=abc_DEF-123';
    const redirect = writeRedirectFile(url);
    try {
      expect(fs.statSync(redirect.file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(redirect.file.replace(/\/open\.html$/, '')).mode & 0o777).toBe(0o700);
      const html = fs.readFileSync(redirect.file, 'utf8');
      expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${url}">`);
      const { args } = openerCommand(redirect.file, 'linux');
      expect(args.join(' ')).not.toContain('key=');
    } finally {
      redirect.remove();
    }
    expect(fs.existsSync(redirect.file)).toBe(false);
  });

  it("escapes the address in the redirect file's HTML", () => {
    const redirect = writeRedirectFile('http://127.0.0.1:1/?key=a"><script>&x');
    try {
      const html = fs.readFileSync(redirect.file, 'utf8');
      expect(html).not.toContain('"><script>');
      expect(html).toContain('key=a&quot;><script>&amp;x');
    } finally {
      redirect.remove();
    }
  });

  it("uses each platform's opener, and needs a display on Linux", () => {
    expect(openerCommand('/t/open.html', 'linux')).toEqual({ command: 'xdg-open', args: ['/t/open.html'] });
    expect(openerCommand('/t/open.html', 'darwin')).toEqual({ command: 'open', args: ['/t/open.html'] });
    expect(openerCommand('C:\\t\\open.html', 'win32')).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'C:\\t\\open.html'],
    });
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});
