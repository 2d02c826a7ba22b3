/**
 * The installer configuration: valid by electron-builder's own schema, and every resource it names exists
 * in the form each platform needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, '../../..');
const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'build/electron-builder.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is rejected by that validation when it names an unknown option (the check has teeth)', async () => {
    await expect(
      validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false)),
    ).rejects.toThrow(/notAnOption/);
  });

  it('starts the same main script as package.json and ships the built app only', () => {
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.files).toContain('dist/**/*');
    expect(config.files).toContain('!dist/**/*.map');
  });

  it('keeps the keychain’s native module outside the asar archive', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/@github/keytar/**');
    expect(pkg.dependencies['@github/keytar']).toBeDefined();
  });

  it('builds AppImage and deb, NSIS with a per-machine choice and portable, and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('has a Linux PNG icon set with square NxN images up to 512 px', () => {
    const dir = path.join(ROOT, config.linux.icon);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(files).toContain('512x512.png');
    for (const f of files) {
      const [w, h] = pngSize(path.join(dir, f));
      expect(`${w}x${h}.png`).toBe(f);
    }
  });

  it('has a Windows icon holding a 256 px image', () => {
    const ico = fs.readFileSync(path.join(ROOT, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });

  it('has a macOS icon whose chunks add up to the file', () => {
    const icns = fs.readFileSync(path.join(ROOT, config.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString('ascii'));
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('has the one icon source the set is generated from', () => {
    expect(fs.readFileSync(path.join(ROOT, 'build/icon.svg'), 'utf8')).toContain('<svg');
    expect(pkg.scripts.icons).toBe('node build/icons.mjs');
    expect(pkg.scripts.dist).toContain('electron-builder --config build/electron-builder.json');
  });
});

describe('Electron fuses', () => {
  it('switch off running as Node, NODE_OPTIONS and --inspect; switch on asar integrity, asar-only loading and cookie encryption', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // Asar-only loading needs the app packed into an asar archive.
    expect(config.asar).toBe(true);
  });
});
