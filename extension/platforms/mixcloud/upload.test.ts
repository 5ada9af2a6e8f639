import { describe, expect, it } from 'vitest';
import { emptyFields, type UploadFields } from '../../ui/upload/model';
import { mixcloudAnswer, mixcloudParts, parseTracklist, validateMixcloud } from './upload';

const file = (name = 'set.mp3', size = 1000) => {
  const f = new File([new Uint8Array(1)], name, { type: 'audio/mpeg' });
  Object.defineProperty(f, 'size', { value: size });
  return f;
};
const fields = (patch: Partial<UploadFields> = {}): UploadFields => ({ ...emptyFields(), title: 'Harbour Live', ...patch });

describe('tracklist text → sections', () => {
  it('reads timed tracks, untimed tracks and chapters; reports lines with only a time', () => {
    expect(parseTracklist('0:00 Intro\n1:30 Mira - Night Drive\n\n1:02:05 Solen – Tidewater\nUnknown - ID\n12:00 ')).toEqual({
      sections: [
        { chapter: 'Intro', startSec: 0 }, { artist: 'Mira', song: 'Night Drive', startSec: 90 }, { artist: 'Solen', song: 'Tidewater', startSec: 3725 },
        { artist: 'Unknown', song: 'ID' },
      ],
      bad: [6],
    });
    expect(parseTracklist('12:00\nA - B').bad).toEqual([1]);
  });
});

describe('Mixcloud upload validation (before any byte is sent)', () => {
  it('accepts a complete form', () => {
    expect(validateMixcloud(fields({ tags: ['a', 'b', 'c', 'd', 'e'], description: 'x'.repeat(1000) }), file(), false)).toEqual({});
  });

  it('limits description, tags, picture size and type, and file size', () => {
    const big = new Blob([new Uint8Array(10_485_761)], { type: 'image/jpeg' });
    const errors = validateMixcloud(fields({ description: 'x'.repeat(1001), tags: ['1', '2', '3', '4', '5', '6'], artwork: big }), file('set.mp3', 4_294_967_297), false);
    expect(errors).toMatchObject({ description: expect.stringContaining('1000'), tags: expect.stringContaining('5'), artwork: expect.stringContaining('10 MB'), file: expect.stringContaining('4 GB') });
  });

  it('refuses Pro-only options on a standard account, allows them on Pro', () => {
    expect(validateMixcloud(fields({ hideStats: true }), file(), false).publishDate).toContain('Pro');
    expect(validateMixcloud(fields({ hideStats: true, publishDate: '2026-12-01T20:00' }), file(), true)).toEqual({});
  });
});

describe('Mixcloud upload request', () => {
  it('sends mp3, name, tags-X-tag, sections-X-*, picture, unlisted; Pro fields only for Pro', () => {
    const f = file();
    const form = fields({ description: 'D', tags: ['deep', 'live'], tracklist: '0:00 Intro\n1:30 Mira - Night Drive', privacy: 'private', hideStats: true, artwork: new Blob(['p'], { type: 'image/png' }) });
    const names = (pro: boolean) => mixcloudParts(form, f, pro).map((p) => `${p.name}=${typeof p.value === 'string' ? p.value : 'blob'}`);
    expect(names(false)).toEqual([
      'mp3=blob', 'name=Harbour Live', 'description=D', 'tags-0-tag=deep', 'tags-1-tag=live', 'sections-0-chapter=Intro', 'sections-0-start_time=0',
      'sections-1-artist=Mira', 'sections-1-song=Night Drive', 'sections-1-start_time=90', 'picture=blob', 'unlisted=1',
    ]);
    expect(names(true)).toContain('hide_stats=1');
  });

  it('reads the answer: the show link on success, field errors from a validation answer, no JSON as a failure', () => {
    expect(mixcloudAnswer(200, '{"result":{"success":true,"key":"/deckhandtester/harbour-live/"}}')).toEqual({ ok: true, url: 'https://www.mixcloud.com/deckhandtester/harbour-live/' });
    expect(mixcloudAnswer(400, '{"error":{"message":"The upload is not valid."},"details":{"description":["Too long."],"tags-5-tag":["At most 5."]}}')).toEqual({
      ok: false, message: 'The upload is not valid.', fieldErrors: { description: 'Too long.', tags: 'At most 5.' },
    });
    expect(mixcloudAnswer(200, '')).toMatchObject({ ok: false });
  });
});
