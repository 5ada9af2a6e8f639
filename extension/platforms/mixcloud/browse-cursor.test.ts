/** A cursor that is not a link on the Mixcloud API host is refused with input.invalid, before any request. */
import { describe, expect, it } from 'vitest';
import { MixcloudBrowse } from './browse';
import type { McTransport } from './api';

function recording() {
  const asked: string[] = [];
  const transport = { getJson: async (url: string) => (asked.push(url), { data: [] }) } as unknown as McTransport;
  return { asked, browse: new MixcloudBrowse(transport) };
}

describe('MixcloudBrowse.page cursor', () => {
  it.each(['https://evil.example/steal?x=1', 'http://[broken', '//evil.example/x'])('refuses %s with input.invalid', async (cursor) => {
    const { asked, browse } = recording();
    await expect(browse.page(cursor, 'list')).rejects.toMatchObject({ code: 'input.invalid' });
    expect(asked).toEqual([]);
  });

  it('follows a link on the API host', async () => {
    const { asked, browse } = recording();
    await browse.page('https://api.mixcloud.com/popular/?offset=20', 'list');
    expect(asked[0]).toMatch(/^https:\/\/api\.mixcloud\.com\/popular\/\?offset=20/);
  });
});
