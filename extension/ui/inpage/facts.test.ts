import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrackRef } from '../../../shared/track';
import { readBroadcast } from './broadcast';
import { beatportLink, factsText, renderFacts } from './facts';

const sc: TrackRef = { platform: 'soundcloud', id: 'soundcloud:tracks:1', url: 'https://soundcloud.com/a/b', kind: 'track', title: 'B' };
let createButton: typeof import('./button').createButton;

beforeAll(async () => {
  // The button code uses the page's document; linkedom stands in for it.
  const { document } = parseHTML('<!doctype html><html><body><div class="sc-button-group"></div></body></html>');
  Object.assign(globalThis, { document });
  ({ createButton } = await import('./button'));
});

const make = (ref: TrackRef, platform: TrackRef['platform'] = ref.platform) => {
  const host = createButton(ref, { platform, size: 'small', onClick: () => undefined });
  document.querySelector('.sc-button-group')?.append(host);
  return host;
};
const chipOf = (host: HTMLElement) => host.shadowRoot?.querySelector('.facts') ?? null;

describe('BPM/key chip beside the in-page button', () => {
  it('formats BPM as an integer and the key in the chosen notation', () => {
    expect(factsText({ bpm: 127.6, key: 'Am' }, 'standard')).toBe('128 BPM · Am');
    expect(factsText({ bpm: 124, key: 'Am' }, 'camelot')).toBe('124 BPM · 8A');
    expect(factsText({ key: 'F#' }, 'openkey')).toBe('7d');
    expect(factsText({ bpm: 0 }, 'standard')).toBe('');
    expect(factsText(undefined, 'standard')).toBe('');
  });

  it('a SoundCloud button has no chip until a match is known, then one right after the button, linked to Beatport', () => {
    const host = make(sc);
    expect(chipOf(host)).toBeNull();
    renderFacts(host, { bpm: 124, key: 'Am', score: 0.97, beatportUrl: 'https://www.beatport.com/track/b/123' }, 'camelot');
    const chip = chipOf(host) as HTMLAnchorElement;
    expect(chip.textContent).toBe('124 BPM · 8A');
    expect(chip.localName).toBe('a');
    expect(chip.getAttribute('href')).toBe('https://www.beatport.com/track/b/123');
    expect(chip.getAttribute('rel')).toContain('noopener');
    expect(chip.getAttribute('aria-label')).toBe('From Beatport: 124 BPM · 8A (match 97%)');
    expect(chip.previousElementSibling?.classList.contains('dh')).toBe(true);
    // An update redraws the same chip; a rejection (no facts) removes it.
    renderFacts(host, { bpm: 126, key: 'C' }, 'standard');
    expect(host.shadowRoot?.querySelectorAll('.facts').length).toBe(1);
    expect(chipOf(host)?.textContent).toBe('126 BPM · C');
    expect(chipOf(host)?.localName).toBe('span');
    renderFacts(host, undefined, 'standard');
    expect(chipOf(host)).toBeNull();
  });

  it('never links anywhere but Beatport over https, and never renders markup from a key', () => {
    expect(beatportLink('javascript:alert(1)')).toBeUndefined();
    expect(beatportLink('https://beatport.com.evil.example/track/x/1')).toBeUndefined();
    expect(beatportLink('http://www.beatport.com/track/x/1')).toBeUndefined();
    expect(beatportLink('https://www.beatport.com/track/x/1')).toBe('https://www.beatport.com/track/x/1');
    const host = make({ ...sc, id: 'soundcloud:tracks:2' });
    renderFacts(host, { key: '<img src=x onerror=alert(1)>', beatportUrl: 'javascript:alert(1)' }, 'standard');
    const chip = chipOf(host);
    expect(chip?.localName).toBe('span');
    expect(chip?.querySelector('img')).toBeNull();
    expect(chip?.textContent).toBe('<img src=x o'); // as text, cut to 12 characters
  });

  it('Beatport rows keep the chip from the page itself', () => {
    const host = make({ platform: 'beatport', id: '9', url: 'https://www.beatport.com/track/x/9', kind: 'preview', bpm: 128, key: 'Gb' });
    expect(chipOf(host)?.textContent).toBe('128 BPM · Gb');
    expect(chipOf(host)?.getAttribute('title')).toBe('BPM and key');
  });
});

describe('track.match broadcasts as the content script reads them', () => {
  it('keeps the facts, drops what is out of range, and turns a rejection into "no facts"', () => {
    expect(readBroadcast({ type: 'track.match', trackKey: 'soundcloud:1', bpm: 124, key: 'Am', score: 0.9, beatportUrl: 'https://www.beatport.com/track/a/1' })).toEqual({
      type: 'track.match',
      trackKey: 'soundcloud:1',
      facts: { bpm: 124, key: 'Am', score: 0.9, beatportUrl: 'https://www.beatport.com/track/a/1' },
    });
    expect(readBroadcast({ type: 'track.match', trackKey: 'soundcloud:1', bpm: 124, key: 'Am', rejected: true })).toEqual({ type: 'track.match', trackKey: 'soundcloud:1' });
    expect(readBroadcast({ type: 'track.match', trackKey: 'k', bpm: -5, key: 'x'.repeat(50), score: 7 })).toEqual({ type: 'track.match', trackKey: 'k' });
    expect(readBroadcast({ type: 'track.match', bpm: 120 })).toBeUndefined();
    expect(readBroadcast({ type: 'track.match', trackKey: 'k'.repeat(401) })).toBeUndefined();
    expect(readBroadcast({ type: 'something.else' })).toBeUndefined();
    expect(readBroadcast(null)).toBeUndefined();
  });
});
