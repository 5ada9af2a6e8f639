import { describe, expect, it } from 'vitest';
import { renderTemplate, safeSegment, templateFields, truncateUtf8 } from './filename';
import type { TrackMetadata } from './track';

const meta: TrackMetadata = {
  platform: 'soundcloud',
  id: 'soundcloud:tracks:1',
  url: 'https://soundcloud.com/a/b',
  title: 'Night Drive',
  artists: ['Ada Lux', 'Ben'],
  album: 'Roads',
  trackNumber: 3,
  bpm: 123.6,
  key: 'Am',
  releaseDate: '2024-05-17T00:00:00Z',
};

describe('renderTemplate', () => {
  it('fills tokens and adds the extension', () => {
    const f = templateFields(meta);
    expect(renderTemplate('{artist} - {title}', f, 'm4a')).toEqual(['Ada Lux - Night Drive.m4a']);
    expect(renderTemplate('{platform}/{album}/{track} {title} [{bpm} {key}]', f, 'mp3')).toEqual([
      'SoundCloud',
      'Roads',
      '03 Night Drive [124 Am].mp3',
    ]);
    expect(renderTemplate('{year}/{date} {artists}', f, 'm4a')).toEqual(['2024', '2024-05-17 Ada Lux, Ben.m4a']);
  });

  it('tidies what missing tokens leave behind', () => {
    const f = templateFields({ ...meta, artists: undefined, album: undefined, bpm: undefined, key: undefined });
    expect(renderTemplate('{artist} - {title} ({bpm})', f, 'm4a')).toEqual(['Night Drive.m4a']);
    expect(renderTemplate('{album}/{title}', f, 'm4a')).toEqual(['Night Drive.m4a']);
  });

  it('never produces a path that leaves the library', () => {
    const f = templateFields({ ...meta, title: '../../etc/passwd', artists: ['/root', '..'] });
    const out = renderTemplate('{artist}/{title}', f, 'm4a');
    for (const seg of out) {
      expect(seg).not.toMatch(/^\.\.?$/);
      expect(seg).not.toMatch(/[/\\]/);
      expect(seg.startsWith('.')).toBe(false);
    }
    const relative = renderTemplate('../{title}', f, 'm4a');
    expect(relative.every((seg) => seg !== '..' && seg !== '.' && !seg.includes('/'))).toBe(true);
    expect(relative).toEqual(['_.._etc_passwd.m4a']);
  });

  it('keeps the mix name when the title lacks it', () => {
    const f = templateFields({ ...meta, title: 'Purpose', mixName: 'Original Mix' });
    expect(renderTemplate('{title}', f, 'mp3')).toEqual(['Purpose (Original Mix).mp3']);
    const g = templateFields({ ...meta, title: 'Purpose (Original Mix)', mixName: 'Original Mix' });
    expect(renderTemplate('{title}', g, 'mp3')).toEqual(['Purpose (Original Mix).mp3']);
  });
});

describe('safeSegment', () => {
  it('removes characters Windows forbids, control characters and bidi overrides', () => {
    expect(safeSegment('a<b>c:d"e|f?g*h')).toBe('a_b_c_d_e_f_g_h');
    expect(safeSegment('x\u0000y\u001fz')).toBe('xyz');
    expect(safeSegment('evil\u202Egpj.exe')).toBe('evilgpj.exe');
  });
  it('handles reserved names, trailing dots and spaces, empties', () => {
    expect(safeSegment('CON')).toBe('CON_');
    expect(safeSegment('nul.txt')).toBe('nul.txt_');
    expect(safeSegment('name. . ')).toBe('name');
    expect(safeSegment('...')).toBe('Untitled');
    expect(safeSegment('   ')).toBe('Untitled');
  });
  it('limits to 255 UTF-8 bytes without splitting characters', () => {
    const long = '🎵'.repeat(100) + 'é'.repeat(300);
    const s = safeSegment(long, 4);
    expect(new TextEncoder().encode(s).length).toBeLessThanOrEqual(251);
    expect(s).not.toContain('\uFFFD');
    const [file] = renderTemplate('{title}', templateFields({ ...meta, title: 'x'.repeat(300) }), 'm4a');
    expect(new TextEncoder().encode(file).length).toBe(255);
    expect(file!.endsWith('.m4a')).toBe(true);
    expect(truncateUtf8('aé', 2)).toBe('a');
  });
});
