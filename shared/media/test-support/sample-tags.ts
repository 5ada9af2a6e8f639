/** TEST-ONLY: a Tags value that exercises every field, and one full of hostile strings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artwork, Tags } from '../types';

export function loadArtwork(dir: string, kind: 'jpeg' | 'png'): Artwork {
  return kind === 'jpeg'
    ? { data: new Uint8Array(readFileSync(join(dir, 'cover.jpg'))), mime: 'image/jpeg' }
    : { data: new Uint8Array(readFileSync(join(dir, 'cover.png'))), mime: 'image/png' };
}

export function fullTags(artwork: Artwork, key = '8A'): Tags {
  return {
    title: 'Night Drive (Extended Mix)',
    artists: ['Ada Lux', 'Ben Q'],
    albumArtist: 'Ada Lux',
    album: 'Roads EP',
    genre: 'Melodic House & Techno',
    bpm: 123.6,
    key,
    label: 'Afterlight Records',
    isrc: 'GBAYE2400123',
    date: '2024-05-17',
    trackNumber: 3,
    trackTotal: 7,
    discNumber: 1,
    comment: 'ripped by test',
    description: 'Line one\nLine two',
    url: 'https://soundcloud.com/ada-lux/night-drive',
    artwork,
    chapters: [
      { startMs: 0, title: 'Intro' },
      { startMs: 8000, endMs: 16000, title: 'Ada Lux - Night Drive' },
      { startMs: 16000, title: 'Outro' },
    ],
    extra: { CATALOGNUMBER: 'AFT042', BEATPORT_TRACK_ID: '18211234' },
  };
}

/** NUL, RTL override/marks, 2,000 characters, emoji, a lone surrogate, control characters. */
export const HOSTILE = {
  title: `Evil\u0000Title \u202Eesrever\u202C \u200Fمرحبا ${'x'.repeat(2000)} 🎧🔥`,
  artist: 'DJ \u0000Null\u0007Bell 👩‍🎤',
  chapter: `${'🎵'.repeat(100)}\u0000end`,
  extraName: 'WEIRD\u0000NAME',
  extraValue: 'v\u0000al\ud800ue',
};

export function hostileTags(): Tags {
  return {
    title: HOSTILE.title,
    artists: [HOSTILE.artist, '', '   '],
    album: '\u200F',
    key: 'not a key at all',
    url: 'https://example.com/ä ö?q=1',
    chapters: [{ startMs: 1000, title: HOSTILE.chapter }],
    extra: { [HOSTILE.extraName]: HOSTILE.extraValue },
  };
}
