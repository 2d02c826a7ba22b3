// Generates every installer icon from build/icon.svg: the Linux PNG set (build/icons/png/NxN.png), the
// Windows .ico and the macOS .icns. Chromium renders the SVG (no image tools needed); ICO and ICNS are
// simple containers of PNGs, written here. Run `npm run icons` after changing icon.svg; outputs are committed.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname));
const SOURCE = path.join(ROOT, 'icon.svg');
const OUT = path.join(ROOT, 'icons');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS types that hold PNG data, by pixel size.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

/** Renders the SVG to PNG buffers, one per size. */
async function render(svg, sizes) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    const pngs = new Map();
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}"></body></html>`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      pngs.set(
        size,
        await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
      );
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** A Windows icon: a directory of PNG images. */
export function packIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(([size, png]) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(([, png]) => png)]);
}

/** A macOS icon: typed PNG chunks in an `icns` container. */
export function packIcns(chunks) {
  const parts = chunks.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const pngs = await render(fs.readFileSync(SOURCE, 'utf8'), PNG_SIZES);
  fs.mkdirSync(path.join(OUT, 'png'), { recursive: true });
  for (const [size, png] of pngs) fs.writeFileSync(path.join(OUT, 'png', `${size}x${size}.png`), png);
  fs.writeFileSync(path.join(OUT, 'icon.png'), pngs.get(512));
  fs.writeFileSync(path.join(OUT, 'icon.ico'), packIco(ICO_SIZES.map((s) => [s, pngs.get(s)])));
  fs.writeFileSync(path.join(OUT, 'icon.icns'), packIcns(ICNS_TYPES.map(([t, s]) => [t, pngs.get(s)])));
  console.log(
    `icons: wrote ${PNG_SIZES.length} PNGs, icon.ico and icon.icns to ${path.relative(process.cwd(), OUT)}`,
  );
}
