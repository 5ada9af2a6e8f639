import { describe, expect, it } from 'vitest';
import { buildTags } from './tags';
import type { TrackMetadata } from '../track';

const SHOW: TrackMetadata = {
  platform: 'mixcloud', id: '/dj/show/', url: 'https://www.mixcloud.com/dj/show/', title: 'Show', durationMs: 600_000,
  chapters: [
    { startMs: 0, title: 'Solstice Run', artist: 'Mira Lenz', bpm: 122, key: 'Ebm' },
    { startMs: 200_000, title: 'Unknown Dubplate', artist: 'Nobody' },
    { startMs: 400_000, title: 'Paper Moons', bpm: 124 },
  ],
};

describe('chapter titles carry a section’s Beatport BPM and key', () => {
  it('in the user’s key notation; sections without a match keep their plain title', () => {
    const titles = (notation: 'standard' | 'camelot') => buildTags(SHOW, { keyNotation: notation }).chapters?.map((c) => c.title);
    expect(titles('standard')).toEqual(['Mira Lenz - Solstice Run [122 BPM, Ebm]', 'Nobody - Unknown Dubplate', 'Paper Moons [124 BPM]']);
    expect(titles('camelot')?.[0]).toBe('Mira Lenz - Solstice Run [122 BPM, 2A]');
  });
});
