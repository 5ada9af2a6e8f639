import { describe, expect, it } from 'vitest';
import { buildCueSheet, cueTime } from './cue';
import type { Chapter } from './track';

/** The Mixcloud short show's tracklist: two sections without a start time. */
const SHORT_SHOW: Chapter[] = [
  { startMs: 0, title: 'Slow Bloom', artist: 'Ayla Moreno' },
  { startMs: 62000, title: 'Night Tram', artist: 'The Velvet Lanterns' },
  { startMs: 120000, title: 'Listener dedications' },
  { title: 'Harbour Lights', artist: 'Kofi Mensah Quartet' },
  { startMs: 241000, title: 'Paper Suns', artist: 'Mira Castell' },
  { startMs: 300000, title: 'Golden Hour / Rosa Lind' },
  { title: 'Last Call (Dub)', artist: 'DJ Okapi' },
  { startMs: 420000, title: 'Closing Time', artist: 'Ayla Moreno' },
];

const lines = (text: string | undefined) => (text ?? '').split('\r\n');

describe('buildCueSheet', () => {
  it('writes one TRACK per section, INDEX only where the start is known', () => {
    const text = buildCueSheet({
      title: 'Sunday Selections - Episode 12',
      performer: 'Deep Waves Radio',
      fileName: 'Deep Waves Radio - Sunday Selections - Episode 12.m4a',
      format: 'm4a',
      chapters: SHORT_SHOW,
      durationMs: 480_000,
      genre: 'Deep House',
      date: '2024-03-10T12:00:00Z',
      url: 'https://www.mixcloud.com/deepwavesradio/sunday-selections-episode-12/',
    });
    expect(text).toBe(
      [
        'REM GENRE "Deep House"',
        'REM DATE 2024',
        'REM COMMENT "https://www.mixcloud.com/deepwavesradio/sunday-selections-episode-12/"',
        'REM COMMENT "2 of 8 sections have no start time in the source; their tracks have no INDEX"',
        'PERFORMER "Deep Waves Radio"',
        'TITLE "Sunday Selections - Episode 12"',
        'FILE "Deep Waves Radio - Sunday Selections - Episode 12.m4a" WAVE',
        '  TRACK 01 AUDIO',
        '    TITLE "Slow Bloom"',
        '    PERFORMER "Ayla Moreno"',
        '    INDEX 01 00:00:00',
        '  TRACK 02 AUDIO',
        '    TITLE "Night Tram"',
        '    PERFORMER "The Velvet Lanterns"',
        '    INDEX 01 01:02:00',
        '  TRACK 03 AUDIO',
        '    TITLE "Listener dedications"',
        '    INDEX 01 02:00:00',
        '  TRACK 04 AUDIO',
        '    TITLE "Harbour Lights"',
        '    PERFORMER "Kofi Mensah Quartet"',
        '    REM START "unknown: the tracklist gives no start time"',
        '  TRACK 05 AUDIO',
        '    TITLE "Paper Suns"',
        '    PERFORMER "Mira Castell"',
        '    INDEX 01 04:01:00',
        '  TRACK 06 AUDIO',
        '    TITLE "Golden Hour / Rosa Lind"',
        '    INDEX 01 05:00:00',
        '  TRACK 07 AUDIO',
        '    TITLE "Last Call (Dub)"',
        '    PERFORMER "DJ Okapi"',
        '    REM START "unknown: the tracklist gives no start time"',
        '  TRACK 08 AUDIO',
        '    TITLE "Closing Time"',
        '    PERFORMER "Ayla Moreno"',
        '    INDEX 01 07:00:00',
        '',
      ].join('\r\n'),
    );
  });

  it('says nothing about untimed sections when every start is known, and names MP3 files as MP3', () => {
    const text = buildCueSheet({ title: 'Mix', fileName: 'Mix.mp3', format: 'mp3', chapters: [{ startMs: 0, title: 'A' }, { startMs: 1000, title: 'B' }] });
    expect(lines(text)).toContain('FILE "Mix.mp3" MP3');
    expect(text).not.toMatch(/no start time|REM START/);
    expect(lines(text).filter((l) => l.includes('INDEX 01'))).toEqual(['    INDEX 01 00:00:00', '    INDEX 01 00:01:00']);
    expect(text).not.toMatch(/PERFORMER/);
  });

  it('gives sections with a Beatport match REM BPM and REM KEY (in the chosen notation); unknown stays unknown', () => {
    const chapters: Chapter[] = [
      { startMs: 0, title: 'Solstice Run', artist: 'Mira Lenz', bpm: 122, key: 'Ebm' },
      { startMs: 60_000, title: 'Unknown Dubplate' },
      { startMs: 120_000, title: 'Paper Moons', artist: 'Nadia Ferro', bpm: 123.6 },
    ];
    const standard = lines(buildCueSheet({ title: 'Mix', fileName: 'Mix.m4a', format: 'm4a', chapters }));
    const first = standard.indexOf('  TRACK 01 AUDIO');
    expect(standard.slice(first, first + 6)).toEqual(['  TRACK 01 AUDIO', '    TITLE "Solstice Run"', '    PERFORMER "Mira Lenz"', '    REM BPM 122', '    REM KEY Ebm', '    INDEX 01 00:00:00']);
    expect(standard.filter((l) => l.startsWith('    REM BPM'))).toEqual(['    REM BPM 122', '    REM BPM 124']);
    expect(standard.filter((l) => l.startsWith('    REM KEY'))).toEqual(['    REM KEY Ebm']);
    const camelot = lines(buildCueSheet({ title: 'Mix', fileName: 'Mix.m4a', format: 'm4a', chapters, keyNotation: 'camelot' }));
    expect(camelot).toContain('    REM KEY 2A');
  });

  it('has no sheet without sections', () => {
    expect(buildCueSheet({ title: 'Mix', fileName: 'Mix.m4a', format: 'm4a', chapters: [] })).toBeUndefined();
  });

  it('does not use starts that go backwards or lie past the end of the audio', () => {
    const text = buildCueSheet({
      title: 'Mix',
      fileName: 'Mix.m4a',
      format: 'm4a',
      durationMs: 600_000,
      chapters: [
        { startMs: 0, title: 'A' },
        { startMs: 300_000, title: 'B' },
        { startMs: 200_000, title: 'C' },
        { startMs: 400_000, title: 'D' },
        { startMs: 900_000, title: 'E' },
      ],
    });
    expect(lines(text).filter((l) => l.includes('INDEX 01'))).toEqual(['    INDEX 01 00:00:00', '    INDEX 01 05:00:00', '    INDEX 01 06:40:00']);
    expect(text).toContain('REM START "not used: 03:20:00 is not after the track before"');
    expect(text).toContain('REM START "not used: 15:00:00 is past the end of the audio"');
  });

  it('keeps each value on one quoted line: no quotes, line breaks or control characters inside', () => {
    const text = buildCueSheet({
      title: 'The "Big" Mix\r\nFILE "evil.wav" WAVE',
      performer: 'DJ\u0000 Null',
      fileName: 'The _Big_ Mix.m4a',
      format: 'm4a',
      chapters: [{ startMs: 0, title: '12" Version\tof ☀️ \u202eevil', artist: 'שלום' }],
    });
    expect(lines(text)).toContain(`TITLE "The 'Big' Mix FILE 'evil.wav' WAVE"`);
    expect(lines(text)).toContain('PERFORMER "DJ Null"');
    expect(lines(text)).toContain(`    TITLE "12' Version of ☀️ \u202eevil"`);
    expect(lines(text)).toContain('    PERFORMER "שלום"');
    expect(lines(text).filter((l) => l.startsWith('FILE '))).toHaveLength(1);
  });

  it('lists sections past the 99 tracks a cue sheet may hold as comments', () => {
    const chapters: Chapter[] = Array.from({ length: 101 }, (_, i) => ({ startMs: i * 60_000, title: `T${i + 1}`, artist: 'A' }));
    chapters[100] = { title: 'T101', artist: 'A' };
    const text = buildCueSheet({ title: 'Long', fileName: 'Long.m4a', format: 'm4a', chapters });
    expect(lines(text).filter((l) => l.startsWith('  TRACK '))).toHaveLength(99);
    expect(lines(text)).toContain('REM SECTION 100 "A - T100" 99:00:00');
    expect(lines(text)).toContain('REM SECTION 101 "A - T101" untimed');
  });
});

describe('cueTime', () => {
  it('counts minutes, seconds and 1/75 s frames, minutes past 99 included', () => {
    expect(cueTime(0)).toBe('00:00:00');
    expect(cueTime(500)).toBe('00:00:38');
    expect(cueTime(62_000)).toBe('01:02:00');
    expect(cueTime(7_199_990)).toBe('119:59:74');
    expect(cueTime(7_199_999)).toBe('120:00:00');
    expect(cueTime(-5)).toBe('00:00:00');
  });
});
