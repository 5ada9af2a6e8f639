/**
 * Draws Deckhand's toolbar icons (a record with a download arrow on an orange tile) into
 * extension/public/icon/<size>.png. Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'extension', 'public', 'icon');

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

type RGBA = [number, number, number, number];

/** Colour of the design at a point in a 1x1 square (supersampled by the caller). */
function shade(x: number, y: number): RGBA {
  const r = 0.2; // tile corner radius
  const inTile =
    (x >= r && x <= 1 - r) || (y >= r && y <= 1 - r) ||
    [[r, r], [1 - r, r], [r, 1 - r], [1 - r, 1 - r]].some(([cx, cy]) => Math.hypot(x - cx!, y - cy!) <= r);
  if (!inTile) return [0, 0, 0, 0];
  const d = Math.hypot(x - 0.5, y - 0.46);
  // Arrow: a stem and a head below the record's centre.
  const stem = Math.abs(x - 0.5) < 0.055 && y > 0.52 && y < 0.8;
  const head = y >= 0.68 && y <= 0.88 && Math.abs(x - 0.5) < (0.88 - y) * 1.1;
  if (stem || head) return [255, 255, 255, 255];
  if (d < 0.06) return [255, 85, 0, 255]; // label hole
  if (d < 0.14) return [255, 255, 255, 255]; // label
  if (d < 0.34) return [30, 30, 36, 255]; // record
  return [255, 85, 0, 255];
}

function png(size: number): Buffer {
  const ss = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          for (let i = 0; i < 3; i++) acc[i]! += c[i]! * c[3];
          acc[3]! += c[3];
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const a = acc[3]!;
      for (let i = 0; i < 3; i++) raw[o + i] = a ? Math.round(acc[i]! / a) : 0;
      raw[o + 3] = Math.round(a / (ss * ss));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [16, 32, 48, 128]) writeFileSync(join(OUT, `${size}.png`), png(size));
console.log(`icons written to ${OUT}`);
