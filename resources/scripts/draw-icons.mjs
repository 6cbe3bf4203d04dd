#!/usr/bin/env node
// Draws Berth's icons with Node builtins only (zlib for PNG): the app icon (PNG, ICNS, ICO, Linux
// sizes) and one tray icon per engine state (stopped, starting, running, error) in three variants:
// for light panels, for dark panels, and macOS Template images (black + alpha, tinted by macOS).
// Run: node resources/scripts/draw-icons.mjs   (writes into resources/icons and resources/tray)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- PNG encoding -------------------------------------------------------------------------------
const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA pixels (Float32 0..1, premultiplied=false) → PNG bytes. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size * 4; x++)
      raw[y * (size * 4 + 1) + 1 + x] = Math.round(Math.min(1, Math.max(0, rgba[y * size * 4 + x])) * 255);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Drawing with signed distances (anti-aliased by coverage) ----------------------------------
const roundedRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - w / 2;

/** A canvas in unit coordinates (0..1); shapes are painted over each other (source-over). */
function canvas(size) {
  const px = new Float32Array(size * size * 4);
  return {
    size,
    px,
    paint(sdf, [r, g, b, a = 1]) {
      const aa = 1 / size;
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          const d = sdf((x + 0.5) / size, (y + 0.5) / size);
          const cover = Math.min(1, Math.max(0, 0.5 - d / aa)) * a;
          if (cover <= 0) continue;
          const i = (y * size + x) * 4;
          const outA = cover + px[i + 3] * (1 - cover);
          for (const [k, v] of [
            [0, r],
            [1, g],
            [2, b],
          ])
            px[i + k] = (v * cover + px[i + k] * px[i + 3] * (1 - cover)) / (outA || 1);
          px[i + 3] = outA;
        }
    },
    /** Clears (makes transparent) where sdf < 0: used for cut-outs in template images. */
    erase(sdf) {
      const aa = 1 / size;
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          const cover = Math.min(1, Math.max(0, 0.5 - sdf((x + 0.5) / size, (y + 0.5) / size) / aa));
          px[(y * size + x) * 4 + 3] *= 1 - cover;
        }
    },
  };
}

// Three stacked "containers" on a hull: Berth's glyph.
function drawGlyph(c, color, { box = [0.5, 0.46, 0.36] } = {}) {
  const [cx, cy, s] = box; // centre and overall width of the glyph
  const w = s * 0.2; // half-width of one container
  const h = s * 0.12; // half-height of one container
  const gap = s * 0.02;
  c.paint(roundedRect(cx - w - gap, cy - h - gap, w, h, h * 0.3), color);
  c.paint(roundedRect(cx + w + gap, cy - h - gap, w, h, h * 0.3), color);
  c.paint(roundedRect(cx, cy - 3 * h - 3 * gap, w, h, h * 0.3), color);
  // the hull they sit on
  c.paint(roundedRect(cx, cy + h * 0.9, s * 0.5, h * 0.75, h * 0.6), color);
}

const blue = [0.12, 0.42, 0.85];
const white = [1, 1, 1];
const black = [0, 0, 0];

function appIcon(size) {
  const c = canvas(size);
  c.paint(roundedRect(0.5, 0.5, 0.44, 0.44, 0.1), blue);
  drawGlyph(c, white, { box: [0.5, 0.58, 0.62] });
  return encodePng(size, c.px);
}

const stateColors = {
  stopped: [0.55, 0.57, 0.6],
  starting: [0.96, 0.65, 0.1],
  running: [0.16, 0.72, 0.35],
  error: [0.88, 0.2, 0.2],
};

/** The state badge in the lower right; for templates the shape (not colour) tells the state. */
function badge(c, state, color, template) {
  const [bx, by, r] = [0.76, 0.76, 0.2];
  c.erase(circle(bx, by, r + 0.06)); // a gap between glyph and badge
  if (state === 'stopped') c.paint(ring(bx, by, r * 0.75, 0.1), color);
  else if (state === 'starting') {
    c.paint(ring(bx, by, r * 0.75, 0.1), color);
    c.paint((x, y) => Math.max(circle(bx, by, r * 0.75)(x, y), x - bx), color); // half filled
  } else if (state === 'running') c.paint(circle(bx, by, r), color);
  else {
    c.paint(circle(bx, by, r), color);
    const mark = (x, y) =>
      Math.min(roundedRect(bx, by - r * 0.2, 0.025, r * 0.4, 0.02)(x, y), circle(bx, by + r * 0.52, 0.03)(x, y));
    if (template) c.erase(mark);
    else c.paint(mark, white);
  }
}

function trayIcon(size, state, variant) {
  const c = canvas(size);
  const glyphColor = variant === 'on-dark' ? [0.94, 0.95, 0.97] : variant === 'on-light' ? [0.16, 0.18, 0.22] : black;
  drawGlyph(c, glyphColor, { box: [0.42, 0.6, 0.8] });
  badge(c, state, variant === 'template' ? black : stateColors[state], variant === 'template');
  return encodePng(size, c.px);
}

// ---- Containers for the app icon ---------------------------------------------------------------
function icns(pngsBySize) {
  const types = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const entries = Object.entries(types).map(([s, type]) => {
    const data = pngsBySize[s];
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

function ico(pngsBySize, sizes) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = 6 + 16 * sizes.length;
  const dir = [];
  for (const s of sizes) {
    const e = Buffer.alloc(16);
    e[0] = s >= 256 ? 0 : s;
    e[1] = s >= 256 ? 0 : s;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bpp
    e.writeUInt32LE(pngsBySize[s].length, 8);
    e.writeUInt32LE(offset, 12);
    offset += pngsBySize[s].length;
    dir.push(e);
  }
  return Buffer.concat([header, ...dir, ...sizes.map((s) => pngsBySize[s])]);
}

function write(rel, data) {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

const appSizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const app = Object.fromEntries(appSizes.map((s) => [s, appIcon(s)]));
write('icons/icon.png', app[512]);
write('icons/icon.icns', icns(app));
write('icons/icon.ico', ico(app, [16, 32, 48, 64, 128, 256]));
for (const s of [16, 32, 48, 64, 128, 256, 512]) write(`icons/linux/${s}x${s}.png`, app[s]);

for (const state of Object.keys(stateColors)) {
  for (const variant of ['on-light', 'on-dark']) {
    write(`tray/${state}-${variant}.png`, trayIcon(16, state, variant));
    write(`tray/${state}-${variant}@2x.png`, trayIcon(32, state, variant));
  }
  // macOS: a name ending in "Template" marks a template image; @2x is picked for Retina.
  write(`tray/${state}Template.png`, trayIcon(16, state, 'template'));
  write(`tray/${state}Template@2x.png`, trayIcon(32, state, 'template'));
}
console.log(`Icons written under ${root}/icons and ${root}/tray.`);
