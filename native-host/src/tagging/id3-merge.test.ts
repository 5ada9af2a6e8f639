/** The ID3 merge on hand-built tags: the v2.3 conversions and the cases ffmpeg does not write. */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { concatBytes, utf8 } from '../../../shared/media/bytes';
import { id3v24Tag, syncsafe, textFrame, userTextFrame } from '../../../shared/media/id3-frames';
import { deunsync, mergeId3, readId3Frames } from './id3-merge';

/** An ID3v2.3 frame: plain 32-bit size, v2.3 flags, optional extra header bytes. */
function frame23(id: string, body: Uint8Array, format = 0): Uint8Array {
  const head = new Uint8Array(10);
  head.set(utf8(id));
  new DataView(head.buffer).setUint32(4, body.length);
  head[9] = format;
  return concatBytes([head, body]);
}

function tag23(frames: Uint8Array[], flags = 0): Uint8Array {
  const body = concatBytes(frames);
  return concatBytes([Uint8Array.of(0x49, 0x44, 0x33, 3, 0, flags, ...syncsafe(body.length)), body]);
}

/** Unsynchronisation as a writer applies it: 0x00 after every 0xFF. */
function unsync(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const byte of b) {
    out.push(byte);
    if (byte === 0xff) out.push(0);
  }
  return Uint8Array.from(out);
}

const latin1Text = (s: string) => concatBytes([Uint8Array.of(0), utf8(s)]);
const texts = (tag: Uint8Array) => Object.fromEntries(readId3Frames(tag).map((f) => [f.id, new TextDecoder().decode(f.body!.subarray(1))]));

describe('ID3v2.3 tags become v2.4', () => {
  it('TYER + TDAT fold into TDRC, TORY becomes TDOR, TIME disappears', () => {
    const tag = tag23([frame23('TIT2', latin1Text('Solstice Run')), frame23('TYER', latin1Text('2019')), frame23('TDAT', latin1Text('1705')), frame23('TIME', latin1Text('1200')), frame23('TORY', latin1Text('2001'))]);
    expect(texts(tag)).toEqual({ TIT2: 'Solstice Run', TDRC: '2019-05-17', TDOR: '2001' });
  });

  it('a compressed frame is inflated and a whole-tag unsynchronisation undone', () => {
    const artist = latin1Text('Mira Lenz');
    const size = new Uint8Array(4);
    new DataView(size.buffer).setUint32(0, artist.length);
    // Latin-1 text with 0xFF 0xE0 in it: what unsynchronisation exists for (it looks like MPEG sync).
    const note = Uint8Array.of(0, ...utf8('NOTE'), 0, 0xff, 0xe0, 0x41);
    const tag = tag23([frame23('TXXX', note), frame23('TPE1', concatBytes([size, deflateSync(artist)]), 0x80)]);
    const body = unsync(tag.subarray(10));
    expect(body.length).toBeGreaterThan(tag.length - 10);
    const unsynced = concatBytes([Uint8Array.of(0x49, 0x44, 0x33, 3, 0, 0x80, ...syncsafe(body.length)), body]);
    const frames = readId3Frames(unsynced);
    expect(frames.map((f) => f.id)).toEqual(['TXXX', 'TPE1']);
    expect(frames[0]?.body).toEqual(note);
    expect(frames[1]?.body).toEqual(artist);
    expect(deunsync(unsync(Uint8Array.of(0xff, 0xe0, 0xff, 0x00)))).toEqual(Uint8Array.of(0xff, 0xe0, 0xff, 0x00));
  });

  it('refuses encrypted frames and ID3v2.2 rather than losing them', () => {
    expect(() => readId3Frames(tag23([frame23('APIC', Uint8Array.of(1, 2, 3), 0x40)]))).toThrow(expect.objectContaining({ code: 'media.unsupported' }));
    expect(() => readId3Frames(Uint8Array.of(0x49, 0x44, 0x33, 2, 0, 0, 0, 0, 0, 0))).toThrow(expect.objectContaining({ code: 'media.unsupported' }));
  });
});

describe('mergeId3', () => {
  it('replaces TXXX by description whatever its encoding and case, and keeps the others', () => {
    const utf16Name = concatBytes([Uint8Array.of(1, 0xff, 0xfe), new Uint8Array(Buffer.from('beatport_track_id', 'utf16le')), Uint8Array.of(0, 0), new Uint8Array(Buffer.from('1', 'utf16le'))]);
    const old = tag23([frame23('TXXX', utf16Name), frame23('TXXX', concatBytes([Uint8Array.of(0), utf8('MOOD'), Uint8Array.of(0), utf8('dark')]))]);
    const merged = mergeId3(old, id3v24Tag([userTextFrame('BEATPORT_TRACK_ID', '17001')], 0));
    const bodies = readId3Frames(merged).map((f) => new TextDecoder().decode(f.body!.subarray(1)).split('\0').join('='));
    expect(bodies).toEqual(['MOOD=dark', 'BEATPORT_TRACK_ID=17001']);
  });

  it('repairs v2.4 frames written with plain (not syncsafe) sizes', () => {
    const big = 'x'.repeat(200); // 205 bytes: 0xCD is not a valid syncsafe byte
    const body = latin1Text(big);
    const plain = new Uint8Array(10 + body.length);
    plain.set(utf8('TALB'));
    new DataView(plain.buffer).setUint32(4, body.length);
    plain.set(body, 10);
    const old = concatBytes([Uint8Array.of(0x49, 0x44, 0x33, 4, 0, 0, ...syncsafe(plain.length + 10)), plain, new Uint8Array(10)]);
    const merged = mergeId3(old, id3v24Tag([textFrame('TBPM', ['124'])], 0));
    expect(texts(merged)).toEqual({ TALB: big, TBPM: '124' });
  });
});
