import { describe, expect, it } from 'vitest';
import { tagText } from './tag-text';

describe('tagText', () => {
  it('lists known fields in the chosen key notation, skipping unknown ones', () => {
    const text = tagText(
      { platform: 'beatport', id: '1', url: 'https://www.beatport.com/track/x/1', title: 'Purpose', mixName: 'Original Mix', artists: ['Noisia'], bpm: 86.4, key: 'A Minor', label: 'Vision', releaseDate: '2016-01-01T00:00:00Z' },
      'camelot',
    );
    expect(text).toBe(
      ['Title: Purpose (Original Mix)', 'Artists: Noisia', 'Label: Vision', 'BPM: 86', 'Key: 8A', 'Released: 2016-01-01', 'URL: https://www.beatport.com/track/x/1'].join('\n'),
    );
  });
});
