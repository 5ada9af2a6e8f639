import { describe, expect, it } from 'vitest';
import { isOwnProfile, isUploadPage, uploadPlatformOfHost } from './where';

describe('where the upload entry point goes', () => {
  it('knows the two sites’ upload pages', () => {
    expect(isUploadPage('https://soundcloud.com/upload')).toBe(true);
    expect(isUploadPage('https://www.mixcloud.com/upload/?ref=nav')).toBe(true);
    expect(isUploadPage('https://soundcloud.com/upload/extra')).toBe(false);
    expect(isUploadPage('https://www.beatport.com/upload')).toBe(false);
    expect(uploadPlatformOfHost('not a url')).toBeUndefined();
  });

  it('matches the own profile and its tabs, not a track, another user or the other site', () => {
    const sc = 'https://soundcloud.com/mira-kovac';
    expect(isOwnProfile('https://soundcloud.com/mira-kovac', sc)).toBe(true);
    expect(isOwnProfile('https://soundcloud.com/Mira-Kovac/tracks?x=1', sc)).toBe(true);
    expect(isOwnProfile('https://soundcloud.com/mira-kovac/night-drive', sc)).toBe(false);
    expect(isOwnProfile('https://soundcloud.com/someone-else', sc)).toBe(false);
    expect(isOwnProfile('https://www.mixcloud.com/mira-kovac/', sc)).toBe(false);
    expect(isOwnProfile('https://www.mixcloud.com/deckhandtester/uploads/', 'https://www.mixcloud.com/deckhandtester/')).toBe(true);
  });
});
