// Draws resources/icon.png (1024×1024): a comet on Stockholm blue. Dependency-free so it runs
// anywhere: `node resources/make-icon.mjs`. electron-builder derives .ico/.icns from the PNG.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const size = 1024;
const background = [0x00, 0x5a, 0x9c];
const radius = 180; // corner radius of the rounded square
const head = { x: 640, y: 384, r: 150 };

const clamp = (v) => Math.max(0, Math.min(1, v));

/** Coverage (0..1) of the rounded square at a pixel centre, with a one-pixel soft edge. */
function squareCoverage(x, y) {
  const dx = Math.max(radius - x, 0, x - (size - radius));
  const dy = Math.max(radius - y, 0, y - (size - radius));
  return clamp(radius + 0.5 - Math.hypot(dx, dy));
}

/** Brightness (0..1) of the comet: a solid head and a tail fading towards the lower left. */
function cometIntensity(x, y) {
  const headCover = clamp(head.r + 0.5 - Math.hypot(x - head.x, y - head.y));
  // Tail axis from the head towards (200, 824); width shrinks and light fades along it.
  const ax = 200 - head.x;
  const ay = 824 - head.y;
  const len = Math.hypot(ax, ay);
  const t = ((x - head.x) * ax + (y - head.y) * ay) / (len * len);
  let tail = 0;
  if (t > 0 && t < 1) {
    const dist = Math.abs((x - head.x) * ay - (y - head.y) * ax) / len;
    const halfWidth = head.r * (1 - t);
    tail = clamp(halfWidth + 0.5 - dist) * (1 - t) * 0.85;
  }
  return Math.max(headCover, tail);
}

const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  raw[row] = 0; // PNG filter type: none
  for (let x = 0; x < size; x++) {
    const px = x + 0.5;
    const py = y + 0.5;
    const light = cometIntensity(px, py);
    const o = row + 1 + x * 4;
    for (let c = 0; c < 3; c++) raw[o + c] = Math.round(background[c] * (1 - light) + 255 * light);
    raw[o + 3] = Math.round(255 * squareCoverage(px, py));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = path.join(import.meta.dirname, 'icon.png');
fs.writeFileSync(target, png);
console.log(`wrote ${target} (${png.length} bytes)`);
