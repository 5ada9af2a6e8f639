import { describe, expect, it } from 'vitest';
import { emptyFields, type UploadFields } from '../../ui/upload/model';
import { scDescription, scTagList, soundcloudAnswer, soundcloudParts, validateSoundcloud } from './upload';

const file = (name = 'Mira - Night Drive.mp3', size = 1000) => {
  const f = new File([new Uint8Array(1)], name, { type: 'audio/mpeg' });
  Object.defineProperty(f, 'size', { value: size });
  return f;
};
const fields = (patch: Partial<UploadFields> = {}): UploadFields => ({ ...emptyFields(), title: 'Night Drive', ...patch });

describe('SoundCloud upload validation (before any byte is sent)', () => {
  it('accepts a complete form', () => {
    expect(validateSoundcloud(fields({ isrc: 'GB-AYE-06-01498', releaseDate: '2024-05-17', bpm: '122' }), file())).toEqual({});
  });

  it('puts each problem next to its field', () => {
    const errors = validateSoundcloud(fields({ title: 'x'.repeat(101), isrc: 'nope', releaseDate: '17/05/2024', bpm: 'fast', license: 'mine', artwork: new Blob(['x'], { type: 'image/webp' }) }), file('notes.txt'));
    expect(Object.keys(errors).sort()).toEqual(['artwork', 'bpm', 'file', 'isrc', 'license', 'releaseDate', 'title']);
    expect(validateSoundcloud(fields({ title: ' ' }), undefined)).toMatchObject({ title: 'A title is required.', file: 'Choose an audio file.' });
  });

  it('refuses files over 4 GB and counts BPM and key into the description length', () => {
    expect(validateSoundcloud(fields(), file('big.wav', 4 * 1024 ** 3 + 1)).file).toContain('4 GB');
    expect(validateSoundcloud(fields({ description: 'x'.repeat(3990), bpm: '122', key: 'Am' }), file()).description).toContain('4000');
  });
});

describe('SoundCloud upload request', () => {
  it('writes BPM and key (with Camelot) into the description, quotes multi-word tags', () => {
    expect(scDescription(fields({ description: 'Live.', bpm: '122', key: 'Am' }))).toBe('Live.\n\nBPM: 122 · Key: Am (8A)');
    expect(scDescription(fields())).toBe('');
    expect(scTagList(['deep house', 'live'])).toBe('"deep house" live');
  });

  it('sends every field as track[...] and the file last', () => {
    const f = file();
    const parts = soundcloudParts(fields({ genre: 'House', tags: ['a b'], releaseDate: '2024-05-17', isrc: 'gb-aye-06-01498', label: 'L', privacy: 'private', downloadable: false, license: 'cc-by' }), f);
    const byName = Object.fromEntries(parts.map((p) => [p.name, p.value]));
    expect(byName).toMatchObject({
      'track[title]': 'Night Drive', 'track[genre]': 'House', 'track[tag_list]': '"a b"', 'track[release_date]': '2024-05-17', 'track[isrc]': 'GBAYE0601498',
      'track[label_name]': 'L', 'track[sharing]': 'private', 'track[downloadable]': 'false', 'track[streamable]': 'true', 'track[license]': 'cc-by',
    });
    expect(parts.at(-1)).toEqual({ name: 'track[asset_data]', value: f, filename: f.name });
  });

  it('reads the answer: the new page on 201, the API’s messages otherwise', () => {
    expect(soundcloudAnswer(201, '{"permalink_url":"https://soundcloud.com/mira/night-drive"}')).toEqual({ ok: true, url: 'https://soundcloud.com/mira/night-drive' });
    expect(soundcloudAnswer(422, '{"errors":[{"error_message":"track[title] and track[asset_data] are required"}]}')).toEqual({ ok: false, message: 'track[title] and track[asset_data] are required' });
    expect(soundcloudAnswer(500, 'oops')).toMatchObject({ ok: false, message: 'SoundCloud answered HTTP 500.' });
  });
});
