/**
 * Cover sizes for the FLAC PICTURE block, read from images ffmpeg made (JPEG of several sampling
 * layouts, PNG in RGB, RGBA, grey and palette) and from hand-made headers a strict reader must
 * survive (fill bytes, APP segments before the frame, truncation, not an image at all).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pictureBody } from './flac-tags';
import { imageSize, UNKNOWN_SIZE } from './image-size';
import { ffmpeg } from './test-support/tools';

const dir = mkdtempSync(path.join(tmpdir(), 'image-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function image(name: string, size: string, pixFmt: string): Promise<Uint8Array> {
  const file = path.join(dir, name);
  await ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${size}:duration=1`, '-frames:v', '1', '-pix_fmt', pixFmt, file]);
  return new Uint8Array(readFileSync(file));
}

describe('imageSize from encoded images', () => {
  it.each([
    ['a.jpg', '500x300', 'yuvj420p', { width: 500, height: 300, depth: 24, colors: 0 }],
    ['b.jpg', '18x1000', 'yuvj444p', { width: 18, height: 1000, depth: 24, colors: 0 }],
    ['rgb.png', '320x240', 'rgb24', { width: 320, height: 240, depth: 24, colors: 0 }],
    ['rgba.png', '34x78', 'rgba', { width: 34, height: 78, depth: 32, colors: 0 }],
    ['grey16.png', '40x20', 'gray16be', { width: 40, height: 20, depth: 16, colors: 0 }],
    ['pal.png', '50x60', 'pal8', { width: 50, height: 60, depth: 8, colors: 256 }],
  ] as const)('%s', async (name, size, pixFmt, expected) => {
    expect(imageSize(await image(name, size, pixFmt))).toEqual(expected);
  });
});

/** A JPEG's start: SOI, an APP0 segment, fill bytes, then a baseline or progressive frame header. */
function jpegHeader(sof: number, width: number, height: number, components: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46];
  const frame = [0xff, sof, 0x00, 8 + 3 * components, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, components];
  return new Uint8Array([0xff, 0xd8, ...app0, 0xff, 0xff, ...frame, ...new Array<number>(3 * components).fill(0x11)]);
}

describe('imageSize from hand-made headers', () => {
  it('reads a progressive JPEG frame (SOF2) behind an APP segment and fill bytes', () => {
    expect(imageSize(jpegHeader(0xc2, 1400, 1400, 3))).toEqual({ width: 1400, height: 1400, depth: 24, colors: 0 });
  });

  it('does not take a DHT segment (C4) for a frame', () => {
    const dht = [0xff, 0xc4, 0x00, 0x04, 0x00, 0x00];
    const withTable = jpegHeader(0xc0, 10, 20, 1);
    const bytes = new Uint8Array([0xff, 0xd8, ...dht, ...withTable.subarray(2)]);
    expect(imageSize(bytes)).toEqual({ width: 10, height: 20, depth: 8, colors: 0 });
  });

  it('gives zeros for truncated or foreign bytes instead of throwing', () => {
    const jpeg = jpegHeader(0xc0, 300, 300, 3);
    expect(imageSize(jpeg.subarray(0, 14))).toEqual(UNKNOWN_SIZE);
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toEqual(UNKNOWN_SIZE);
    expect(imageSize(new TextEncoder().encode('<html>not an image</html>'))).toEqual(UNKNOWN_SIZE);
    expect(imageSize(new Uint8Array(0))).toEqual(UNKNOWN_SIZE);
  });
});

describe('pictureBody', () => {
  it('writes the width, height and depth after the description', () => {
    const body = pictureBody('image/jpeg', jpegHeader(0xc0, 640, 480, 3));
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const at = 4 + 4 + 'image/jpeg'.length + 4; // type, mime length, mime, description length (0)
    expect([view.getUint32(at), view.getUint32(at + 4), view.getUint32(at + 8), view.getUint32(at + 12)]).toEqual([640, 480, 24, 0]);
  });
});
