import { describe, expect, it } from 'vitest';
import { Catalogue, shardedPath } from './catalogue';
import { MIXCLOUD_AUDIO } from './catalogue-data';
import { MIXCLOUD_FIXTURES as F } from './fixtures';
import { showKey } from './model';

describe('catalogue', () => {
  it('is deterministic: two builds are identical', () => {
    expect(JSON.stringify(new Catalogue())).toBe(JSON.stringify(new Catalogue()));
  });

  it('has unique ids, uuids and picture paths, and newest-first shows', () => {
    const cat = new Catalogue();
    expect(new Set(cat.shows.map((s) => s.id)).size).toBe(cat.shows.length);
    expect(new Set(cat.shows.map((s) => s.uuid)).size).toBe(cat.shows.length);
    const created = cat.shows.map((s) => s.createdTime);
    expect([...created].sort().reverse()).toEqual(created);
    for (const s of cat.shows) {
      expect(cat.showByAudioPath(shardedPath(s.uuid))).toBe(s);
      if (s.picturePath) expect(s.picturePath).toMatch(/^extaudio\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/[0-9a-f-]+$/);
    }
  });

  it('gives every audio asset its own tone, and every playable show the length of its asset', () => {
    const tones = Object.values(MIXCLOUD_AUDIO).map((a) => a.freq);
    expect(new Set(tones).size).toBe(tones.length);
    const cat = new Catalogue();
    for (const s of cat.shows) if (s.audio) expect(s.audioLength).toBe(MIXCLOUD_AUDIO[s.audio]!.durationSec);
    const shortOnes = cat.shows.filter((s) => s.audio && s.audio !== 'twoHour');
    expect(shortOnes.every((s) => s.audioLength >= 180 && s.audioLength <= 900)).toBe(true);
  });

  it('fixture roles point at what they promise', () => {
    expect(F.twoHourShow).toMatchObject({ durationSec: 7200, playable: true });
    expect(F.twoHourShow.expected.chapters).toHaveLength(24);
    expect(F.shortShow.expected.chapters.filter((c) => c.startMs === undefined)).toHaveLength(2);
    expect(F.shortShow.sections[F.shortShow.songArtistChapter.index]).toEqual({ kind: 'chapter', chapter: 'Golden Hour / Rosa Lind', startSeconds: 300 });
    expect(F.exclusive).toMatchObject({ isExclusive: true, playable: false });
    expect(F.restricted).toMatchObject({ restrictedReason: 'repeat_play', playable: false });
    expect(F.noTracklist.sections).toEqual([]);
    expect(F.hostile.name).toHaveLength(2000);
    expect(F.hostile).toMatchObject({ description: null, pictureUrl: null });
    expect(F.pagedUser.uploadCount).toBeGreaterThanOrEqual(40);
    expect(new Catalogue().uploads(F.pagedUser.username).map(showKey)[0]).toBe(F.pagedUser.newestShow.key);
  });
});
